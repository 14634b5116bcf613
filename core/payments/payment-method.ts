/**
 * A shop's payment methods and what the shopper is shown for one order: the transfer codes
 * (Pix, UPI, SEPA, PayNow, PromptPay) each carry the order code as their reference.
 */
import { type PaymentOrder, problem, type SettingsProblem } from './payment-order.ts'
import { type PayNowSettings, payNowQr, validatePayNowSettings } from './paynow.ts'
import { type PixSettings, pixBrCode, validatePixSettings } from './pix.ts'
import { type PromptPaySettings, promptPayQr, validatePromptPaySettings } from './promptpay.ts'
import { type SepaSettings, sepaEpcQr, validateSepaSettings } from './sepa.ts'
import { type UpiSettings, upiUrl, validateUpiSettings } from './upi.ts'

/** One payment method of a shop, as `PATCH /api/shops/{slug}` takes it in `payments`. */
export type PaymentMethod =
  | { type: 'cash' }
  | { type: 'bank'; instructions: string }
  | ({ type: 'pix' } & PixSettings)
  | ({ type: 'upi' } & UpiSettings)
  | ({ type: 'sepa' } & SepaSettings)
  | ({ type: 'paynow' } & PayNowSettings)
  | ({ type: 'promptpay' } & PromptPaySettings)

/** What the order page shows for one method. */
export type PaymentRequest =
  | { type: 'cash' }
  | { type: 'bank'; instructions: string }
  | { type: 'pix'; brCode: string }
  | { type: 'upi'; upiUrl: string }
  | { type: 'sepa'; epcQr: string }
  | { type: 'paynow'; emvQr: string }
  | { type: 'promptpay'; emvQr: string }

/** The one currency each transfer method moves; cash and bank instructions take any. */
export const PAYMENT_METHOD_CURRENCY = {
  pix: 'BRL',
  upi: 'INR',
  sepa: 'EUR',
  paynow: 'SGD',
  promptpay: 'THB',
} as const satisfies Partial<Record<PaymentMethod['type'], string>>

/** Longest bank transfer instructions. */
export const BANK_INSTRUCTIONS_MAX = 1000

/**
 * Whether a shop in `currency` may offer methods of `type`.
 *
 * @example paymentMethodSupports('pix', 'BRL') // true
 * @example paymentMethodSupports('pix', 'EUR') // false
 * @example paymentMethodSupports('cash', 'JPY') // true
 */
export function paymentMethodSupports(type: PaymentMethod['type'], currency: string): boolean {
  if (type === 'cash' || type === 'bank') return true
  return PAYMENT_METHOD_CURRENCY[type] === currency
}

/**
 * The first reason a shop in `currency` cannot offer the method, or `null`: a currency the
 * method does not move (field `type`), or a setting that cannot make its payload (the field).
 *
 * @example validatePaymentMethod({ type: 'sepa', iban: 'DE00…', beneficiary: 'Klee' }, 'EUR')
 *   // { field: 'iban', code: 'invalid_iban_checksum', message: '…' }
 */
export function validatePaymentMethod(
  method: PaymentMethod,
  currency: string,
): SettingsProblem | null {
  if (!paymentMethodSupports(method.type, currency)) {
    return problem(
      'type',
      'unsupported_currency',
      `${method.type} payments are not available for ${currency}`,
    )
  }
  switch (method.type) {
    case 'cash':
      return null
    case 'bank': {
      const length = method.instructions.trim().length
      if (length > 0 && length <= BANK_INSTRUCTIONS_MAX) return null
      return problem(
        'instructions',
        'invalid_instructions',
        `Bank instructions must be 1 to ${BANK_INSTRUCTIONS_MAX} characters`,
      )
    }
    case 'pix':
      return validatePixSettings(method)
    case 'upi':
      return validateUpiSettings(method)
    case 'sepa':
      return validateSepaSettings(method)
    case 'paynow':
      return validatePayNowSettings(method)
    case 'promptpay':
      return validatePromptPaySettings(method)
  }
}

/** Options of {@link paymentRequest}: words in the shop's language, and the order's lapse. */
export type PaymentRequestOptions = {
  /** Transfer note shown in the payer's app (UPI `tn`, SEPA remittance text), with the code. */
  note?: string
  /** When the order lapses (PayNow writes the day into its code). */
  expiresAt?: Date
}

/**
 * What the shopper is shown for the order with one method. Throws a `PaymentSettingsError`
 * naming the field when the settings or the order cannot make the payload (validate settings
 * with {@link validatePaymentMethod} when they are saved).
 *
 * @example paymentRequest({ type: 'upi', vpa: 'shop@okaxis', payeeName: 'Chai' },
 *   { amount: 1234, currency: 'INR', code: 'K7Q2M9' })
 *   // { type: 'upi', upiUrl: 'upi://pay?pa=shop@okaxis&pn=Chai&am=12.34&cu=INR&tn=K7Q2M9&tr=K7Q2M9' }
 */
export function paymentRequest(
  method: PaymentMethod,
  order: PaymentOrder,
  options: PaymentRequestOptions = {},
): PaymentRequest {
  switch (method.type) {
    case 'cash':
      return { type: 'cash' }
    case 'bank':
      return { type: 'bank', instructions: method.instructions }
    case 'pix':
      return { type: 'pix', brCode: pixBrCode(method, order) }
    case 'upi':
      return { type: 'upi', upiUrl: upiUrl(method, order, options.note) }
    case 'sepa':
      return { type: 'sepa', epcQr: sepaEpcQr(method, order, options.note) }
    case 'paynow':
      return { type: 'paynow', emvQr: payNowQr(method, order, { expiresAt: options.expiresAt }) }
    case 'promptpay':
      return { type: 'promptpay', emvQr: promptPayQr(method, order) }
  }
}
