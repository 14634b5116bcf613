/**
 * SEPA credit transfer QR codes ("GiroCode", EPC069-12 Quick Response Code: Guidelines to Enable
 * Data Capture for the Initiation of a SEPA Credit Transfer): lines of text a banking app reads
 * to fill in a transfer, with the IBAN checked by ISO 13616's mod 97.
 */
import {
  orderProblem,
  type PaymentOrder,
  PaymentSettingsError,
  problem,
  type SettingsProblem,
  throwIfProblem,
} from './payment-order.ts'

/** A shop's SEPA settings. `bic` may be left out (version 002 of the guidelines). */
export type SepaSettings = { iban: string; beneficiary: string; bic?: string | null }

/** The data elements of an EPC QR code, in their order. */
export type EpcFields = {
  version: '001' | '002'
  bic: string
  beneficiary: string
  iban: string
  /** Euro cents; `null` when the payer types the amount. */
  amount: number | null
  purpose: string
  /** ISO 11649 creditor reference (`RF…`); either it or `text`, not both. */
  reference: string
  text: string
  information: string
}

/** Longest beneficiary name, remittance text and whole payload (bytes) of EPC069-12. */
export const EPC_NAME_MAX = 70
export const EPC_TEXT_MAX = 140
export const EPC_PAYLOAD_MAX_BYTES = 331
/** The guidelines' amount range: EUR 0.01 to EUR 999999999.99. */
const EPC_MAX_AMOUNT = 99_999_999_999
const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/

/**
 * IBAN lengths of the SEPA countries (ISO 13616 registry). Other countries are held to the
 * standard's general shape only (15 to 34 characters), so a new registry entry is not refused.
 */
// biome-ignore format: a table reads better in rows
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24,
  FI: 18, FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21,
  LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24,
  SI: 19, SK: 24, SM: 27, VA: 22,
}

/** ISO 7064 mod 97-10 of letters (A = 10 … Z = 35) and digits, taken a digit at a time. */
function mod97(text: string): number {
  let rest = 0
  for (const char of text) {
    const value = Number.parseInt(char, 36)
    rest = value > 9 ? (rest * 100 + value) % 97 : (rest * 10 + value) % 97
  }
  return rest
}

/**
 * The IBAN without spaces, in upper case, or the reason it is not one: its shape, its length
 * for its country, or its check digits (mod 97 of the rearranged IBAN must be 1).
 *
 * @example normalizeIban('de89 3704 0044 0532 0130 00') // 'DE89370400440532013000'
 * @example normalizeIban('DE89370400440532013001') // { field: 'iban', code: 'invalid_iban_checksum', … }
 */
export function normalizeIban(input: string): string | SettingsProblem {
  const iban = input.replace(/[\s-]/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) {
    return problem(
      'iban',
      'invalid_iban',
      'IBAN must be a country code, 2 check digits and the account (15 to 34 characters)',
    )
  }
  const country = iban.slice(0, 2)
  const length = IBAN_LENGTHS[country]
  if (length !== undefined && iban.length !== length) {
    return problem(
      'iban',
      'invalid_iban_length',
      `An IBAN of ${country} has ${length} characters, not ${iban.length}`,
    )
  }
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) {
    return problem(
      'iban',
      'invalid_iban_checksum',
      'IBAN check digits do not match: a character is wrong or missing',
    )
  }
  return iban
}

function oneLine(text: string): boolean {
  return !/[\p{Cc}]/u.test(text)
}

/** An order of the largest amount with a 35-character remittance text. */
const largestOrder: Omit<EpcFields, 'bic' | 'beneficiary' | 'iban'> = {
  version: '002',
  amount: EPC_MAX_AMOUNT,
  purpose: '',
  reference: '',
  text: 'X'.repeat(35),
  information: '',
}

/** The first reason the settings cannot make an EPC QR code, or `null`. */
export function validateSepaSettings(settings: SepaSettings): SettingsProblem | null {
  const iban = normalizeIban(settings.iban)
  if (typeof iban !== 'string') return iban
  const bic = settings.bic?.replace(/\s/g, '').toUpperCase()
  if (bic && !BIC.test(bic)) {
    return problem('bic', 'invalid_bic', 'BIC must have 8 or 11 letters and digits')
  }
  const name = settings.beneficiary.trim()
  if (!name || [...name].length > EPC_NAME_MAX || !oneLine(name)) {
    return problem(
      'beneficiary',
      'invalid_name',
      `Beneficiary must be 1 to ${EPC_NAME_MAX} characters on one line`,
    )
  }
  // 70 characters of another script can take 280 bytes: the largest order must still fit.
  const largest = epcLines({ ...largestOrder, bic: bic ?? '', beneficiary: name, iban })
  if (utf8Length(largest) > EPC_PAYLOAD_MAX_BYTES) {
    return problem(
      'beneficiary',
      'name_too_long',
      `Beneficiary name is too long for the ${EPC_PAYLOAD_MAX_BYTES} bytes of the QR code`,
    )
  }
  return null
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length
}

/** `EUR12.34`, `EUR12.3`, `EUR1`: the guidelines write no trailing zeros in their examples. */
function epcAmount(cents: number): string {
  const euros = Math.floor(cents / 100)
  const rest = String(cents % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return rest ? `EUR${euros}.${rest}` : `EUR${euros}`
}

/**
 * The payload of an EPC QR code from its data elements: `BCD`, the version, character set 1
 * (UTF-8), `SCT`, then the elements, separated by line feeds, trailing empty ones left out.
 * Throws a `RangeError` when an element is too long or the whole is over 331 bytes.
 */
export function encodeEpcQr(fields: EpcFields): string {
  if (fields.reference && fields.text) {
    throw new RangeError('EPC QR code takes a creditor reference or a text, not both')
  }
  if ([...fields.text].length > EPC_TEXT_MAX || [...fields.information].length > 70) {
    throw new RangeError('EPC QR code remittance text or information is too long')
  }
  const payload = epcLines(fields)
  const bytes = utf8Length(payload)
  if (bytes > EPC_PAYLOAD_MAX_BYTES) {
    throw new RangeError(`EPC QR code is ${bytes} bytes, over ${EPC_PAYLOAD_MAX_BYTES}`)
  }
  return payload
}

function epcLines(fields: EpcFields): string {
  const lines = [
    'BCD',
    fields.version,
    '1',
    'SCT',
    fields.bic,
    fields.beneficiary,
    fields.iban,
    fields.amount === null ? '' : epcAmount(fields.amount),
    fields.purpose,
    fields.reference,
    fields.text,
    fields.information,
  ]
  while (lines.at(-1) === '') lines.pop()
  return lines.join('\n')
}

/**
 * Reads an EPC QR code back into its data elements (character set 1, UTF-8, only). Throws a
 * `RangeError` naming the element that does not follow the guidelines.
 */
export function decodeEpcQr(payload: string): EpcFields {
  if (utf8Length(payload) > EPC_PAYLOAD_MAX_BYTES) {
    throw new RangeError(`EPC QR code is over ${EPC_PAYLOAD_MAX_BYTES} bytes`)
  }
  const lines = payload.split(/\r?\n/)
  const [service, version, charset, identification] = lines
  const line = (index: number) => lines[index] ?? ''
  if (service !== 'BCD') throw new RangeError('EPC QR code must start with BCD')
  if (version !== '001' && version !== '002') throw new RangeError('version must be 001 or 002')
  if (charset !== '1') throw new RangeError('character set must be 1 (UTF-8)')
  if (identification !== 'SCT') throw new RangeError('identification must be SCT')
  if (lines.length > 12) throw new RangeError('EPC QR code has more than 12 lines')
  const bic = line(4)
  if (bic ? !BIC.test(bic) : version === '001') throw new RangeError('BIC is not valid')
  const iban = normalizeIban(line(6))
  if (typeof iban !== 'string') throw new RangeError(`IBAN: ${iban.message}`)
  const amountText = line(7)
  const amountMatch = /^EUR(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amountText)
  if (amountText && !amountMatch) throw new RangeError('amount must be EUR and up to 2 decimals')
  const amount = amountMatch
    ? Number(amountMatch[1]) * 100 + Number((amountMatch[2] ?? '').padEnd(2, '0'))
    : null
  if (amount !== null && (amount < 1 || amount > EPC_MAX_AMOUNT)) {
    throw new RangeError('amount must be from EUR 0.01 to EUR 999999999.99')
  }
  const beneficiary = line(5)
  if (!beneficiary || [...beneficiary].length > EPC_NAME_MAX) {
    throw new RangeError('beneficiary name must be 1 to 70 characters')
  }
  return {
    version,
    bic,
    beneficiary,
    iban,
    amount,
    purpose: line(8),
    reference: line(9),
    text: line(10),
    information: line(11),
  }
}

/**
 * The EPC QR code of the order (version 002, BIC when the shop gave one): the amount in euros
 * and, as unstructured remittance text, `text` (the caller's translated words with the code) or
 * else the order code alone. Unstructured text rather than an ISO 11649 creditor reference:
 * every banking app shows and forwards it, so the code reaches the merchant's statement as the
 * customer saw it. Throws a `PaymentSettingsError` naming the field when the settings or the
 * order cannot make one.
 *
 * @example sepaEpcQr({ iban: 'DE89370400440532013000', beneficiary: 'Café Klee' },
 *   { amount: 1234, currency: 'EUR', code: 'K7Q2M9' })
 *   // 'BCD\n002\n1\nSCT\n\nCafé Klee\nDE89370400440532013000\nEUR12.34\n\n\nK7Q2M9'
 */
export function sepaEpcQr(settings: SepaSettings, order: PaymentOrder, text?: string): string {
  const iban = normalizeIban(settings.iban)
  if (typeof iban !== 'string') throw new PaymentSettingsError(iban)
  throwIfProblem(validateSepaSettings(settings))
  throwIfProblem(
    orderProblem(order, { currency: 'EUR', maxAmount: EPC_MAX_AMOUNT, codePattern: /^\S{1,35}$/ }),
  )
  const fields: EpcFields = {
    version: '002',
    bic: settings.bic?.replace(/\s/g, '').toUpperCase() ?? '',
    beneficiary: settings.beneficiary.trim(),
    iban,
    amount: order.amount,
    purpose: '',
    reference: '',
    text: order.code,
    information: '',
  }
  const words = text?.replace(/\s+/g, ' ').trim()
  if (words && !words.includes(order.code)) {
    throw new RangeError('remittance text must hold the order code')
  }
  // Translated words that do not fit give way to the code alone, which always fits.
  if (words && [...words].length <= EPC_TEXT_MAX) {
    const withWords = epcLines({ ...fields, text: words })
    if (utf8Length(withWords) <= EPC_PAYLOAD_MAX_BYTES) return withWords
  }
  return encodeEpcQr(fields)
}
