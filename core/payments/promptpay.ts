/**
 * PromptPay QR codes of Thailand (the Bank of Thailand's Thai QR Code, an EMVCo
 * merchant-presented code): a credit transfer to a PromptPay ID (mobile number, national or tax
 * ID, or e-wallet), the amount in baht, and the order code as reference label.
 */
import { EMV_MAX_AMOUNT, emvField, emvPayload } from './emv.ts'
import {
  decimalAmount,
  orderProblem,
  type PaymentOrder,
  PaymentSettingsError,
  problem,
  type SettingsProblem,
  throwIfProblem,
} from './payment-order.ts'

/** A shop's PromptPay settings: the ID payments go to. */
export type PromptPaySettings = { id: string }

/** Which kind of PromptPay ID, by the sub-field of template 29 that carries it. */
export type PromptPayIdKind = 'mobile' | 'taxId' | 'eWallet'

/** Application identifier of PromptPay credit transfers in template 29. */
export const PROMPTPAY_AID = 'A000000677010111'
const SUBFIELD: Readonly<Record<PromptPayIdKind, string>> = {
  mobile: '01',
  taxId: '02',
  eWallet: '03',
}
/** The reference label (62.05): up to 25 characters. */
const REFERENCE = /^[A-Za-z0-9-]{1,25}$/

/**
 * The ID as the code carries it, with its kind, or the reason it is not one: 13 digits are a
 * national or tax ID, 15 an e-wallet ID, and a Thai mobile number (`08x…`, `+66 8x…`) becomes
 * 13 digits, `0066` and the number without its trunk 0. Separators are ignored.
 *
 * @example normalizePromptPayId('081-234-5678') // { kind: 'mobile', id: '0066812345678' }
 * @example normalizePromptPayId('1-2345-67890-12-3') // { kind: 'taxId', id: '1234567890123' }
 */
export function normalizePromptPayId(
  input: string,
): { kind: PromptPayIdKind; id: string } | SettingsProblem {
  const text = input.trim()
  if (!/^\+?[\d\s.()-]+$/.test(text)) {
    return problem('id', 'invalid_promptpay_id', 'PromptPay ID must be digits only')
  }
  const digits = text.replace(/\D/g, '')
  if (digits.length === 15) return { kind: 'eWallet', id: digits }
  if (digits.length === 13) return { kind: 'taxId', id: digits }
  const mobile = /^0(\d{9})$/.exec(digits) ?? /^66(\d{9})$/.exec(digits)
  if (mobile) return { kind: 'mobile', id: `0066${mobile[1]}` }
  return problem(
    'id',
    'invalid_promptpay_id',
    'PromptPay ID must be a Thai mobile number, a 13-digit national or tax ID, or a 15-digit e-wallet ID',
  )
}

/** The first reason the settings cannot make a PromptPay code, or `null`. */
export function validatePromptPaySettings(settings: PromptPaySettings): SettingsProblem | null {
  const id = normalizePromptPayId(settings.id)
  return 'field' in id ? id : null
}

/**
 * The PromptPay QR payload of the order: a dynamic code (`010212`, for this one payment) with
 * the ID, the amount in baht and the order code as reference label. Whether the payer's bank
 * passes that label on to the merchant's statement is up to the banks; where it does not, the
 * amount and the time still point to the order. Throws a `PaymentSettingsError` naming the field when
 * the settings or the order cannot make one.
 *
 * @example promptPayQr({ id: '0812345678' }, { amount: 1234, currency: 'THB', code: 'K7Q2M9' })
 *   // '00020101021229370016A000000677010111011300668123456785303764…'
 */
export function promptPayQr(settings: PromptPaySettings, order: PaymentOrder): string {
  const id = normalizePromptPayId(settings.id)
  if ('field' in id) throw new PaymentSettingsError(id)
  throwIfProblem(
    orderProblem(order, { currency: 'THB', maxAmount: EMV_MAX_AMOUNT, codePattern: REFERENCE }),
  )
  return emvPayload([
    emvField('00', '01'),
    emvField('01', '12'),
    emvField('29', emvField('00', PROMPTPAY_AID) + emvField(SUBFIELD[id.kind], id.id)),
    emvField('53', '764'),
    emvField('54', decimalAmount(order)),
    emvField('58', 'TH'),
    emvField('62', emvField('05', order.code)),
  ])
}
