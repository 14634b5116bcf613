/**
 * Phone numbers as WhatsApp wants them: full international number, digits only (E.164 without
 * the `+`). See WHATSAPP.md §1.3.
 */

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g
/** Separators people type inside numbers: whitespace, dots, slashes, dashes, brackets. */
const SEPARATORS = /[\s./\-\u2010-\u2015\u2212()[\]]/g

function toLatinDigits(text: string): string {
  return text.replace(ARABIC_INDIC_DIGITS, (digit) => {
    const code = digit.charCodeAt(0)
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660)
  })
}

/**
 * Normalises a typed phone number to international digits, or `null` when it cannot be one.
 *
 * Rules: separators (spaces, dots, slashes, dashes, brackets) are dropped; a leading `+` or `00`
 * exit prefix is dropped; the `(0)` that Europeans write after the country code is dropped;
 * Arabic-Indic digits are read as digits. Any other character, a `+` elsewhere, fewer than 8 or
 * more than 15 digits, or a number starting with `0` (a national trunk prefix: the country is
 * unknown) gives `null`. Digits without a prefix are taken to already start with the country code.
 *
 * @example normalizePhone('+33 6 12 34 56 78') // '33612345678'
 * @example normalizePhone('0033 6 12 34 56 78') // '33612345678'
 * @example normalizePhone('+44 (0)7700 900123') // '447700900123'
 * @example normalizePhone('06 12 34 56 78') // null
 */
export function normalizePhone(input: string): string | null {
  let text = toLatinDigits(input.trim())
  let international = false
  if (text.startsWith('+')) {
    international = true
    text = text.slice(1)
  }
  if (international || /^00/.test(text.replace(SEPARATORS, ''))) {
    // "+44 (0)20…": the bracketed trunk zero is not dialled from abroad.
    text = text.replace(/\(\s*0\s*\)/, '')
  }
  const digits = text.replace(SEPARATORS, '')
  if (!/^\d+$/.test(digits)) return null
  let national = digits
  if (!international && national.startsWith('00')) national = national.slice(2)
  if (national.startsWith('0')) return null
  if (national.length < 8 || national.length > 15) return null
  return national
}

/**
 * The number itself plus the other ids WhatsApp may use for the same person, for matching
 * webhook senders to orders (WHATSAPP.md §1.3):
 * - Brazil: `55` + area code + `9` + 8 digits ↔ the same without the 9, when the 8 digits start
 *   with 6–9 (the mobile ranges that existed before the 9th digit; 2–5 are landlines);
 * - Mexico: `52` + 10 digits ↔ `521` + 10 digits.
 *
 * Expects the output of {@link normalizePhone}; anything else comes back alone.
 *
 * @example phoneVariants('5511987654321') // ['5511987654321', '551187654321']
 * @example phoneVariants('5215512345678') // ['5215512345678', '525512345678']
 */
export function phoneVariants(digits: string): string[] {
  const variants = [digits]
  const brazilWithNine = /^55([1-9]{2})9([6-9]\d{7})$/.exec(digits)
  if (brazilWithNine) variants.push(`55${brazilWithNine[1]}${brazilWithNine[2]}`)
  const brazilWithoutNine = /^55([1-9]{2})([6-9]\d{7})$/.exec(digits)
  if (brazilWithoutNine) variants.push(`55${brazilWithoutNine[1]}9${brazilWithoutNine[2]}`)
  const mexicoWithOne = /^521(\d{10})$/.exec(digits)
  if (mexicoWithOne) variants.push(`52${mexicoWithOne[1]}`)
  const mexicoWithoutOne = /^52(\d{10})$/.exec(digits)
  if (mexicoWithoutOne) variants.push(`521${mexicoWithoutOne[1]}`)
  return variants
}
