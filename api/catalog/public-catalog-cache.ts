import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { loadPublicCatalog } from '../../db/catalog.queries.ts'
import type { Db } from '../../db/database.ts'
import type { AppEnv } from '../app-env.ts'
import { PUBLIC_PAGE_SIZE, pageOf } from './catalog-page.ts'
import { type PublicCatalog, publicCatalogJson } from './public-catalog-json.ts'

export interface RenderedCatalog {
  shopId: string
  /**
   * The catalog as the API shows it with its first page of products (all of them in a shop of
   * up to `PUBLIC_PAGE_SIZE`); the storefront pages render from it too.
   */
  catalog: PublicCatalog
  /** Where the second page starts; null when the first page holds every product. */
  nextCursor: string | null
  body: string
  /** Weak: a hash of the body. */
  etag: string
}

interface Entry {
  value: Promise<RenderedCatalog | undefined>
  expiresAt: number
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The rendered public catalog per shop, kept for `ttlMs` in this process. Shoppers may see a
 * catalog up to 30 s old anyway (Cache-Control); a short server-side copy turns a burst of
 * requests for one shop into one query per interval, and concurrent misses share one load.
 * Successful writes under `/api/shops/:slug` that pass `invalidateOnWrite` (every route mounted
 * after the catalog's) drop the copy at once; anything else shows within `ttlMs`.
 */
export class PublicCatalogCache {
  private readonly entries = new Map<string, Entry>()

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxEntries = 500,
  ) {}

  /** The rendered catalog of a published shop, or undefined for an unknown or hidden one. */
  get(db: Db, slug: string, publicUrl: string): Promise<RenderedCatalog | undefined> {
    const now = Date.now()
    const hit = this.entries.get(slug)
    if (hit && hit.expiresAt > now) return hit.value
    if (this.entries.size >= this.maxEntries) this.evictExpired(now)
    const value = renderPublicCatalog(db, slug, publicUrl)
    const entry = { value, expiresAt: now + this.ttlMs }
    this.entries.set(slug, entry)
    // Unknown shops and failures are not kept: the next request asks again.
    value.then(
      (rendered) => {
        if (!rendered && this.entries.get(slug) === entry) this.entries.delete(slug)
      },
      () => {
        if (this.entries.get(slug) === entry) this.entries.delete(slug)
      },
    )
    return value
  }

  /** Forgets a shop's catalog, after a change. */
  invalidate(slug: string): void {
    this.entries.delete(slug)
  }

  private evictExpired(now: number) {
    for (const [slug, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(slug)
    // Still full: drop the oldest insertions.
    for (const slug of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break
      this.entries.delete(slug)
    }
  }

  /**
   * Middleware for `/api/shops/:slug` and below: after any successful write, forgets the shop's
   * catalog so the next read shows the change.
   */
  invalidateOnWrite(): MiddlewareHandler<AppEnv> {
    const entries = this.entries
    return async function invalidateOnWrite(c, next) {
      await next()
      if (READ_METHODS.has(c.req.method) || c.res.status >= 400) return
      const slug = c.req.param('slug')
      if (slug) entries.delete(slug)
    }
  }
}

/** A weak entity tag of a response body. */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`
}

/**
 * Loads a shop's catalog head (shop, categories, shipping methods) and its first page of
 * products once, and serialises it with its weak ETag. Memory stays bounded by the page size
 * however large the shop: further pages are read from the database.
 */
export async function renderPublicCatalog(
  db: Db,
  slug: string,
  publicUrl: string,
): Promise<RenderedCatalog | undefined> {
  const data = await loadPublicCatalog(db, slug, { productLimit: PUBLIC_PAGE_SIZE + 1 })
  if (!data) return undefined
  const page = pageOf(data.products, { limit: PUBLIC_PAGE_SIZE })
  const catalog = publicCatalogJson({ ...data, products: page.items }, publicUrl)
  const body = JSON.stringify({ ...catalog, nextCursor: page.nextCursor, prevCursor: null })
  return { shopId: data.shop.id, catalog, nextCursor: page.nextCursor, body, etag: weakEtag(body) }
}
