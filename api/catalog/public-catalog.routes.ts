import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import {
  PUBLIC_PAGE_SIZE,
  readCategoryId,
  readProductWindow,
  readSearchText,
} from './catalog-page.ts'
import { PublicCatalogCache, weakEtag } from './public-catalog-cache.ts'
import { type PublicCatalogRequest, publicCatalogPage } from './public-catalog-page.ts'

/** True when an `If-None-Match` header names this (weak) entity tag. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === bare
  })
}

/**
 * `GET /api/shops/:slug/catalog`: what shoppers see, a page at a time (`?cursor=`, `?limit=`,
 * `?q=`, `?categoryId=`), cacheable for 30 s, no sign-in. Also drops
 * the server-side copy of a shop's catalog when a write under `/api/shops/:slug` succeeds (Hono
 * runs this middleware only for routes registered after it).
 */
export function publicCatalogRoutes(cache = new PublicCatalogCache()) {
  const routes = new Hono<AppEnv>()
  const invalidate = cache.invalidateOnWrite()
  routes.use('/api/shops/:slug', invalidate)
  routes.use('/api/shops/:slug/*', invalidate)

  routes.get('/api/shops/:slug/catalog', async (c) => {
    const query = c.req.query()
    const request: PublicCatalogRequest = {
      q: readSearchText(query.q, 'q'),
      categoryId: readCategoryId(query.categoryId, 'categoryId'),
      window: readProductWindow(query, PUBLIC_PAGE_SIZE),
    }
    const rendered = await cache.get(c.var.db, c.req.param('slug'), c.var.config.publicUrl)
    if (!rendered) throw notFound('Shop')
    const page = await publicCatalogPage(c.var.db, rendered, request, c.var.config.publicUrl)
    const body = page.first
      ? rendered.body
      : JSON.stringify({
          ...page.catalog,
          nextCursor: page.nextCursor,
          prevCursor: page.prevCursor,
        })
    const etag = page.first ? rendered.etag : weakEtag(body)
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, max-age=30')
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304)
    c.header('Content-Type', 'application/json; charset=UTF-8')
    return c.body(body)
  })

  return routes
}
