import { Hono } from 'hono'
import { z } from 'zod'
import { toMajorUnits } from '../../core/money.ts'
import {
  countUnmatchedMessages,
  dailyOrderTotals,
  orderFunnel,
  topSellingSkus,
} from '../../db/admin.queries.ts'
import { listCategories, listProducts, listVariants } from '../../db/catalog.queries.ts'
import { findMediaBytes } from '../../db/images.queries.ts'
import { listItemsOfOrders, listShopOrders } from '../../db/orders.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { currentMerchant } from '../auth/session.ts'
import { AppError, notFound } from '../errors.ts'
import { loadSharp } from '../media/image-pipeline.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { orderStatusSchema } from '../orders/order-schema.ts'
import { readQuery, textProblem } from '../validate.ts'
import { spreadsheetSafe, toCsv } from './csv.ts'
import { applyProductImport, planProductImport } from './import-products.ts'
import { metaFeedRows } from './meta-feed.ts'
import { productCsvRows } from './product-csv.ts'

const DAY_MS = 86_400_000
const DASHBOARD_DAYS = 30
/** Product CSV files are read whole; the API body limit (1 MB) holds about 5,000 rows. */
const MAX_ERRORS_LISTED = 200

const importQuerySchema = z.strictObject({ check: z.enum(['true', 'false']).optional() })
const ordersCsvQuerySchema = z.strictObject({ status: orderStatusSchema.optional() })

function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

/** The day keys (YYYY-MM-DD in the shop's time zone) of the last `days` days, oldest first. */
function lastDays(days: number, timezone: string, now = new Date()): string[] {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  const keys: string[] = []
  for (let i = days - 1; i >= 0; i--) keys.push(format.format(new Date(now.getTime() - i * DAY_MS)))
  return [...new Set(keys)]
}

/** The admin's own data: dashboard, product CSV import and export, Meta feed, orders CSV. */
export function adminDataRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug'

  // The admin asks this first; signed out is an ordinary answer here, not a 401 in the console.
  routes.get('/api/admin/session', async (c) => {
    const merchant = await currentMerchant(c)
    c.header('Cache-Control', 'no-store')
    return c.json({ merchant: merchant ? { id: merchant.id, email: merchant.email } : null })
  })

  routes.get(`${base}/dashboard`, requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const days = lastDays(DASHBOARD_DAYS, shop.timezone)
    // From the start of the first day shown, in the shop's time zone (give or take its offset).
    const since = new Date(Date.now() - (DASHBOARD_DAYS + 1) * DAY_MS)
    const [daily, funnel, topProducts, unmatchedMessages] = await Promise.all([
      dailyOrderTotals(db, { shopId: shop.id, timezone: shop.timezone, since }),
      orderFunnel(db, { shopId: shop.id, since }),
      topSellingSkus(db, { shopId: shop.id, since, limit: 5 }),
      countUnmatchedMessages(db, shop.id),
    ])
    const byDay = new Map(daily.map((d) => [d.day, d]))
    const series = days.map((date) => ({
      date,
      orders: byDay.get(date)?.orders ?? 0,
      revenue: byDay.get(date)?.revenue ?? 0,
    }))
    return c.json({
      currency: shop.currency,
      days: series,
      totals: {
        orders: series.reduce((n, d) => n + d.orders, 0),
        revenue: series.reduce((n, d) => n + d.revenue, 0),
      },
      funnel,
      topProducts,
      unmatchedMessages,
    })
  })

  routes.get(`${base}/products.csv`, requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const [products, categories] = await Promise.all([
      listProducts(db, shop.id),
      listCategories(db, shop.id),
    ])
    const variants = await listVariants(
      db,
      shop.id,
      products.map((p) => p.id),
    )
    const rows = productCsvRows({
      products,
      variants,
      categories,
      currency: shop.currency,
      publicUrl: c.var.config.publicUrl,
    })
    return csvResponse(toCsv(rows), `${shop.slug}-products.csv`)
  })

  routes.post(`${base}/products/import`, requireOwnedShop(), async (c) => {
    const { check } = readQuery(c, importQuerySchema)
    const type = c.req.header('content-type') ?? ''
    if (!/^text\/(csv|plain)\b/i.test(type)) {
      throw new AppError(415, 'unsupported_media_type', 'Send the file as text/csv', 'file')
    }
    const text = await c.req.text()
    // PostgreSQL stores no NUL; a file holding one is not CSV text (a spreadsheet's own format).
    const problem = textProblem(text)
    if (problem) {
      const nul = text.indexOf('\0')
      const where =
        nul < 0 ? 'The file' : `Line ${text.slice(0, nul).split('\n').length} of the file`
      throw new AppError(400, 'invalid_text', `${where} ${problem}`, 'file')
    }
    const { db, shop } = c.var
    if (check === 'true') {
      const plan = await planProductImport(db, shop, text)
      return c.json({
        valid: plan.errors.length === 0,
        summary: plan.summary,
        errors: plan.errors.slice(0, MAX_ERRORS_LISTED),
        errorCount: plan.errors.length,
      })
    }
    // Checked first, outside any transaction: a file with errors writes nothing.
    const plan = await planProductImport(db, shop, text)
    if (plan.errors.length > 0) {
      const listed = plan.errors
        .slice(0, 20)
        .map((e) => `row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`)
        .join('; ')
      const more = plan.errors.length > 20 ? `; and ${plan.errors.length - 20} more` : ''
      const count = new Set(plan.errors.map((e) => e.row)).size
      throw new AppError(
        400,
        'invalid_rows',
        `Nothing was imported: ${count} row${count === 1 ? ' has' : 's have'} errors. ${listed}${more}`,
        'file',
      )
    }
    // In short committed chunks: on PGlite a long transaction would hold every other query.
    await applyProductImport(db, shop.id, plan)
    return c.json(plan.summary)
  })

  routes.get(`${base}/meta-feed.csv`, requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const products = await listProducts(db, shop.id, { active: true })
    const variants = await listVariants(
      db,
      shop.id,
      products.map((p) => p.id),
    )
    const rows = metaFeedRows({ shop, products, variants, publicUrl: c.var.config.publicUrl })
    return csvResponse(toCsv(rows), `${shop.slug}-meta-catalog.csv`)
  })

  routes.get(`${base}/orders.csv`, requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const { status } = readQuery(c, ordersCsvQuerySchema)
    const rows: string[][] = [
      [
        'code',
        'created_at',
        'status',
        'source',
        'customer_name',
        'customer_phone',
        'customer_whatsapp',
        'customer_address',
        'items',
        'shipping_method',
        'subtotal',
        'shipping',
        'total',
        'currency',
        'confirmed_at',
        'note',
      ],
    ]
    let afterId: string | undefined
    for (;;) {
      const page = await listShopOrders(db, { shopId: shop.id, status, limit: 500, afterId })
      const orders = page.slice(0, 500)
      const items = await listItemsOfOrders(
        db,
        orders.map((o) => o.id),
      )
      for (const order of orders) {
        const lines = items
          .filter((i) => i.order_id === order.id)
          .map((i) => `${i.quantity} x ${i.name} [${i.sku}]`)
          .join('; ')
        rows.push([
          order.code,
          order.created_at.toISOString(),
          order.status,
          order.source,
          spreadsheetSafe(order.customer_name),
          order.customer_phone ?? '',
          order.customer_wa_id ?? '',
          spreadsheetSafe(order.customer_address ?? ''),
          spreadsheetSafe(lines),
          spreadsheetSafe(order.shipping_method_name ?? ''),
          toMajorUnits(order.subtotal, order.currency),
          toMajorUnits(order.shipping_total, order.currency),
          toMajorUnits(order.total, order.currency),
          order.currency,
          order.confirmed_at?.toISOString() ?? '',
          spreadsheetSafe(order.note ?? ''),
        ])
      }
      if (page.length <= 500) break
      afterId = orders.at(-1)?.id
    }
    const suffix = status ? `-${status}` : ''
    return csvResponse(toCsv(rows), `${shop.slug}-orders${suffix}.csv`)
  })

  // Meta's catalog takes JPEG or PNG image links; our images are stored as WebP.
  routes.get('/media/jpeg/:file', async (c) => {
    const match = /^([a-f0-9]{32})\.jpg$/.exec(c.req.param('file'))
    if (!match?.[1]) throw notFound('Image')
    const etag = `"${match[1]}-jpeg"`
    const headers = { 'Cache-Control': 'public, max-age=31536000, immutable', ETag: etag }
    if (c.req.header('if-none-match')?.includes(etag)) return c.body(null, 304, headers)
    const row = await findMediaBytes(c.var.db, match[1], 'display')
    if (!row) throw notFound('Image')
    const sharp = await loadSharp()
    const jpeg = await sharp(row.bytes)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 86 })
      .toBuffer()
    return c.body(new Uint8Array(jpeg), 200, { ...headers, 'Content-Type': 'image/jpeg' })
  })

  return routes
}
