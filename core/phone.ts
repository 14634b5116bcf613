/**
 * Phone numbers as WhatsApp wants them: full international number, digits only (E.164 without
 * the `+`). Parsing, lengths and formatting come from libphonenumber-js
 * with its small metadata set; what is ours is the input rules around it and the variants
 * WhatsApp uses for the same person.
 */
import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min'

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g
/** Separators people type inside numbers: whitespace, dots, slashes, dashes, brackets. */
const SEPARATORS = /[\s./\-\u2010-\u2015\u2212()[\]]/g
/** What a typed number may hold: digits, separators, and a `+` only in front. */
const TYPED_NUMBER = /^\+?[\d\s./\-\u2010-\u2015\u2212()[\]]+$/

function toLatinDigits(text: string): string {
  return text.replace(ARABIC_INDIC_DIGITS, (digit) => {
    const code = digit.charCodeAt(0)
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660)
  })
}

function asRegion(region: string | null | undefined): CountryCode | undefined {
  const upper = region?.toUpperCase()
  return upper && isSupportedCountry(upper) ? upper : undefined
}

/** The number in international digits when it is a possible number of its country. */
function possibleDigits(text: string, region?: CountryCode): string | null {
  const phone = parsePhoneNumberFromString(text, region)
  return phone?.isPossible() && !phone.ext ? phone.number.slice(1) : null
}

/**
 * Normalises a typed phone number to international digits, or `null` when it cannot be one.
 *
 * A number written with `+` or the `00` exit prefix keeps its own country; a national number
 * ("06 12 34 56 78") is read in `region`, the shop's country, when one is given; digits without
 * any prefix are otherwise taken to start with the country code. Separators (spaces, dots,
 * slashes, dashes, brackets) and the `(0)` Europeans write after the country code are ignored;
 * Arabic-Indic digits are read as digits. Letters, extensions, a `+` anywhere but in front, and
 * numbers whose length is impossible for their country give `null`.
 *
 * @example normalizePhone('+33 6 12 34 56 78') // '33612345678'
 * @example normalizePhone('06 12 34 56 78', 'FR') // '33612345678'
 * @example normalizePhone('090-1234-5678', 'JP') // '819012345678'
 * @example normalizePhone('06 12 34 56 78') // null: the country is unknown
 */
export function normalizePhone(input: string, region?: string | null): string | null {
  const text = toLatinDigits(input.trim())
  if (!TYPED_NUMBER.test(text)) return null
  const digits = text.replace(SEPARATORS, '').replace(/^\+/, '')
  if (text.startsWith('+') || digits.startsWith('00')) {
    // "+44 (0)20…": the bracketed trunk zero is not dialled from abroad.
    const rest = text.replace(/^\+|^\s*00/, '').replace(/\(\s*0\s*\)/, '')
    return possibleDigits(`+${rest.replace(SEPARATORS, '')}`)
  }
  const home = asRegion(region)
  return (home && possibleDigits(digits, home)) || possibleDigits(`+${digits}`)
}

/**
 * A stored number (international digits) as people read it: `+33 6 12 34 56 78`.
 * @example formatPhone('33612345678') // '+33 6 12 34 56 78'
 */
export function formatPhone(digits: string): string {
  return parsePhoneNumberFromString(`+${digits}`)?.formatInternational() ?? `+${digits}`
}

/**
 * The country (ISO region) of a number in international digits, when it can be told.
 * @example phoneRegion('33612345678') // 'FR'
 */
export function phoneRegion(digits: string | null | undefined): string | undefined {
  return digits ? parsePhoneNumberFromString(`+${digits}`)?.country : undefined
}

/**
 * A stored number split into its calling code and national part, for editing it beside a
 * country picker; undefined when the calling code is unknown.
 * @example splitPhoneNumber('390612345678') // { dial: '39', national: '0612345678' }
 */
export function splitPhoneNumber(digits: string): { dial: string; national: string } | undefined {
  const phone = parsePhoneNumberFromString(`+${digits}`)
  return phone && { dial: phone.countryCallingCode, national: phone.nationalNumber }
}

/**
 * The calling code of a country, or undefined for one the metadata does not know.
 * @example callingCode('FR') // '33'
 */
export function callingCode(region: string): string | undefined {
  const known = asRegion(region)
  return known && getCountryCallingCode(known)
}

/**
 * The number itself plus the other ids WhatsApp may use for the same person, for matching
 * webhook senders to orders:
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
