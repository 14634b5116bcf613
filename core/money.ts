/**
 * Money in integer minor units (cents, fils, yen), as the API stores it.
 *
 * Minor-unit digits come from an ISO 4217 table rather than from `Intl`, because browsers ship
 * different CLDR versions and CLDR deliberately differs from ISO for some currencies
 * (IQD, HUF, IDR, COP… display 0 digits in CLDR but have 2 or 3 in ISO 4217).
 */

/** ISO 4217 currencies with 0 minor-unit digits. */
const ZERO_DIGIT_CURRENCIES: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'UYI',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
])

/** ISO 4217 currencies with 3 minor-unit digits. */
const THREE_DIGIT_CURRENCIES: ReadonlySet<string> = new Set([
  'BHD',
  'IQD',
  'JOD',
  'KWD',
  'LYD',
  'OMR',
  'TND',
])

/** ISO 4217 currencies with 4 minor-unit digits (units of account). */
const FOUR_DIGIT_CURRENCIES: ReadonlySet<string> = new Set(['CLF', 'UYW'])

let supportedCurrencies: ReadonlySet<string> | undefined

/**
 * Largest amount (price, line or order total) in minor units: 10^13, a hundred billion in a
 * currency of two decimals or ten trillion dong. Far inside Number's exact range, so sums of a
 * full order can never lose a unit, and inside PostgreSQL's bigint columns.
 */
export const MAX_AMOUNT = 10_000_000_000_000

/**
 * Number of minor-unit digits of an ISO 4217 currency (2 when the currency is not listed).
 *
 * @example currencyDigits('EUR') // 2
 * @example currencyDigits('JPY') // 0
 * @example currencyDigits('KWD') // 3
 */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase()
  if (ZERO_DIGIT_CURRENCIES.has(code)) return 0
  if (THREE_DIGIT_CURRENCIES.has(code)) return 3
  if (FOUR_DIGIT_CURRENCIES.has(code)) return 4
  return 2
}

/**
 * Whether `code` is an upper-case ISO 4217 currency code known to this runtime's `Intl`.
 *
 * @example isCurrencyCode('EUR') // true
 * @example isCurrencyCode('eur') // false
 * @example isCurrencyCode('EURO') // false
 */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false
  supportedCurrencies ??= new Set(Intl.supportedValuesOf('currency'))
  return supportedCurrencies.has(code)
}

const formatters = new Map<string, Intl.NumberFormat>()

function currencyFormatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`
  let formatter = formatters.get(key)
  if (formatter === undefined) {
    const digits = currencyDigits(currency)
    const options: Intl.NumberFormatOptions = {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }
    try {
      formatter = new Intl.NumberFormat(locale, options)
    } catch (error) {
      // A malformed locale tag must not break a checkout: fall back to English.
      // An unknown currency is a programming error and still throws below.
      if (!(error instanceof RangeError)) throw error
      formatter = new Intl.NumberFormat('en', options)
    }
    // Creating formatters is costly; pages render many prices in few locale/currency pairs.
    if (formatters.size > 200) formatters.clear()
    formatters.set(key, formatter)
  }
  return formatter
}

/**
 * Formats an integer amount of minor units as a localised currency string.
 * Throws a `RangeError` for an unknown currency or a non-integer amount; a malformed locale
 * falls back to English.
 *
 * @example formatMoney(1990, 'EUR', 'fr') // '19,90 €' (with a narrow no-break space)
 * @example formatMoney(500, 'JPY', 'en') // '¥500'
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  assertMinorUnits(amount)
  const digits = currencyDigits(currency)
  // Division of two exact doubles is correctly rounded, so the formatter sees the nearest
  // double of the exact decimal value and rounds it back to `digits` places exactly.
  return currencyFormatter(currency, locale).format(amount / 10 ** digits)
}

/**
 * Plain decimal string of an amount in major units, as Meta catalog feeds expect (`19.90 EUR`).
 *
 * @example toMajorUnits(1990, 'EUR') // '19.90'
 * @example toMajorUnits(500, 'JPY') // '500'
 * @example toMajorUnits(1234, 'KWD') // '1.234'
 */
export function toMajorUnits(amount: number, currency: string): string {
  assertMinorUnits(amount)
  const digits = currencyDigits(currency)
  const sign = amount < 0 ? '-' : ''
  const absolute = String(Math.abs(amount))
  if (digits === 0) return `${sign}${absolute}`
  const padded = absolute.padStart(digits + 1, '0')
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`
}

function assertMinorUnits(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`Amount must be an integer number of minor units, got ${amount}`)
  }
}

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g
/** Digits joined by at most one separator: `.` `,` apostrophes or a (no-break) space. */
const NUMBER_RUN = /\d(?:[.,'\u2019\s]?\d)*/g

/**
 * Reads a formatted amount back into integer minor units, whatever the locale wrote:
 * `39,80 €`, `€39.80`, `1.234,50`, `1 234,50`, `CHF 1’234.50`, `₹12,34,567.89`, Arabic-Indic
 * digits. Returns `null` unless the text holds exactly one number that fits the currency.
 *
 * A single `.` or `,` followed by up to the currency's digits is the decimal separator; one
 * followed by exactly three digits is a thousands separator when the currency has fewer than
 * three decimals (so `1.234` is 1234 JPY or 1234.00 EUR but 1.234 KWD); a separator that
 * appears twice always groups thousands.
 *
 * @example parseMoney('39,80 €', 'EUR') // 3980
 * @example parseMoney('¥1,234', 'JPY') // 1234
 * @example parseMoney('KWD 1.234', 'KWD') // 1234
 */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text
    .replace(BIDI_CONTROLS, '')
    .replace(EASTERN_DIGITS, (digit) => {
      const code = digit.charCodeAt(0)
      return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660)
    })
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',')
  const runs = [...cleaned.matchAll(NUMBER_RUN)]
  const [run, extra] = runs
  if (run === undefined || extra !== undefined) return null
  const negative = /[-\u2212]/.test(cleaned.slice(0, run.index))
  const digits = currencyDigits(currency)
  const separators = run[0].replace(/\d/g, '')
  const groups = run[0].split(/\D/)
  const last = separators.at(-1)
  const lastGroup = groups.at(-1) ?? ''
  let integer = groups.join('')
  let fraction = ''
  const isDecimal =
    (last === '.' || last === ',') &&
    separators.indexOf(last) === separators.length - 1 &&
    !(lastGroup.length === 3 && digits < 3)
  if (isDecimal) {
    integer = groups.slice(0, -1).join('')
    fraction = lastGroup
    // Extra decimals are tolerated only when they are zeros ("¥500.00", "5.000 €").
    if (fraction.length > digits) {
      if (!/^0*$/.test(fraction.slice(digits))) return null
      fraction = fraction.slice(0, digits)
    }
  }
  const minor = Number(`${integer}${fraction.padEnd(digits, '0')}`)
  if (!Number.isSafeInteger(minor)) return null
  return negative ? -minor : minor
}
