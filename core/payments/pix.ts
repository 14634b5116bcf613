/**
 * Pix BR Codes ("copia e cola"), as the Banco Central do Brasil's Manual de Padrões para
 * Iniciação do Pix specifies them: a static EMV QR code with the receiver's key, the amount and
 * the order code as `txid`, which the receiver's bank statement shows beside the payment.
 */
import { EMV_MAX_AMOUNT, emvField, emvPayload, emvText } from './emv.ts'
import {
  decimalAmount,
  orderProblem,
  type PaymentOrder,
  PaymentSettingsError,
  problem,
  type SettingsProblem,
  throwIfProblem,
} from './payment-order.ts'

/** A shop's Pix settings. */
export type PixSettings = { key: string; merchantName: string; merchantCity: string }

/** The five kinds of key the Pix directory (DICT) holds. */
export type PixKeyKind = 'cpf' | 'cnpj' | 'phone' | 'email' | 'evp'

/** Globally unique identifier of Pix in the merchant account information template 26. */
export const PIX_GUI = 'br.gov.bcb.pix'
/** Longest merchant name (data object 59) and city (60) of a BR Code. */
export const PIX_NAME_MAX = 25
export const PIX_CITY_MAX = 15
/** The `txid` of a static BR Code: 1 to 25 letters and digits. */
const TXID = /^[A-Za-z0-9]{1,25}$/

const EVP = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
// The DICT's e-mail rule (lower case), at most 77 characters.
const EMAIL = /^[a-z0-9.!#$&'*+/=?^_`{|}~-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*$/
const BRAZILIAN_PHONE = /^\+55[1-9]{2}\d{8,9}$/

function checkDigit(chars: string, weights: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < weights.length; i++) sum += (chars.charCodeAt(i) - 48) * (weights[i] ?? 0)
  const rest = sum % 11
  return rest < 2 ? 0 : 11 - rest
}

/** Whether 11 digits are a CPF: two mod-11 check digits, and not one digit repeated. */
function isCpf(digits: string): boolean {
  if (/^(\d)\1{10}$/.test(digits)) return false
  const first = checkDigit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2])
  const second = checkDigit(digits, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2])
  return digits.endsWith(`${first}${second}`)
}

/**
 * Whether 14 characters are a CNPJ. Since July 2026 the first 12 may be letters: each
 * character counts as its ASCII code minus 48 (Receita Federal, alphanumeric CNPJ), which
 * leaves the rule for digit-only CNPJs unchanged.
 */
function isCnpj(chars: string): boolean {
  if (/^(\d)\1{13}$/.test(chars)) return false
  const first = checkDigit(chars, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
  const second = checkDigit(chars, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2])
  return chars.endsWith(`${first}${second}`)
}

/**
 * A typed Pix key as the directory stores it, with its kind, or the reason it is not one.
 * CPF and CNPJ lose their punctuation and are checked by their check digits; phone keys are
 * `+55` and the number (eleven digits alone are a CPF, as in the directory); e-mails and random
 * keys (EVP) are lower-cased.
 *
 * @example normalizePixKey('529.982.247-25') // { kind: 'cpf', key: '52998224725' }
 * @example normalizePixKey('+55 61 91234-5678') // { kind: 'phone', key: '+5561912345678' }
 */
export function normalizePixKey(
  input: string,
): { kind: PixKeyKind; key: string } | SettingsProblem {
  const text = input.trim()
  const lower = text.toLowerCase()
  if (EVP.test(lower)) return { kind: 'evp', key: lower }
  if (text.includes('@')) {
    if (lower.length <= 77 && EMAIL.test(lower)) return { kind: 'email', key: lower }
    return problem('key', 'invalid_pix_key', 'Pix e-mail key is not a valid address')
  }
  const compact = text.replace(/[\s.()/-]/g, '').toUpperCase()
  const phone = /^55\d{11}$/.test(compact) ? `+${compact}` : compact
  if (phone.startsWith('+')) {
    if (BRAZILIAN_PHONE.test(phone)) return { kind: 'phone', key: phone }
    return problem('key', 'invalid_pix_key', 'Pix phone key must be +55, the area code and number')
  }
  if (/^\d{11}$/.test(compact)) {
    if (isCpf(compact)) return { kind: 'cpf', key: compact }
    return problem(
      'key',
      'invalid_pix_key',
      'Pix key has 11 digits but is not a valid CPF (phone keys are written with +55)',
    )
  }
  if (/^[0-9A-Z]{12}\d{2}$/.test(compact)) {
    if (isCnpj(compact)) return { kind: 'cnpj', key: compact }
    return problem('key', 'invalid_pix_key', 'Pix key is not a valid CNPJ (check digits)')
  }
  return problem(
    'key',
    'invalid_pix_key',
    'Pix key must be a CPF, CNPJ, +55 phone number, e-mail or random key',
  )
}

/** The first reason the settings cannot make a BR Code, or `null`. */
export function validatePixSettings(settings: PixSettings): SettingsProblem | null {
  const key = normalizePixKey(settings.key)
  if ('field' in key) return key
  if (!/[A-Za-z0-9]/.test(emvText(settings.merchantName, PIX_NAME_MAX))) {
    return problem('merchantName', 'unreadable_name', 'Merchant name has no letters or digits')
  }
  if (!/[A-Za-z0-9]/.test(emvText(settings.merchantCity, PIX_CITY_MAX))) {
    return problem('merchantCity', 'unreadable_name', 'Merchant city has no letters or digits')
  }
  return null
}

/**
 * The BR Code of a static Pix for the order: the key, the amount in reais, the name (25
 * characters) and city (15) in ASCII, and the order code as `txid`. Throws a
 * `PaymentSettingsError` naming the field when the settings or the order cannot make one.
 *
 * @example pixBrCode({ key: '+5561912345678', merchantName: 'Loja', merchantCity: 'Brasília' },
 *   { amount: 1234, currency: 'BRL', code: 'K7Q2M9' }) // '00020126360014br.gov.bcb.pix…'
 */
export function pixBrCode(settings: PixSettings, order: PaymentOrder): string {
  const key = normalizePixKey(settings.key)
  if ('field' in key) throw new PaymentSettingsError(key)
  throwIfProblem(validatePixSettings(settings))
  throwIfProblem(
    orderProblem(order, { currency: 'BRL', maxAmount: EMV_MAX_AMOUNT, codePattern: TXID }),
  )
  return encodeBrCode({
    key: key.key,
    merchantName: emvText(settings.merchantName, PIX_NAME_MAX),
    merchantCity: emvText(settings.merchantCity, PIX_CITY_MAX),
    amount: decimalAmount(order),
    txid: order.code,
  })
}

/** The data objects of a static BR Code, as they are written. */
export type BrCodeFields = {
  key: string
  merchantName: string
  merchantCity: string
  /** `12.34`, or `null` when the payer types the amount. */
  amount: string | null
  /** The transaction id; `***` when there is none. */
  txid: string
}

/**
 * A static BR Code from its data objects, in the manual's order: payload format, merchant
 * account (GUI and key), category `0000`, currency 986, amount, country, name, city, `txid`,
 * CRC. {@link pixBrCode} makes them from a shop's settings and an order.
 */
export function encodeBrCode(fields: BrCodeFields): string {
  return emvPayload([
    emvField('00', '01'),
    emvField('26', emvField('00', PIX_GUI) + emvField('01', fields.key)),
    // No merchant category for a Pix key: the manual's examples write 0000.
    emvField('52', '0000'),
    emvField('53', '986'),
    fields.amount === null ? '' : emvField('54', fields.amount),
    emvField('58', 'BR'),
    emvField('59', fields.merchantName),
    emvField('60', fields.merchantCity),
    emvField('62', emvField('05', fields.txid)),
  ])
}
