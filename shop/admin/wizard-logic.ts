import { normalizePhone, splitPhoneNumber } from '../../core/phone.ts'
import { COUNTRIES, regionOf } from './countries.ts'

/**
 * The WhatsApp number (international digits) from a country calling code and what the merchant
 * typed, or null: a national number is read in that country (its trunk `0` dropped, or kept
 * where it belongs to the number, as in Italy); one typed with `+` or `00` keeps its own country.
 * @example composePhone('33', '06 12 34 56 78') // '33612345678'
 */
export function composePhone(dial: string, typed: string): string | null {
  if (typed.trim() === '') return null
  const region = COUNTRIES.find((c) => c[1] === dial)?.[0]
  return normalizePhone(typed, region) ?? normalizePhone(`+${dial}${typed.replace(/^\s*0/, '')}`)
}

/** Splits stored digits back into their calling code and the rest, for editing. */
export function splitPhone(
  digits: string,
  fallbackDial: string,
): { dial: string; national: string } {
  return splitPhoneNumber(digits) ?? { dial: fallbackDial, national: `+${digits}` }
}

/** Region, calling code and currency guessed from the browser's languages. */
export function browserDefaults(languages: readonly string[]): {
  region: string
  dial: string
  currency: string
} {
  for (const tag of languages) {
    const region = regionOf(tag)
    const row = COUNTRIES.find((c) => c[0] === region)
    if (row) return { region: row[0], dial: row[1], currency: row[2] }
  }
  return { region: 'US', dial: '1', currency: 'USD' }
}

/** A `wa.me` link that opens a chat with `digits` and a prefilled text. */
export function waMeLink(digits: string, text: string): string {
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`
}
