import { Hono } from 'hono'
import { compress } from 'hono/compress'
import type { Db } from '../db/database.ts'
import { pingDatabase } from '../db/health.queries.ts'
import { adminRoutes } from './admin/admin.routes.ts'
import type { AppEnv } from './app-env.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { catalogRoutes } from './catalog/catalog.routes.ts'
import { PublicCatalogCache } from './catalog/public-catalog-cache.ts'
import { type AppConfig, defaultConfig } from './config.ts'
import { discountRoutes } from './discounts/discounts.routes.ts'
import { AppError, handleError, isDatabaseUnavailable } from './errors.ts'
import { mediaRoutes } from './media/media.routes.ts'
import { ogRoutes } from './media/og.routes.ts'
import { limitBody } from './middleware/body-limit.ts'
import { requestLog } from './middleware/request-log.ts'
import { securityHeaders } from './middleware/security-headers.ts'
import { refuseBadUrlText } from './middleware/url-text.ts'
import { orderRoutes } from './orders/orders.routes.ts'
import { quoteRoutes } from './orders/quote.routes.ts'
import { replyRoutes } from './orders/replies.routes.ts'
import { slotRoutes } from './orders/slots.routes.ts'
import { stripeWebhookRoutes } from './payments/stripe-webhook.routes.ts'
import { shopRoutes } from './shops/shops.routes.ts'
import { slugSuggestionRoutes } from './shops/slug-suggestion.routes.ts'
import { pageMissResponse } from './storefront/instance-pages.tsx'
import { storefrontRoutes } from './storefront/storefront.routes.ts'
import { whatsappInboxRoutes } from './whatsapp/inbox.routes.ts'
import { whatsappUsageRoutes } from './whatsapp/usage.routes.ts'
import { whatsappWebhookRoutes } from './whatsapp/webhook.routes.ts'
import { widgetRoutes } from './widget/widget.routes.ts'

export interface CreateAppOptions {
  db: Db
  config?: Partial<AppConfig>
}

const MB = 1024 * 1024

/**
 * Builds the whole HTTP app: API, webhooks, widget, storefront and admin. Tests call
 * `createApp({ db }).request(...)`; the server passes it to @hono/node-server.
 */
export function createApp(options: CreateAppOptions) {
  const config = defaultConfig(options.config)
  const app = new Hono<AppEnv>()

  app.use(requestLog({ write: config.log ? (line) => console.log(line) : undefined }))
  app.use(async function context(c, next) {
    c.set('db', options.db)
    c.set('config', config)
    await next()
  })
  // Meta's webhook deliveries, before the middleware meant for pages and the API: a flood of them
  // is acknowledged at the speed of one insert each (the route sets its own headers).
  app.route('/', whatsappWebhookRoutes())
  app.use(securityHeaders())
  // Big JSON (catalog pages, SKU lists, owner lists) goes compressed; small answers as they are.
  app.use('/api/*', compress({ threshold: 2048 }))
  // A NUL in a path or query string never reaches a route (nor the database).
  app.use(refuseBadUrlText())
  // Uploads get their own, larger cap on their route.
  app.use('/api/*', async function apiBodyLimit(c, next) {
    if (/^\/api\/shops\/[^/]+\/images$/.test(c.req.path)) return next()
    return limitBody(MB)(c, next)
  })
  app.onError(handleError)
  // A page nobody serves gets the HTML 404 (or loses its trailing slash); the API keeps JSON.
  app.notFound(
    (c) => pageMissResponse(c) ?? handleError(new AppError(404, 'not_found', 'Not found'), c),
  )

  app.get('/healthz', async (c) => {
    try {
      await pingDatabase(c.var.db)
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error
      c.header('Cache-Control', 'no-store')
      return c.json({ ok: false, database: 'unavailable' }, 503)
    }
    return c.json({ ok: true })
  })

  app.route('/', authRoutes(config.authRateLimit))
  // One copy of each shop's public catalog per process, for the API and the storefront pages.
  const catalogCache = new PublicCatalogCache()
  app.route('/', catalogRoutes(catalogCache))
  // After the catalog, whose middleware forgets a shop's cached catalog when its settings change.
  app.route('/', shopRoutes())
  app.route('/', discountRoutes())
  app.route('/', slugSuggestionRoutes())
  app.route('/', mediaRoutes())
  app.route('/', ogRoutes(catalogCache))
  app.route('/', orderRoutes())
  app.route('/', quoteRoutes())
  app.route('/', slotRoutes())
  app.route('/', replyRoutes())
  app.route('/', widgetRoutes())
  app.route('/', stripeWebhookRoutes())
  app.route('/', whatsappInboxRoutes())
  app.route('/', whatsappUsageRoutes())
  app.route('/', adminRoutes())
  // Pages last: /{slug} would otherwise shadow the routes above.
  app.route('/', storefrontRoutes(catalogCache))

  return app
}

export type App = ReturnType<typeof createApp>
