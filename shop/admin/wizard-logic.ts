import { normalizePhone } from '../../core/phone.ts'
import { COUNTRIES, regionOf } from './countries.ts'

/**
 * The WhatsApp number (international digits) from a country calling code and what the merchant
 * typed, or null. A number typed with `+` or `00` keeps its own country; a national trunk `0`
 * is dropped (except in Italy, where it belongs to the number).
 * @example composePhone('33', '06 12 34 56 78') // '33612345678'
 */
export function composePhone(dial: string, typed: string): string | null {
  const text = typed.trim()
  if (text === '') return null
  if (text.startsWith('+') || text.replace(/\D/g, '').startsWith('00')) return normalizePhone(text)
  let national = text.replace(/[\s./()-]/g, '')
  if (dial !== '39') national = national.replace(/^0/, '')
  return normalizePhone(`+${dial}${national}`)
}

/** Splits stored digits back into a known calling code and the rest, for editing. */
export function splitPhone(
  digits: string,
  fallbackDial: string,
): { dial: string; national: string } {
  const dials = [...new Set(COUNTRIES.map((c) => c[1]))].sort((a, b) => b.length - a.length)
  const dial = dials.find((d) => digits.startsWith(d))
  if (!dial) return { dial: fallbackDial, national: `+${digits}` }
  return { dial, national: digits.slice(dial.length) }
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
