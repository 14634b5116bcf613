import { Hono } from 'hono'
import { z } from 'zod'
import { SHOP_SLUG_MAX, suggestShopSlug } from '../../core/slug.ts'
import { listTakenSlugs } from '../../db/shops.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { requireMerchant } from '../middleware/require-merchant.ts'
import { readQuery } from '../validate.ts'
import { slugSchema } from './shop-schema.ts'

const suggestionQuery = z.strictObject({ name: z.string().max(100) })

/** Numbered addresses (`name-2` … `name-9`) tried when the plain one is taken or reserved. */
const NUMBERED = [2, 3, 4, 5, 6, 7, 8, 9]

/** A numbered variant of `base` that still fits the longest address. */
function numbered(base: string, n: number): string {
  const suffix = `-${n}`
  return `${base.slice(0, SHOP_SLUG_MAX - suffix.length).replace(/-+$/, '')}${suffix}`
}

/**
 * `GET /api/slug-suggestion?name=`: the address the wizard proposes for a shop name,
 * transliterated on the server (the transliteration tables would weigh more than the whole
 * admin), and whether it is free: `{slug, available}`; `slug` is '' when the name has nothing
 * readable.
 */
export function slugSuggestionRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/api/slug-suggestion', requireMerchant(), async (c) => {
    const { name } = readQuery(c, suggestionQuery)
    const base = suggestShopSlug(name)
    if (base === '') return c.json({ slug: '', available: false })
    const candidates = [base, ...NUMBERED.map((n) => numbered(base, n))].filter(
      (slug) => slugSchema.safeParse(slug).success,
    )
    const taken = new Set(await listTakenSlugs(c.var.db, candidates))
    const free = candidates.find((slug) => !taken.has(slug))
    return c.json(free ? { slug: free, available: true } : { slug: base, available: false })
  })

  return routes
}
