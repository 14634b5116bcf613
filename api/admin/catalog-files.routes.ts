import { Hono } from 'hono'
import { z } from 'zod'
import { listCategories, listProducts, listVariants } from '../../db/catalog.queries.ts'
import { findMediaBytes } from '../../db/images.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, notFound } from '../errors.ts'
import { loadSharp } from '../media/image-pipeline.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readQuery, textProblem } from '../validate.ts'
import { csvResponse, toCsv } from './csv.ts'
import { applyProductImport, planProductImport } from './import-products.ts'
import { metaFeedRows } from './meta-feed.ts'
import { productCsvRows } from './product-csv.ts'

/** Product CSV files are read whole; the API body limit (1 MB) holds about 5,000 rows. */
const MAX_ERRORS_LISTED = 200

const importQuerySchema = z.strictObject({ check: z.enum(['true', 'false']).optional() })

/** The catalog as files: product CSV export and import, the Meta feed and its JPEG images. */
export function catalogFileRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug'

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
