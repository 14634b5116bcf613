import { gzipSync } from 'node:zlib'
import { type Context, Hono } from 'hono'
import { compress } from 'hono/compress'
import QRCode from 'qrcode'
import { buildWhatsAppUrl } from '../../core/order-message.ts'
import { findPublicProduct, listPublicProductSlugs } from '../../db/catalog.queries.ts'
import { findPublicOrder, listOrderItems } from '../../db/orders.queries.ts'
import { findPublishedShop } from '../../db/shops.queries.ts'
import type { AppEnv } from '../app-env.ts'
import {
  PUBLIC_PAGE_SIZE,
  readCategoryId,
  readProductWindow,
  readSearchText,
} from '../catalog/catalog-page.ts'
import {
  type PublicCatalogCache,
  type RenderedCatalog,
  weakEtag,
} from '../catalog/public-catalog-cache.ts'
import { publicProductJson } from '../catalog/public-catalog-json.ts'
import { type PublicCatalogRequest, publicCatalogPage } from '../catalog/public-catalog-page.ts'
import { handleError, notFound } from '../errors.ts'
import { clientIp } from '../middleware/client-ip.ts'
import { slotJson } from '../orders/order-json.ts'
import { orderPayment } from '../orders/order-payment.ts'
import { pageSecurityPolicy } from '../static/content-security-policy.ts'
import { serveDistFile } from '../static/serve-dist.ts'
import { homePageResponse, PageNotFound, pageNotFoundResponse } from './instance-pages.tsx'
import { viewPayment } from './order-payment-view.ts'
import { renderOrderPage, renderProductPage, renderStorefront } from './pages.tsx'

const TOKEN = /^[A-Za-z0-9_-]{22,64}$/
const SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/
const SITEMAP_BATCH = 1000
const SITEMAP_MAX_URLS = 50_000

// Pages allow our own scripts only; JSON islands and JSON-LD are data, not code.

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** The storefront pages, the order page, sitemaps, robots.txt, QR codes and the islands bundle. */
export function storefrontRoutes(cache: PublicCatalogCache) {
  const routes = new Hono<AppEnv>()

  // Misses of pages are small HTML pages; everything else keeps the app's JSON errors.
  routes.onError((err, c) =>
    err instanceof PageNotFound ? pageNotFoundResponse(c, err.miss) : handleError(err, c),
  )

  /** The shop's catalog head and first page from the shared per-process copy; 404 if unknown. */
  async function cachedCatalog(c: Context<AppEnv>) {
    const slug = c.req.param('slug') ?? ''
    const rendered = SLUG.test(slug)
      ? await cache.get(c.var.db, slug, c.var.config.publicUrl)
      : undefined
    if (!rendered) throw notFound('Shop')
    return rendered
  }

  /**
   * The page's shop, or: a 301 to the same page under the shop's own (lower-case) address when
   * the slug was typed in capitals, or the HTML 404 when there is no such shop.
   */
  async function shopForPage(c: Context<AppEnv>) {
    const slug = c.req.param('slug') ?? ''
    // c.get(), not c.var, on this path: c.var copies every variable into a new object.
    const db = c.get('db')
    const { publicUrl } = c.get('config')
    const rendered = SLUG.test(slug) ? await cache.get(db, slug, publicUrl) : undefined
    if (rendered) return { rendered }
    // Stored slugs are lower-case, so a case-insensitive match is the lower-cased slug.
    const lower = slug.toLowerCase()
    if (lower !== slug && SLUG.test(lower)) {
      const canonical = await cache.get(db, lower, publicUrl)
      if (canonical) {
        const rest = c.req.path.slice(slug.length + 1)
        return { redirect: permanentRedirect(c, `/${lower}${rest}`) }
      }
    }
    throw new PageNotFound({ kind: 'page' })
  }

  /** A 301 to `path` with the request's query string kept. */
  function permanentRedirect(c: Context<AppEnv>, path: string) {
    c.header('Cache-Control', 'public, max-age=3600')
    return c.redirect(`${path}${new URL(c.req.url).search}`, 301)
  }

  routes.get('/', homePageResponse)

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
    if (!order) throw new PageNotFound({ kind: 'order' })
    const items = await listOrderItems(c.var.db, order.id)
    const payment = await viewPayment(
      await orderPayment(c.var.db, c.var.config, order, order.shop_payments, clientIp(c)),
    )
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
        discountCode: order.discount_code,
        discountTotal: order.discount_total,
        deliveryArea: order.delivery_area,
        slot: slotJson(order),
        total: order.total,
        currency: order.currency,
        locale: order.locale,
        message: order.message,
        whatsappUrl,
        expiresAt: order.status === 'pending' ? (order.expires_at?.toISOString() ?? null) : null,
        shop: { slug: order.shop_slug, name: order.shop_name, timezone: order.shop_timezone },
        payment,
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

  // Streamed in batches of slugs: memory stays bounded however many products the shop has.
  // One sitemap file holds at most 50,000 URLs (sitemaps.org), the shop's page included.
  routes.get('/:slug/sitemap.xml', compress(), async (c) => {
    const { catalog, shopId } = await cachedCatalog(c)
    const db = c.var.db
    const base = `${c.var.config.publicUrl}/${catalog.shop.slug}`
    const encoder = new TextEncoder()
    const url = (u: string) => `<url><loc>${xmlEscape(u)}</loc></url>\n`
    let afterId: string | undefined
    let listed = 1
    let started = false
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true
          controller.enqueue(
            encoder.encode(
              `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${url(base)}`,
            ),
          )
          return
        }
        const batch = Math.min(SITEMAP_BATCH, SITEMAP_MAX_URLS - listed)
        const rows = batch > 0 ? await listPublicProductSlugs(db, shopId, afterId, batch) : []
        if (rows.length > 0) {
          listed += rows.length
          afterId = rows.at(-1)?.id
          controller.enqueue(encoder.encode(rows.map((p) => url(`${base}/p/${p.slug}`)).join('')))
        }
        if (rows.length < batch || batch === 0) {
          controller.enqueue(encoder.encode('</urlset>\n'))
          controller.close()
        }
      },
    })
    c.header('Content-Type', 'application/xml; charset=utf-8')
    c.header('Cache-Control', 'public, max-age=300')
    return c.body(stream)
  })

  routes.get('/:slug/p/:product', async (c) => {
    const found = await shopForPage(c)
    if (found.redirect) return found.redirect
    const { rendered } = found
    const typed = c.req.param('product')
    const product = await findProductForPage(c, rendered, typed)
    if (!product) {
      const { shop } = rendered.catalog
      throw new PageNotFound({
        kind: 'page',
        locale: shop.locale,
        back: { href: `/${shop.slug}`, shopName: shop.name },
      })
    }
    if (product.slug !== typed) {
      return permanentRedirect(c, `/${rendered.catalog.shop.slug}/p/${product.slug}`)
    }
    c.header('Cache-Control', 'public, max-age=30')
    c.header('Content-Security-Policy', storefrontSecurityPolicy(c.var.config.publicUrl))
    const html = renderProductPage(rendered.catalog, product, c.var.config.publicUrl, new Date())
    return sendPage(c, htmlPage(html))
  })

  // One page of products at a time: `?cursor=` and `?limit=` page, `?q=` searches and
  // `?category=` filters over the whole catalog; other parameters (campaign tags) are ignored.
  routes.get('/:slug', async (c) => {
    const query = c.req.query()
    const request: PublicCatalogRequest = {
      q: readSearchText(query.q, 'q'),
      categoryId: readCategoryId(query.category, 'category'),
      window: readProductWindow(query, PUBLIC_PAGE_SIZE),
    }
    const found = await shopForPage(c)
    if (found.redirect) return found.redirect
    const { rendered } = found
    c.header('Cache-Control', 'public, max-age=30')
    c.header('Content-Security-Policy', storefrontSecurityPolicy(c.get('config').publicUrl))
    const plain =
      request.q === undefined &&
      request.categoryId === undefined &&
      request.window.from === undefined &&
      request.window.limit === PUBLIC_PAGE_SIZE
    if (plain) return firstPageResponse(c, rendered)
    const page = await publicCatalogPage(c.var.db, rendered, request, c.var.config.publicUrl)
    const html = renderStorefront(page.catalog, c.var.config.publicUrl, new Date(), {
      q: request.q ?? '',
      categoryId: request.categoryId ?? '',
      cursor: query.cursor ?? '',
      limit: request.window.limit === PUBLIC_PAGE_SIZE ? undefined : request.window.limit,
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
    })
    return sendPage(c, htmlPage(html))
  })

  return routes
}

/** A page as it is sent: the HTML, its gzip and its ETag. */
interface HtmlPage {
  html: string
  gzip: Uint8Array<ArrayBuffer>
  etag: string
}

/**
 * A shop's first page, rendered and gzipped once per copy of its catalog: a new copy comes
 * with any change to the shop (the catalog cache drops it on every write) and at least every
 * second, which also keeps "open now" current. Most visitors land on this page.
 */
const firstPages = new WeakMap<RenderedCatalog, HtmlPage>()

/** The storefront's and product pages' policy, built once per public URL. */
const storefrontPolicies = new Map<string, string>()

function storefrontSecurityPolicy(publicUrl: string): string {
  let policy = storefrontPolicies.get(publicUrl)
  if (policy === undefined) {
    policy = pageSecurityPolicy(publicUrl, { inlineStyles: true })
    storefrontPolicies.set(publicUrl, policy)
  }
  return policy
}

function firstPageResponse(c: Context<AppEnv>, rendered: RenderedCatalog): Response {
  let page = firstPages.get(rendered)
  if (!page) {
    const { catalog, nextCursor } = rendered
    page = htmlPage(
      renderStorefront(catalog, c.get('config').publicUrl, new Date(), {
        q: '',
        categoryId: '',
        cursor: '',
        limit: undefined,
        nextCursor,
        prevCursor: null,
      }),
    )
    firstPages.set(rendered, page)
  }
  return sendPage(c, page)
}

/**
 * A rendered page with its gzip and ETag. Compressed in one call rather than through a
 * compression stream: for a 60 KB page the stream's chunks, writes and garbage cost more than
 * the deflate itself.
 */
function htmlPage(html: string): HtmlPage {
  return { html, gzip: new Uint8Array(gzipSync(html, { level: 6 })), etag: weakEtag(html) }
}

/** Answers a page: 304 for its ETag, gzip when the client takes it, else the HTML. */
function sendPage(c: Context<AppEnv>, page: HtmlPage): Response {
  c.header('ETag', page.etag)
  c.header('Vary', 'Accept-Encoding')
  if (c.req.header('if-none-match') === page.etag) return c.body(null, 304)
  if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.html(page.html)
  c.header('Content-Encoding', 'gzip')
  c.header('Content-Type', 'text/html; charset=UTF-8')
  return c.body(page.gzip)
}

/** The product by its slug, else by its lower-cased slug (stored slugs are lower-case). */
async function findProductForPage(
  c: Context<AppEnv>,
  rendered: RenderedCatalog,
  typed: string,
): Promise<RenderedCatalog['catalog']['products'][number] | undefined> {
  for (const slug of new Set([typed, typed.toLowerCase()])) {
    // The first page is in memory; a product further on is one indexed query away.
    const cached = rendered.catalog.products.find((p) => p.slug === slug)
    if (cached) return cached
    const row = await findPublicProduct(c.var.db, rendered.shopId, slug)
    if (row) return publicProductJson(row, c.var.config.publicUrl)
  }
  return undefined
}
