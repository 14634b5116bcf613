/**
 * PayNow QR codes of Singapore (SGQR, an EMVCo merchant-presented code): the merchant's
 * PayNow proxy (a mobile number or the company's UEN), the amount in dollars, and the order
 * code as the bill number, which the payer's banking app fills in as the reference.
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

/** A shop's PayNow settings. `editable` lets the payer change the amount (off by default). */
export type PayNowSettings = {
  proxyType: 'mobile' | 'uen'
  proxyValue: string
  merchantName: string
  editable?: boolean
}

/** Options of {@link payNowQr}. */
export type PayNowOptions = {
  /** When the order lapses: the code says it expires on that day in Singapore. */
  expiresAt?: Date
}

/** Globally unique identifier of PayNow in merchant account information template 26. */
export const PAYNOW_GUI = 'SG.PAYNOW'
/** Longest merchant name (data object 59). */
export const PAYNOW_NAME_MAX = 25
/** The bill number (62.01): up to 25 characters. */
const BILL_NUMBER = /^[A-Za-z0-9-]{1,25}$/
/**
 * Unique Entity Numbers (ACRA): businesses `nnnnnnnnX`, local companies `yyyynnnnnX`, other
 * entities `TyyPQnnnnX` (T, S or R for the century, two letters for the entity type).
 */
const UEN = /^(?:\d{8}[A-Z]|\d{9}[A-Z]|[RST]\d{2}[A-Z]{2}\d{4}[A-Z])$/
/** Singapore mobile numbers start with 8 or 9 and have eight digits. */
const SG_MOBILE = /^[89]\d{7}$/
/** Singapore has kept UTC+8 without daylight saving since 1982. */
const SINGAPORE_OFFSET_MS = 8 * 3_600_000

/**
 * The proxy as PayNow registers it (`+6591234567`, `201403121W`), or the reason it is not one.
 *
 * @example normalizePayNowProxy('mobile', '9123 4567') // '+6591234567'
 * @example normalizePayNowProxy('uen', '201403121w') // '201403121W'
 */
export function normalizePayNowProxy(
  proxyType: PayNowSettings['proxyType'],
  input: string,
): string | SettingsProblem {
  const compact = input.replace(/[\s()-]/g, '').toUpperCase()
  if (proxyType === 'uen') {
    if (UEN.test(compact)) return compact
    return problem('proxyValue', 'invalid_uen', 'UEN must look like 53312345A or 201403121W')
  }
  if (proxyType !== 'mobile') {
    return problem('proxyType', 'invalid_proxy_type', 'PayNow proxy type must be mobile or uen')
  }
  const national = compact.replace(/^(?:\+65|0065|65(?=\d{8}$))/, '')
  if (SG_MOBILE.test(national)) return `+65${national}`
  return problem(
    'proxyValue',
    'invalid_mobile',
    'PayNow mobile number must be a Singapore mobile number (8 digits starting with 8 or 9)',
  )
}

/** The first reason the settings cannot make a PayNow code, or `null`. */
export function validatePayNowSettings(settings: PayNowSettings): SettingsProblem | null {
  const proxy = normalizePayNowProxy(settings.proxyType, settings.proxyValue)
  if (typeof proxy !== 'string') return proxy
  if (!/[A-Za-z0-9]/.test(emvText(settings.merchantName, PAYNOW_NAME_MAX))) {
    return problem('merchantName', 'unreadable_name', 'Merchant name has no letters or digits')
  }
  return null
}

/** `YYYYMMDD` of the day in Singapore. */
function singaporeDate(at: Date): string {
  return new Date(at.getTime() + SINGAPORE_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '')
}

/**
 * The PayNow QR payload of the order: a dynamic SGQR code with the proxy, the amount (not
 * editable unless the settings say so), the order code as bill number and, with `expiresAt`,
 * the last day it may be paid. Throws a `PaymentSettingsError` naming the field when the
 * settings or the order cannot make one.
 *
 * @example payNowQr({ proxyType: 'uen', proxyValue: '201403121W', merchantName: 'ACME' },
 *   { amount: 1234, currency: 'SGD', code: 'K7Q2M9' }) // '00020101021226380009SG.PAYNOW…'
 */
export function payNowQr(
  settings: PayNowSettings,
  order: PaymentOrder,
  options: PayNowOptions = {},
): string {
  const proxy = normalizePayNowProxy(settings.proxyType, settings.proxyValue)
  if (typeof proxy !== 'string') throw new PaymentSettingsError(proxy)
  throwIfProblem(validatePayNowSettings(settings))
  throwIfProblem(
    orderProblem(order, { currency: 'SGD', maxAmount: EMV_MAX_AMOUNT, codePattern: BILL_NUMBER }),
  )
  const account = [
    emvField('00', PAYNOW_GUI),
    emvField('01', settings.proxyType === 'uen' ? '2' : '0'),
    emvField('02', proxy),
    emvField('03', settings.editable ? '1' : '0'),
    options.expiresAt ? emvField('04', singaporeDate(options.expiresAt)) : '',
  ]
  return emvPayload([
    emvField('00', '01'),
    // 12: a dynamic code, for this one payment.
    emvField('01', '12'),
    emvField('26', account.join('')),
    emvField('52', '0000'),
    emvField('53', '702'),
    emvField('54', decimalAmount(order)),
    emvField('58', 'SG'),
    emvField('59', emvText(settings.merchantName, PAYNOW_NAME_MAX)),
    emvField('60', 'Singapore'),
    emvField('62', emvField('01', order.code)),
  ])
}
