import { Hono } from 'hono'
import { variantOptionsProblem } from '../../core/variant-options.ts'
import {
  deleteProduct,
  findCategory,
  findProduct,
  findProductSlugsLike,
  findTakenSkus,
  insertProduct,
  listProducts,
  listVariants,
  lockShopCatalog,
  productExists,
  replaceVariants,
  updateProduct,
} from '../../db/catalog.queries.ts'
import type { DbOrTrx } from '../../db/database.ts'
import { findShopImages } from '../../db/images.queries.ts'
import type { ProductOption, ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import type { AppEnv } from '../app-env.ts'
import { metaSyncOfProducts } from '../catalog-sync/sync-state.ts'
import type { AppConfig } from '../config.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson, readQuery } from '../validate.ts'
import { type ImageInfo, ownerProductJson } from './catalog-json.ts'
import { ADMIN_PAGE_SIZE, pageOf, readProductWindow } from './catalog-page.ts'
import {
  createProductSchema,
  productListQuerySchema,
  productValues,
  resourceId,
  updateProductSchema,
  type VariantInput,
  variantValues,
} from './catalog-schema.ts'
import { firstFreeSlug, slugifyProductName } from './product-slug.ts'

type VariantShape = Pick<VariantInput, 'sku' | 'options'>

/** Options and variants follow the one rule of core/variant-options.ts, or 400 naming the variant. */
function checkVariantOptions(options: ProductOption[], variants: VariantShape[]) {
  const problem = variantOptionsProblem(options, variants)
  if (problem) throw invalidField(`variants.${problem.index}.options`, problem.message)
}

/** SKUs are unique in a shop across products and variants, this request included. */
async function checkSkus(
  db: DbOrTrx,
  shopId: string,
  productSku: string,
  variants: VariantShape[] | undefined,
  exceptProductId?: string,
) {
  const taken = await findTakenSkus(
    db,
    shopId,
    [productSku, ...(variants ?? []).map((v) => v.sku)],
    exceptProductId,
  )
  const skuTaken = (field: string) =>
    new AppError(409, 'sku_taken', 'Another product or variant of this shop has this SKU', field)
  if (taken.has(productSku)) throw skuTaken('sku')
  const inRequest = new Set([productSku])
  for (const [i, variant] of (variants ?? []).entries()) {
    if (taken.has(variant.sku) || inRequest.has(variant.sku)) throw skuTaken(`variants.${i}.sku`)
    inRequest.add(variant.sku)
  }
}

async function checkReferences(
  db: DbOrTrx,
  shopId: string,
  input: { categoryId?: string | null | undefined; images?: string[] | undefined },
) {
  if (input.categoryId && !(await findCategory(db, shopId, input.categoryId)))
    throw invalidField('categoryId', 'No such category in this shop', 'not_found')
  if (input.images?.length) {
    const found = new Set((await findShopImages(db, shopId, input.images)).map((i) => i.hash))
    const missing = input.images.findIndex((hash) => !found.has(hash))
    if (missing >= 0)
      throw invalidField(`images.${missing}`, 'Upload the image to this shop first', 'not_found')
  }
}

/** Products with their variants and image sizes, as the owner sees them. */
async function productsJson(
  db: DbOrTrx,
  shop: { id: string; slug: string; meta_catalog_id: string | null },
  config: AppConfig,
  products: ProductRow[],
) {
  const publicUrl = config.publicUrl
  const variants = await listVariants(
    db,
    shop.id,
    products.map((p) => p.id),
  )
  const images = await findShopImages(db, shop.id, [...new Set(products.flatMap((p) => p.images))])
  const imageMap = new Map<string, ImageInfo>(images.map((i) => [i.hash, i]))
  const byProduct = new Map<string, ProductVariantRow[]>()
  for (const variant of variants) {
    const list = byProduct.get(variant.product_id) ?? []
    list.push(variant)
    byProduct.set(variant.product_id, list)
  }
  const metaSync = await metaSyncOfProducts(
    db,
    shop,
    config,
    products.map((p) => p.id),
  )
  return products.map((product) =>
    ownerProductJson(product, {
      shopSlug: shop.slug,
      publicUrl,
      variants: byProduct.get(product.id) ?? [],
      images: imageMap,
      metaSync: metaSync.get(product.id) ?? null,
    }),
  )
}

/** `/api/shops/:slug/products`: the owner's catalog, a page at a time (`?cursor=`, `?limit=`). */
export function productRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug/products'

  routes.get(base, requireOwnedShop(), async (c) => {
    const query = readQuery(c, productListQuerySchema)
    const window = readProductWindow(query, ADMIN_PAGE_SIZE)
    const rows = await listProducts(
      c.var.db,
      c.var.shop.id,
      {
        q: query.q?.trim(),
        categoryId: query.categoryId === 'none' ? null : query.categoryId,
        active: query.active,
      },
      window,
    )
    if (
      window.from &&
      rows.length === 0 &&
      !(await productExists(c.var.db, c.var.shop.id, window.from.id))
    )
      throw invalidField('cursor', 'Not a cursor from a previous page')
    const page = pageOf(rows, window)
    return c.json({
      products: await productsJson(c.var.db, c.var.shop, c.var.config, page.items),
      nextCursor: page.nextCursor,
      prevCursor: page.prevCursor,
    })
  })

  routes.post(base, requireOwnedShop(), async (c) => {
    const input = await readJson(c, createProductSchema)
    checkVariantOptions(input.options ?? [], input.variants ?? [])
    const shop = c.var.shop
    const product = await c.var.db.transaction().execute(async (trx) => {
      await lockShopCatalog(trx, shop.id)
      await checkReferences(trx, shop.id, input)
      await checkSkus(trx, shop.id, input.sku, input.variants)
      let slug = input.slug
      if (slug) {
        if ((await findProductSlugsLike(trx, shop.id, slug)).includes(slug))
          throw new AppError(
            409,
            'slug_taken',
            'Another product of this shop has this slug',
            'slug',
          )
      } else {
        const base = slugifyProductName(input.name)
        slug = firstFreeSlug(base, await findProductSlugsLike(trx, shop.id, base))
      }
      const row = await insertProduct(trx, {
        ...productValues(input),
        shop_id: shop.id,
        sku: input.sku,
        slug,
        position: input.position,
      })
      if (input.variants) await replaceVariants(trx, shop.id, row.id, variantValues(input.variants))
      return row
    })
    const [json] = await productsJson(c.var.db, shop, c.var.config, [product])
    return c.json(json, 201)
  })

  routes.get(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Product')
    const product = await findProduct(c.var.db, c.var.shop.id, id)
    if (!product) throw notFound('Product')
    const [json] = await productsJson(c.var.db, c.var.shop, c.var.config, [product])
    return c.json(json)
  })

  routes.patch(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Product')
    const input = await readJson(c, updateProductSchema)
    const shop = c.var.shop
    const product = await c.var.db.transaction().execute(async (trx) => {
      await lockShopCatalog(trx, shop.id)
      const current = await findProduct(trx, shop.id, id)
      if (!current) throw notFound('Product')
      // Options and variants must agree whichever of the two this request changes.
      const variants = input.variants ?? (await listVariants(trx, shop.id, [id]))
      checkVariantOptions(input.options ?? current.options, variants)
      await checkReferences(trx, shop.id, input)
      await checkSkus(trx, shop.id, input.sku ?? current.sku, variants, id)
      if (input.slug && input.slug !== current.slug) {
        if ((await findProductSlugsLike(trx, shop.id, input.slug, id)).includes(input.slug))
          throw new AppError(
            409,
            'slug_taken',
            'Another product of this shop has this slug',
            'slug',
          )
      }
      const row = await updateProduct(trx, shop.id, id, {
        category_id: input.categoryId,
        sku: input.sku,
        slug: input.slug,
        name: input.name,
        description: input.description,
        price: input.price,
        compare_at_price: input.compareAtPrice,
        stock: input.stock,
        active: input.active,
        position: input.position,
        options: input.options && JSON.stringify(input.options),
        images: input.images && JSON.stringify(input.images),
      })
      if (!row) throw notFound('Product')
      if (input.variants) await replaceVariants(trx, shop.id, id, variantValues(input.variants))
      return row
    })
    const [json] = await productsJson(c.var.db, shop, c.var.config, [product])
    return c.json(json)
  })

  routes.delete(`${base}/:id`, requireOwnedShop(), async (c) => {
    const id = resourceId(c.req.param('id'), 'Product')
    if (!(await deleteProduct(c.var.db, c.var.shop.id, id))) throw notFound('Product')
    return c.body(null, 204)
  })

  return routes
}
