/** Locales: validation, the languages Chatcart speaks, text direction. */

/** Languages the shop, widget and order messages are translated into. */
export const SUPPORTED_LOCALES = ['en', 'fr', 'es', 'it', 'pt', 'de', 'ar'] as const

/** One of {@link SUPPORTED_LOCALES}. */
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number]

/** Scripts written right to left (ISO 15924). */
const RTL_SCRIPTS: ReadonlySet<string> = new Set([
  'Adlm',
  'Arab',
  'Hebr',
  'Nkoo',
  'Rohg',
  'Syrc',
  'Thaa',
])
/** Used when `Intl.Locale#maximize` is unavailable. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv'])

/**
 * Canonical form of a BCP 47 tag, or `null` when it is empty or malformed.
 *
 * @example canonicalLocale('EN-us') // 'en-US'
 * @example canonicalLocale('not a locale') // null
 */
export function canonicalLocale(tag: string): string | null {
  if (tag.trim() === '') return null
  try {
    const [canonical] = Intl.getCanonicalLocales(tag)
    return canonical ?? null
  } catch {
    return null
  }
}

/**
 * Whether `tag` is a well-formed BCP 47 language tag.
 *
 * @example isValidLocale('pt-BR') // true
 * @example isValidLocale('') // false
 */
export function isValidLocale(tag: string): boolean {
  return canonicalLocale(tag) !== null
}

/**
 * Whether text in `locale` is written right to left (Arabic, Hebrew, Persian, Urdu…), taking an
 * explicit script into account (`az-Arab` is RTL, `ur-Latn` is not).
 *
 * @example isRtlLocale('ar-EG') // true
 * @example isRtlLocale('fr') // false
 */
export function isRtlLocale(locale: string): boolean {
  const canonical = canonicalLocale(locale)
  if (canonical === null) return false
  try {
    const script = new Intl.Locale(canonical).maximize().script
    if (script !== undefined) return RTL_SCRIPTS.has(script)
  } catch {
    // Fall through to the language list.
  }
  return RTL_LANGUAGES.has(baseLanguage(canonical))
}

/**
 * The best supported language for a request, else for the fallback, else English. `requested`
 * may be a tag (`fr-CA`) or a whole `Accept-Language` header (`de-CH, fr;q=0.9`).
 *
 * @example pickLocale('pt-BR', 'en') // 'pt'
 * @example pickLocale('ja, fr;q=0.5', 'en') // 'fr'
 * @example pickLocale(undefined, 'es-MX') // 'es'
 */
export function pickLocale(requested: string | undefined, fallback: string): SupportedLocale {
  for (const tag of rankedTags(requested ?? '')) {
    const supported = toSupported(tag)
    if (supported !== null) return supported
  }
  return toSupported(fallback) ?? 'en'
}

function rankedTags(header: string): string[] {
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';')
      const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const q = qParameter === undefined ? 1 : Number(qParameter.slice(2))
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((entry) => entry.tag !== '' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag)
}

function toSupported(tag: string): SupportedLocale | null {
  const canonical = canonicalLocale(tag)
  if (canonical === null) return null
  const base = baseLanguage(canonical)
  return SUPPORTED_LOCALES.find((locale) => locale === base) ?? null
}

function baseLanguage(canonical: string): string {
  return (canonical.split('-')[0] ?? '').toLowerCase()
}
