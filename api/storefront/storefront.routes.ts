import { type Context, Hono } from 'hono'
import { compress } from 'hono/compress'
import QRCode from 'qrcode'
import { buildWhatsAppUrl } from '../../core/order-message.ts'
import { findPublicOrder, listOrderItems } from '../../db/orders.queries.ts'
import { findPublishedShop } from '../../db/shops.queries.ts'
import type { AppEnv } from '../app-env.ts'
import type { PublicCatalogCache } from '../catalog/public-catalog-cache.ts'
import { notFound } from '../errors.ts'
import { pageSecurityPolicy } from '../static/content-security-policy.ts'
import { serveDistFile } from '../static/serve-dist.ts'
import { renderOrderPage, renderProductPage, renderStorefront } from './pages.tsx'

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/
const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/

// Pages allow our own scripts only; JSON islands and JSON-LD are data, not code.

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** The storefront pages, the order page, sitemaps, robots.txt, QR codes and the islands bundle. */
export function storefrontRoutes(cache: PublicCatalogCache) {
  const routes = new Hono<AppEnv>()

  /** The shop's public catalog from the shared per-process copy; 404 for unknown shops. */
  async function cachedCatalog(c: Context<AppEnv>) {
    const slug = c.req.param('slug') ?? ''
    const rendered = SLUG.test(slug)
      ? await cache.get(c.var.db, slug, c.var.config.publicUrl)
      : undefined
    if (!rendered) throw notFound('Shop')
    return rendered.catalog
  }

  routes.get('/robots.txt', (c) => {
    c.header('Cache-Control', 'public, max-age=3600')
    // The admin's log-in page stays crawlable: it holds nothing private, and blocking it costs
    // its Lighthouse SEO score. Order pages are private by their unguessable token.
    return c.text('User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /o/\n')
  })

  routes.get('/assets/shop/:file', (c) => {
    const res = serveDistFile(c, `shop/${c.req.param('file')}`, { immutable: true })
    if (!res) throw notFound('File')
    return res
  })

  routes.get('/o/:token', compress(), async (c) => {
    const token = c.req.param('token')
    const order = TOKEN.test(token) ? await findPublicOrder(c.var.db, token) : undefined
    if (!order) throw notFound('Order')
    const items = await listOrderItems(c.var.db, order.id)
    const whatsappUrl = buildWhatsAppUrl(order.shop_phone, order.message)
    const qrSvg = await QRCode.toString(whatsappUrl, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'L',
    })
    const html = renderOrderPage(
      {
        code: order.code,
        status: order.status,
        items: items.map((i) => ({ name: i.name, quantity: i.quantity, lineTotal: i.line_total })),
        subtotal: order.subtotal,
        shippingTotal: order.shipping_total,
        shippingName: order.shipping_method_name,
        total: order.total,
        currency: order.currency,
        locale: order.locale,
        message: order.message,
        whatsappUrl,
        expiresAt: order.status === 'pending' ? (order.expires_at?.toISOString() ?? null) : null,
        shop: { slug: order.shop_slug, name: order.shop_name, timezone: order.shop_timezone },
      },
      token,
      qrSvg,
      c.var.config.publicUrl,
    )
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Robots-Tag', 'noindex')
    c.header(
      'Content-Security-Policy',
      pageSecurityPolicy(c.var.config.publicUrl, { inlineStyles: true }),
    )
    return c.html(html)
  })

  routes.get('/:slug/qr.svg', async (c) => {
    const shop = await findPublishedShop(c.var.db, c.req.param('slug'))
    if (!shop) throw notFound('Shop')
    const svg = await QRCode.toString(`${c.var.config.publicUrl}/${shop.slug}`, {
      type: 'svg',
      margin: 2,
    })
    c.header('Content-Type', 'image/svg+xml')
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(svg)
  })

  routes.get('/:slug/qr.png', async (c) => {
    const shop = await findPublishedShop(c.var.db, c.req.param('slug'))
    if (!shop) throw notFound('Shop')
    const png = await QRCode.toBuffer(`${c.var.config.publicUrl}/${shop.slug}`, {
      type: 'png',
      width: 512,
      margin: 2,
    })
    c.header('Content-Type', 'image/png')
    c.header('Cache-Control', 'public, max-age=86400')
    return c.body(new Uint8Array(png))
  })

  routes.get('/:slug/sitemap.xml', compress(), async (c) => {
    const catalog = await cachedCatalog(c)
    const base = `${c.var.config.publicUrl}/${catalog.shop.slug}`
    const urls = [base, ...catalog.products.map((p) => `${base}/p/${p.slug}`)]
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls
      .map((u) => `<url><loc>${xmlEscape(u)}</loc></url>`)
      .join('\n')}\n</urlset>\n`
    c.header('Content-Type', 'application/xml; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(xml)
  })

  routes.get('/:slug/p/:product', compress(), async (c) => {
    const catalog = await cachedCatalog(c)
    const product = catalog.products.find((p) => p.slug === c.req.param('product'))
    if (!product) throw notFound('Product')
    c.header('Cache-Control', 'public, max-age=30')
    c.header(
      'Content-Security-Policy',
      pageSecurityPolicy(c.var.config.publicUrl, { inlineStyles: true }),
    )
    return c.html(renderProductPage(catalog, product, c.var.config.publicUrl, new Date()))
  })

  routes.get('/:slug', compress(), async (c) => {
    const catalog = await cachedCatalog(c)
    c.header('Cache-Control', 'public, max-age=30')
    c.header(
      'Content-Security-Policy',
      pageSecurityPolicy(c.var.config.publicUrl, { inlineStyles: true }),
    )
    return c.html(renderStorefront(catalog, c.var.config.publicUrl, new Date()))
  })

  return routes
}
