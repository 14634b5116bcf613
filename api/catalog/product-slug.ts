import { slugify } from '../../core/slug.ts'

/**
 * A URL slug from a product name, transliterated when written in another script:
 * `Blue T-shirt` → `blue-t-shirt`, `عطر الورد` → a Latin spelling; `product` when nothing is left.
 */
export function slugifyProductName(name: string): string {
  return slugify(name, 60) || 'product'
}

/** `base` when free, else the first free `base-2`, `base-3`… */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  if (!used.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!used.has(candidate)) return candidate
  }
}
