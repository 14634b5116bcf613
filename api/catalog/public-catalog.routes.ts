import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { PublicCatalogCache } from './public-catalog-cache.ts'

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
 * `GET /api/shops/:slug/catalog`: what shoppers see, cacheable for 30 s, no sign-in. Also drops
 * the server-side copy of a shop's catalog when a write under `/api/shops/:slug` succeeds (Hono
 * runs this middleware only for routes registered after it).
 */
export function publicCatalogRoutes(cache = new PublicCatalogCache()) {
  const routes = new Hono<AppEnv>()
  const invalidate = cache.invalidateOnWrite()
  routes.use('/api/shops/:slug', invalidate)
  routes.use('/api/shops/:slug/*', invalidate)

  routes.get('/api/shops/:slug/catalog', async (c) => {
    const rendered = await cache.get(c.var.db, c.req.param('slug'), c.var.config.publicUrl)
    if (!rendered) throw notFound('Shop')
    c.header('ETag', rendered.etag)
    c.header('Cache-Control', 'public, max-age=30')
    if (matchesEtag(c.req.header('if-none-match'), rendered.etag)) return c.body(null, 304)
    c.header('Content-Type', 'application/json; charset=UTF-8')
    return c.body(rendered.body)
  })

  return routes
}
