/**
 * EMV® QR Code (EMVCo QRCPS, merchant-presented mode): the TLV text behind Pix BR Codes, SGQR
 * PayNow and Thai PromptPay codes. Each data object is a two-digit ID, a two-digit length and
 * the value; templates hold data objects of their own; the payload ends with `6304` and the
 * CRC of everything before it, `6304` included.
 */
import { transliterate } from 'transliteration'

/** One data object of a payload; `children` when its value is a template. */
export type EmvField = { id: string; value: string; children?: EmvField[] }

/** Why a payload could not be read: the message names the data object. */
export class EmvDecodeError extends Error {
  override name = 'EmvDecodeError'
}

/**
 * Largest amount of a two-decimal currency in minor units that the transaction amount (54)
 * holds: at most 13 characters, `9999999999.99`.
 */
export const EMV_MAX_AMOUNT = 999_999_999_999

const encoder = new TextEncoder()

/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR) of
 * the text's UTF-8 bytes, as four upper-case hexadecimal digits: the checksum of EMV QR codes.
 *
 * @example crc16('123456789') // '29B1'
 */
export function crc16(text: string): string {
  let crc = 0xffff
  for (const byte of encoder.encode(text)) {
    crc ^= byte << 8
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff
    }
  }
  return crc.toString(16).toUpperCase().padStart(4, '0')
}

/**
 * One data object: ID, length, value. The length counts characters, as EMVCo's own example
 * does for its Chinese merchant name (`0104最佳运输`); it must stay under 100.
 *
 * @example emvField('58', 'BR') // '5802BR'
 */
export function emvField(id: string, value: string): string {
  const length = [...value].length
  if (!/^\d\d$/.test(id)) throw new RangeError(`EMV data object ID must be two digits, got ${id}`)
  if (length === 0 || length > 99) {
    throw new RangeError(`EMV data object ${id} must hold 1 to 99 characters, got ${length}`)
  }
  return `${id}${String(length).padStart(2, '0')}${value}`
}

/**
 * A whole payload from its data objects (already encoded with {@link emvField}, in order,
 * empty strings skipped), closed by the CRC data object `63`.
 *
 * @example emvPayload(['000201', '5802BR']) // '0002015802BR6304….'
 */
export function emvPayload(fields: readonly string[]): string {
  const body = `${fields.join('')}6304`
  return `${body}${crc16(body)}`
}

/**
 * IDs whose value is a template at the top level: merchant account information (26–51), the
 * additional data field (62), the merchant information language template (64) and the
 * unreserved templates (80–99). IDs 02–25 are merchant account information too, but primitive
 * (card network identifiers).
 */
function isTopLevelTemplate(id: number): boolean {
  return (id >= 26 && id <= 51) || id === 62 || id === 64 || id >= 80
}

function readFields(text: string, where: string): EmvField[] {
  const chars = [...text]
  const fields: EmvField[] = []
  let at = 0
  while (at < chars.length) {
    const id = chars.slice(at, at + 2).join('')
    const lengthText = chars.slice(at + 2, at + 4).join('')
    if (!/^\d\d$/.test(id) || !/^\d\d$/.test(lengthText)) {
      throw new EmvDecodeError(`${where}: no ID and length at character ${at}`)
    }
    const length = Number(lengthText)
    const value = chars.slice(at + 4, at + 4 + length).join('')
    if (length === 0 || [...value].length !== length) {
      throw new EmvDecodeError(`${where}: data object ${id} is shorter than its length ${length}`)
    }
    fields.push({ id, value })
    at += 4 + length
  }
  return fields
}

/**
 * Reads a payload back into its data objects, templates included (the additional data field's
 * own templates 50–99 too), after checking that it starts with the payload format indicator
 * and ends with a correct CRC. Throws an {@link EmvDecodeError} naming what is wrong.
 *
 * @example decodeEmv('0002015802BR6304….')[1] // { id: '58', value: 'BR' }
 */
export function decodeEmv(payload: string): EmvField[] {
  const fields = readFields(payload, 'payload')
  if (fields[0]?.id !== '00' || fields[0].value !== '01') {
    throw new EmvDecodeError('payload: must start with the payload format indicator 000201')
  }
  const last = fields.at(-1)
  if (last?.id !== '63' || !/^[0-9A-F]{4}$/.test(last.value)) {
    throw new EmvDecodeError('payload: must end with the CRC data object 6304 and 4 hex digits')
  }
  const expected = crc16(payload.slice(0, -4))
  if (last.value !== expected) {
    throw new EmvDecodeError(`payload: CRC is ${last.value}, the data gives ${expected}`)
  }
  const ids = new Set<string>()
  for (const field of fields) {
    if (ids.has(field.id)) throw new EmvDecodeError(`payload: data object ${field.id} repeated`)
    ids.add(field.id)
    if (!isTopLevelTemplate(Number(field.id))) continue
    field.children = readFields(field.value, `template ${field.id}`)
    if (field.id !== '62') continue
    for (const child of field.children) {
      if (Number(child.id) >= 50) {
        child.children = readFields(child.value, `template ${field.id}.${child.id}`)
      }
    }
  }
  return fields
}

/**
 * The value at a path of IDs in decoded fields, or `undefined`.
 *
 * @example emvValue(decodeEmv(brCode), '26', '01') // the Pix key
 */
export function emvValue(fields: readonly EmvField[], ...path: string[]): string | undefined {
  const [id, ...rest] = path
  const field = fields.find((candidate) => candidate.id === id)
  if (!field) return undefined
  return rest.length === 0 ? field.value : emvValue(field.children ?? [], ...rest)
}

/**
 * A name or city as EMV QR codes carry it: printable ASCII only, at most `maxLength`
 * characters. Other scripts and accents are transliterated (`São Paulo` → `Sao Paulo`,
 * `Ελένη` → `Eleni`), not dropped: the spec's common character set is ASCII, the Banco Central
 * tells Pix issuers to leave accents out, and a value in ASCII has as many bytes as characters,
 * so no reader can disagree about its length. '' when nothing readable is left.
 *
 * @example emvText('Padaria Pão de Açúcar Ltda.', 25) // 'Padaria Pao de Acucar Ltd'
 */
export function emvText(text: string, maxLength: number): string {
  // NFKC first so full-width letters and ligatures reach the transliterator as plain letters.
  return transliterate(text.normalize('NFKC'), { unknown: ' ' })
    .replace(/[^\x20-\x7e]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, maxLength)
    .trim()
}
