import { Hono, type MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { listShippingMethods } from '../../db/catalog.queries.ts'
import { findPublishedShop } from '../../db/shops.queries.ts'
import {
  findPublishedShopId,
  findShopImageHashes,
  insertAnalyticsEvent,
  listWidgetSkus,
  updateWidgetSettings,
} from '../../db/widget.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { limitBody } from '../middleware/body-limit.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { serveDistFile } from '../static/serve-dist.ts'
import { parseWith, readJson } from '../validate.ts'
import {
  ownerWidgetJson,
  publicWidgetJson,
  widgetShippingJson,
  widgetSkusJson,
} from './widget-json.ts'
import {
  storedWidgetSettings,
  type WidgetSettings,
  widgetEventSchema,
  widgetSettingsSchema,
} from './widget-schema.ts'

/** Most SKUs the mini cart may ask the price of at once. */
const MAX_SKUS_ASKED = 100

export interface WidgetRoutesOptions {
  /** Widget events per visitor IP per window. */
  eventRateLimit?: { limit: number; windowMs: number }
}

/** Loader cache: short, so a new release reaches every site within minutes. */
const LOADER_MAX_AGE = 300
/** Public settings cache: an owner's change shows within a minute. */
const SETTINGS_MAX_AGE = 60

// Any site may embed the widget; nothing here reads cookies, so no credentials are allowed.
const anyOrigin = () => cors({ origin: '*', allowMethods: ['GET', 'POST'], maxAge: 86_400 })

function crossOriginAsset(res: Response): Response {
  res.headers.set('Access-Control-Allow-Origin', '*')
  res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin')
  return res
}

/** Hashes the owner referred to (avatar, team photos) that are not images of this shop. */
async function checkImages(c: { var: AppEnv['Variables'] }, settings: WidgetSettings) {
  const used: [string, string][] = []
  if (settings.avatarImage) used.push(['avatarImage', settings.avatarImage])
  settings.teams.forEach((agent, i) => {
    if (agent.photoImage) used.push([`teams.${i}.photoImage`, agent.photoImage])
  })
  const known = await findShopImageHashes(
    c.var.db,
    c.var.shop.id,
    used.map(([, hash]) => hash),
  )
  const missing = used.find(([, hash]) => !known.has(hash))
  if (missing) throw invalidField(missing[0], 'Upload the image to this shop first', 'not_found')
}

/**
 * The widget: its settings for the owner, its public settings and price list for visitors'
 * pages, its analytics events, and the loader and bubble scripts.
 */
export function widgetRoutes(options: WidgetRoutesOptions = {}) {
  const routes = new Hono<AppEnv>()
  // Read per request: the app's configuration (AppConfig.publicRateLimits) sets the limit.
  const eventRateLimit: MiddlewareHandler<AppEnv> = (c, next) =>
    rateLimit({
      name: 'widget-events',
      ...(options.eventRateLimit ?? c.var.config.publicRateLimits.events),
    })(c, next)

  routes.get('/api/shops/:slug/widget', requireOwnedShop(), (c) => {
    const settings = storedWidgetSettings(c.var.shop.widget_settings)
    return c.json(ownerWidgetJson(c.var.shop, settings, c.var.config.publicUrl))
  })

  routes.put('/api/shops/:slug/widget', requireOwnedShop(), async (c) => {
    const settings = await readJson(c, widgetSettingsSchema)
    await checkImages(c, settings)
    const stored = await updateWidgetSettings(c.var.db, c.var.shop.id, settings)
    return c.json(ownerWidgetJson(c.var.shop, storedWidgetSettings(stored), c.var.config.publicUrl))
  })

  routes.use('/api/widget/*', anyOrigin())
  routes.use('/api/widget/*', etag())

  routes.get('/api/widget/:slug', async (c) => {
    const shop = await findPublishedShop(c.var.db, c.req.param('slug'))
    if (!shop) throw notFound('Shop')
    const settings = storedWidgetSettings(shop.widget_settings)
    c.header('Cache-Control', `public, max-age=${SETTINGS_MAX_AGE}`)
    return c.json(publicWidgetJson(shop, settings, c.var.config.publicUrl))
  })

  // A separate, compact list fetched only when the mini cart is used: most visitors never add
  // anything, and the settings above stay small however large the catalog grows.
  routes.get('/api/widget/:slug/skus', async (c) => {
    const shop = await findPublishedShop(c.var.db, c.req.param('slug'))
    if (!shop) throw notFound('Shop')
    // `?sku=A&sku=B`: only these (the mini cart asks for the SKUs it holds or adds).
    const asked = c.req.queries('sku')
    if (asked && (asked.length > MAX_SKUS_ASKED || asked.some((sku) => sku.length > 100)))
      throw invalidField('sku', `Ask for at most ${MAX_SKUS_ASKED} SKUs of at most 100 characters`)
    c.header('Cache-Control', `public, max-age=${SETTINGS_MAX_AGE}`)
    const json = widgetSkusJson(await listWidgetSkus(c.var.db, shop.id, asked))
    // The shipping methods come with the prices: only a cart needs them, as the checkout does.
    const shipping = widgetShippingJson(await listShippingMethods(c.var.db, shop.id))
    if (!asked) return c.json({ ...json, shipping })
    const wanted = new Set(asked)
    return c.json({ skus: json.skus.filter((s) => wanted.has(s.sku)), shipping })
  })

  routes.use('/api/events', anyOrigin())
  routes.post(
    '/api/events',
    limitBody(1024),
    // Per visitor address: every public write is rate-limited.
    eventRateLimit,
    async (c) => {
      // navigator.sendBeacon sends a string as text/plain, which needs no CORS preflight.
      const type = c.req.header('content-type') ?? 'text/plain'
      if (!/^(text\/plain|application\/json)\b/i.test(type)) {
        throw new AppError(415, 'unsupported_media_type', 'Send the event as JSON text')
      }
      let body: unknown
      try {
        body = JSON.parse(await c.req.text())
      } catch {
        throw new AppError(400, 'invalid_json', 'The body is not valid JSON')
      }
      const event = parseWith(widgetEventSchema, body)
      const shopId = await findPublishedShopId(c.var.db, event.shop)
      if (!shopId) throw invalidField('shop', 'Shop not found', 'not_found')
      await insertAnalyticsEvent(c.var.db, {
        shopId,
        type: event.type,
        channel: event.channel ?? null,
      })
      return c.body(null, 204)
    },
  )

  routes.get('/widget.js', (c) => {
    const res = serveDistFile(c, 'widget/widget.js', { maxAge: LOADER_MAX_AGE })
    if (!res) throw notFound('Widget (run npm run build)')
    return crossOriginAsset(res)
  })

  // The bubble and its chunks have content-hashed names: cached for a year.
  routes.get('/widget/:file{[\\w-]+\\.js}', (c) => {
    const file = c.req.param('file')
    const res =
      file === 'widget.js' ? null : serveDistFile(c, `widget/${file}`, { immutable: true })
    if (!res) throw notFound('File')
    return crossOriginAsset(res)
  })

  return routes
}
