import { currencyDigits } from '../../core/money.ts'

// Stripe's own minor units differ from ISO 4217's for a few currencies:
// https://docs.stripe.com/currencies#zero-decimal and #special-cases.

/** Currencies Stripe takes without decimals. */
const STRIPE_ZERO_DECIMAL: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
])

/** Three-decimal currencies Stripe takes, whose last digit must be 0. */
const STRIPE_THREE_DECIMAL: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND'])

/** ISK has no decimals, but Stripe still takes it with two that are always 00. */
const STRIPE_TWO_DECIMAL_ZERO_CENTS: ReadonlySet<string> = new Set(['ISK'])

/** Stripe's number of decimals for `currency`, or null when Stripe cannot charge it. */
function stripeDigits(currency: string): number | null {
  const code = currency.toUpperCase()
  if (STRIPE_ZERO_DECIMAL.has(code)) return 0
  if (STRIPE_THREE_DECIMAL.has(code)) return 3
  if (STRIPE_TWO_DECIMAL_ZERO_CENTS.has(code)) return 2
  // Other three- and four-decimal ISO currencies (IQD, LYD, CLF, UYW) are not Stripe currencies.
  return currencyDigits(code) === 2 ? 2 : null
}

/**
 * An amount in the currency's ISO 4217 minor units (how Chatcart stores it) as Stripe's `amount`,
 * or null when Stripe cannot charge exactly that amount in that currency.
 *
 * @example toStripeAmount(1250, 'EUR') // 1250
 * @example toStripeAmount(1500, 'JPY') // 1500
 * @example toStripeAmount(500, 'ISK') // 50000
 * @example toStripeAmount(12345, 'KWD') // null (Stripe needs the last of three digits to be 0)
 */
export function toStripeAmount(amount: number, currency: string): number | null {
  const digits = stripeDigits(currency)
  if (digits === null || !Number.isSafeInteger(amount) || amount <= 0) return null
  if (STRIPE_THREE_DECIMAL.has(currency.toUpperCase()) && amount % 10 !== 0) return null
  const shift = digits - currencyDigits(currency)
  if (shift >= 0) return amount * 10 ** shift
  const factor = 10 ** -shift
  return amount % factor === 0 ? amount / factor : null
}

/**
 * Stripe's `amount_total` back in the currency's ISO 4217 minor units (rounded when Stripe's
 * units are finer).
 *
 * @example fromStripeAmount(50000, 'ISK') // 500
 * @example fromStripeAmount(12, 'MGA') // 1200
 */
export function fromStripeAmount(amount: number, currency: string): number {
  const digits = stripeDigits(currency) ?? currencyDigits(currency)
  const shift = currencyDigits(currency) - digits
  return shift >= 0 ? amount * 10 ** shift : Math.round(amount / 10 ** -shift)
}
