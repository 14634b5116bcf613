import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { loadPublicCatalog } from '../../db/catalog.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { publicCatalogJson } from './public-catalog-json.ts'

/** True when an `If-None-Match` header names this (weak) entity tag. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  const bare = etag.replace(/^W\//, '')
  return header.split(',').some((tag) => {
    const t = tag.trim()
    return t === '*' || t.replace(/^W\//, '') === bare
  })
}

/** `GET /api/shops/:slug/catalog`: what shoppers see, cacheable for 30 s, no sign-in. */
export function publicCatalogRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/api/shops/:slug/catalog', async (c) => {
    const data = await loadPublicCatalog(c.var.db, c.req.param('slug'))
    if (!data) throw notFound('Shop')
    const body = JSON.stringify(publicCatalogJson(data, c.var.config.publicUrl))
    const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, max-age=30')
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304)
    c.header('Content-Type', 'application/json; charset=UTF-8')
    return c.body(body)
  })

  return routes
}
