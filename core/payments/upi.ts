/**
 * UPI payment links (`upi://pay?…`), as NPCI's UPI Linking Specification defines them: any UPI
 * app opens one (or reads it from a QR code) with the payee, the amount in rupees and the order
 * code as transaction reference and note.
 */
import {
  decimalAmount,
  orderProblem,
  type PaymentOrder,
  problem,
  type SettingsProblem,
  throwIfProblem,
} from './payment-order.ts'

/** A shop's UPI settings: its virtual payment address (`shop@okaxis`) and the payee name. */
export type UpiSettings = { vpa: string; payeeName: string }

/** Longest payee name (`pn`) and note (`tn`) written into a link. */
export const UPI_NAME_MAX = 99
export const UPI_NOTE_MAX = 50
/** A VPA: a handle of letters, digits, `.`, `_` or `-`, `@`, the PSP's handle. */
const VPA = /^[a-z0-9][a-z0-9._-]{0,255}@[a-z][a-z0-9.-]{1,63}$/
/** `tr`, the transaction reference: up to 35 letters and digits. */
const REFERENCE = /^[A-Za-z0-9]{1,35}$/

/** The VPA in the lower case UPI compares it in, or the reason it is not one. */
export function normalizeVpa(input: string): string | SettingsProblem {
  const vpa = input.trim().toLowerCase()
  if (VPA.test(vpa)) return vpa
  return problem('vpa', 'invalid_vpa', 'UPI ID must look like name@bank (letters, digits, . _ -)')
}

/** The first reason the settings cannot make a UPI link, or `null`. */
export function validateUpiSettings(settings: UpiSettings): SettingsProblem | null {
  const vpa = normalizeVpa(settings.vpa)
  if (typeof vpa !== 'string') return vpa
  const name = settings.payeeName.trim()
  if (!name || [...name].length > UPI_NAME_MAX || /[\p{Cc}]/u.test(name)) {
    return problem(
      'payeeName',
      'invalid_name',
      `Payee name must be 1 to ${UPI_NAME_MAX} characters on one line`,
    )
  }
  return null
}

/**
 * Percent-encodes a query value (UTF-8, spaces as `%20`: some UPI apps show a `+` as it is),
 * leaving `@` as it is, which a query may hold and every app expects in `pa`.
 */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%40/g, '@')
}

/**
 * The UPI link of the order: `upi://pay?pa=…&pn=…&am=…&cu=INR&tn=…&tr=<code>`. The note `tn`,
 * which the payer's app shows, is `note` (the caller's translated words, cut to 50 characters)
 * or else the order code. Throws a `PaymentSettingsError` naming the field when the settings or
 * the order cannot make one.
 *
 * @example upiUrl({ vpa: 'shop@okaxis', payeeName: 'Chai Point' },
 *   { amount: 1234, currency: 'INR', code: 'K7Q2M9' })
 *   // 'upi://pay?pa=shop@okaxis&pn=Chai%20Point&am=12.34&cu=INR&tn=K7Q2M9&tr=K7Q2M9'
 */
export function upiUrl(settings: UpiSettings, order: PaymentOrder, note?: string): string {
  throwIfProblem(validateUpiSettings(settings))
  throwIfProblem(orderProblem(order, { currency: 'INR', codePattern: REFERENCE }))
  const text = [...(note?.replace(/\s+/g, ' ').trim() || order.code)]
    .slice(0, UPI_NOTE_MAX)
    .join('')
  const params: [string, string][] = [
    ['pa', settings.vpa.trim().toLowerCase()],
    ['pn', settings.payeeName.trim()],
    ['am', decimalAmount(order)],
    ['cu', 'INR'],
    ['tn', text],
    ['tr', order.code],
  ]
  return `upi://pay?${params.map(([name, value]) => `${name}=${encodeValue(value)}`).join('&')}`
}
