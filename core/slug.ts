/** URL slugs from names in any script: transliterated to lower-case ASCII words joined by `-`. */
import { transliterate } from 'transliteration'

/** Shortest and longest shop address, as the API's slug rule allows (3 to 40). */
export const SHOP_SLUG_MIN = 3
export const SHOP_SLUG_MAX = 40

/**
 * Lower-case ASCII words joined by `-`, at most `maxLength` characters, no `-` at either end;
 * '' when nothing readable is left. Other scripts are transliterated, not dropped.
 *
 * @example slugify('Épicerie-TŌKYŌ') // 'epicerie-tokyo'
 * @example slugify('さくら') // 'sakura'
 */
export function slugify(text: string, maxLength: number): string {
  // NFKC first so full-width letters and ligatures reach the transliterator as plain letters.
  return transliterate(text.normalize('NFKC'), { unknown: ' ' })
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
}

/**
 * A shop address suggested from its name: 3 to 40 of a-z, 0-9 and `-`; '' when the name has
 * nothing readable.
 *
 * @example suggestShopSlug('Café de Flore!') // 'cafe-de-flore'
 * @example suggestShopSlug('Bo') // 'bo-shop'
 */
export function suggestShopSlug(name: string): string {
  const base = slugify(name, SHOP_SLUG_MAX)
  if (base.length >= SHOP_SLUG_MIN) return base
  return base ? `${base}-shop` : ''
}
