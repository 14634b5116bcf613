import { type Context, Hono } from 'hono'
import { LRUCache } from 'lru-cache'
import { findPublicProduct } from '../../db/catalog.queries.ts'
import type { Db } from '../../db/database.ts'
import { findMediaBytes } from '../../db/images.queries.ts'
import type { AppEnv } from '../app-env.ts'
import type { PublicCatalogCache } from '../catalog/public-catalog-cache.ts'
import { publicProductJson } from '../catalog/public-catalog-json.ts'
import { notFound } from '../errors.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import {
  type OgCardInput,
  ogCardHash,
  ogImageMeta,
  productCardInput,
  renderOgImage,
  shopCardInput,
} from './og-card.ts'

const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/
const PRODUCT_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/
const FILE = /^([a-f0-9]{12})\.jpg$/
const IMMUTABLE = 'public, max-age=31536000, immutable'
const MB = 1024 * 1024

export interface OgRoutesOptions {
  /** Rendered previews kept in this process, and their bytes at most. */
  cacheEntries?: number
  cacheBytes?: number
  /** Renders (cache misses) per client IP and minute. */
  rendersPerMinute?: number
}

/**
 * `/media/og/{slug}/{hash}.jpg` and `/media/og/{slug}/p/{product}/{hash}.jpg`: the link previews
 * of the shop and product pages (api/media/og-card.ts), for published shops and active products
 * only. The hash names the content, so an answer never changes (`immutable`); a URL whose hash is
 * no longer the current one (the name, price or photo changed since the page was shared) is
 * redirected (302) to the current one, which a crawler then fetches and keeps.
 */
export function ogRoutes(catalogs: PublicCatalogCache, options: OgRoutesOptions = {}) {
  const routes = new Hono<AppEnv>()
  // Rendered previews, least recently used out first: a bounded count and bytes (10–300 KB each).
  const rendered = new LRUCache<string, Uint8Array>({
    max: options.cacheEntries ?? 200,
    maxSize: options.cacheBytes ?? 20 * MB,
    sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
  })
  // Concurrent requests for a preview being drawn share the one render.
  const drawing = new Map<string, Promise<Uint8Array>>()
  // Only renders count: a preview already in memory costs nothing to send again.
  const limitRenders = rateLimit({
    name: 'og-render',
    limit: options.rendersPerMinute ?? 60,
    windowMs: 60_000,
  })

  routes.get('/media/og/:slug/:file', (c) => preview(c, c.req.param('slug'), null))
  routes.get('/media/og/:slug/p/:product/:file', (c) =>
    preview(c, c.req.param('slug'), c.req.param('product')),
  )

  /** Draws a preview once, shared by the requests that ask meanwhile, then keeps it. */
  function startRender(db: Db, key: string, input: OgCardInput): Promise<Uint8Array> {
    const render = (async () => {
      const source = input.imageHash
        ? await findMediaBytes(db, input.imageHash, 'display')
        : undefined
      return renderOgImage(input, source ? new Uint8Array(source.bytes) : null)
    })()
    drawing.set(key, render)
    render.then(
      (bytes) => rendered.set(key, bytes),
      () => {},
    )
    render.finally(() => drawing.delete(key)).catch(() => {})
    return render
  }

  async function preview(c: Context<AppEnv>, slug: string, productSlug: string | null) {
    const requested = FILE.exec(c.req.param('file') ?? '')?.[1]
    if (!requested || !SLUG.test(slug) || (productSlug !== null && !PRODUCT_SLUG.test(productSlug)))
      throw notFound('Image')
    const { db, config } = c.var
    const shopData = await catalogs.get(db, slug, config.publicUrl)
    if (!shopData) throw notFound('Image')
    const { shop } = shopData.catalog
    let input: OgCardInput
    if (productSlug === null) {
      input = shopCardInput(shop)
    } else {
      const cached = shopData.catalog.products.find((p) => p.slug === productSlug)
      const row = cached ? undefined : await findPublicProduct(db, shopData.shopId, productSlug)
      const product = cached ?? (row && publicProductJson(row, config.publicUrl))
      if (!product) throw notFound('Image')
      input = productCardInput(shop, product)
    }
    const hash = ogCardHash(input)
    if (hash !== requested) {
      c.header('Cache-Control', 'public, max-age=300')
      return c.redirect(ogImageMeta('', slug, input, productSlug ?? undefined).url, 302)
    }
    const headers = { 'Cache-Control': IMMUTABLE, ETag: `"${hash}"` }
    if (c.req.header('if-none-match')?.includes(`"${hash}"`)) return c.body(null, 304, headers)
    const key = `${slug}/${productSlug ?? ''}/${hash}`
    let jpeg = rendered.get(key)
    if (!jpeg) {
      let render = drawing.get(key)
      if (!render) {
        await limitRenders(c, async () => {})
        render = drawing.get(key) ?? startRender(db, key, input)
      }
      jpeg = await render
    }
    return c.body(new Uint8Array(jpeg), 200, { ...headers, 'Content-Type': 'image/jpeg' })
  }

  return routes
}
