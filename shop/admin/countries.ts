import { callingCode } from '../../core/phone.ts'

/** The usual currency of each country of the phone picker; calling codes come from the phone metadata. */
const CURRENCY_OF: Record<string, string> = {
  AE: 'AED',
  AR: 'ARS',
  AT: 'EUR',
  AU: 'AUD',
  BE: 'EUR',
  BD: 'BDT',
  BR: 'BRL',
  CA: 'CAD',
  CH: 'CHF',
  CI: 'XOF',
  CL: 'CLP',
  CM: 'XAF',
  CN: 'CNY',
  CO: 'COP',
  CZ: 'CZK',
  DE: 'EUR',
  DK: 'DKK',
  DZ: 'DZD',
  EG: 'EGP',
  ES: 'EUR',
  FI: 'EUR',
  FR: 'EUR',
  GB: 'GBP',
  GH: 'GHS',
  GR: 'EUR',
  HK: 'HKD',
  HU: 'HUF',
  ID: 'IDR',
  IE: 'EUR',
  IL: 'ILS',
  IN: 'INR',
  IT: 'EUR',
  JP: 'JPY',
  KE: 'KES',
  KR: 'KRW',
  KW: 'KWD',
  LB: 'LBP',
  LU: 'EUR',
  MA: 'MAD',
  MX: 'MXN',
  MY: 'MYR',
  NG: 'NGN',
  NL: 'EUR',
  NO: 'NOK',
  NZ: 'NZD',
  PE: 'PEN',
  PH: 'PHP',
  PK: 'PKR',
  PL: 'PLN',
  PT: 'EUR',
  QA: 'QAR',
  RO: 'RON',
  SA: 'SAR',
  SE: 'SEK',
  SG: 'SGD',
  SN: 'XOF',
  TH: 'THB',
  TN: 'TND',
  TR: 'TRY',
  TW: 'TWD',
  UA: 'UAH',
  US: 'USD',
  VN: 'VND',
  ZA: 'ZAR',
}

/** Countries for the phone picker: ISO region, calling code, usual currency. Names come from Intl. */
export const COUNTRIES: readonly [region: string, dial: string, currency: string][] =
  Object.entries(CURRENCY_OF).flatMap(([region, currency]) => {
    const dial = callingCode(region)
    return dial ? [[region, dial, currency] as [string, string, string]] : []
  })

/** The region of a browser language tag, e.g. `fr-CA` → `CA`. */
export function regionOf(tag: string | undefined): string | undefined {
  if (!tag) return undefined
  try {
    return new Intl.Locale(tag).maximize().region
  } catch {
    return undefined
  }
}

/** A country's name in the given language. */
export function countryName(region: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(region) ?? region
  } catch {
    return region
  }
}

/** Every ISO currency this browser knows, or a short list when it cannot tell. */
export function currencyCodes(): string[] {
  try {
    return Intl.supportedValuesOf('currency')
  } catch {
    return [...new Set(COUNTRIES.map((c) => c[2]))].sort()
  }
}
