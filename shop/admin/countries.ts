/** Countries for the phone picker: ISO region, calling code, usual currency. Names come from Intl. */
export const COUNTRIES: readonly [region: string, dial: string, currency: string][] = [
  ['AE', '971', 'AED'],
  ['AR', '54', 'ARS'],
  ['AT', '43', 'EUR'],
  ['AU', '61', 'AUD'],
  ['BE', '32', 'EUR'],
  ['BD', '880', 'BDT'],
  ['BR', '55', 'BRL'],
  ['CA', '1', 'CAD'],
  ['CH', '41', 'CHF'],
  ['CI', '225', 'XOF'],
  ['CL', '56', 'CLP'],
  ['CM', '237', 'XAF'],
  ['CN', '86', 'CNY'],
  ['CO', '57', 'COP'],
  ['CZ', '420', 'CZK'],
  ['DE', '49', 'EUR'],
  ['DK', '45', 'DKK'],
  ['DZ', '213', 'DZD'],
  ['EG', '20', 'EGP'],
  ['ES', '34', 'EUR'],
  ['FI', '358', 'EUR'],
  ['FR', '33', 'EUR'],
  ['GB', '44', 'GBP'],
  ['GH', '233', 'GHS'],
  ['GR', '30', 'EUR'],
  ['HK', '852', 'HKD'],
  ['HU', '36', 'HUF'],
  ['ID', '62', 'IDR'],
  ['IE', '353', 'EUR'],
  ['IL', '972', 'ILS'],
  ['IN', '91', 'INR'],
  ['IT', '39', 'EUR'],
  ['JP', '81', 'JPY'],
  ['KE', '254', 'KES'],
  ['KR', '82', 'KRW'],
  ['KW', '965', 'KWD'],
  ['LB', '961', 'LBP'],
  ['LU', '352', 'EUR'],
  ['MA', '212', 'MAD'],
  ['MX', '52', 'MXN'],
  ['MY', '60', 'MYR'],
  ['NG', '234', 'NGN'],
  ['NL', '31', 'EUR'],
  ['NO', '47', 'NOK'],
  ['NZ', '64', 'NZD'],
  ['PE', '51', 'PEN'],
  ['PH', '63', 'PHP'],
  ['PK', '92', 'PKR'],
  ['PL', '48', 'PLN'],
  ['PT', '351', 'EUR'],
  ['QA', '974', 'QAR'],
  ['RO', '40', 'RON'],
  ['SA', '966', 'SAR'],
  ['SE', '46', 'SEK'],
  ['SG', '65', 'SGD'],
  ['SN', '221', 'XOF'],
  ['TH', '66', 'THB'],
  ['TN', '216', 'TND'],
  ['TR', '90', 'TRY'],
  ['TW', '886', 'TWD'],
  ['UA', '380', 'UAH'],
  ['US', '1', 'USD'],
  ['VN', '84', 'VND'],
  ['ZA', '27', 'ZAR'],
]

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
