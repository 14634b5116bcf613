import { type Expression, type Insertable, sql, type Transaction, type Updateable } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import type { DeliveryArea } from '../core/cart.ts'
import type { SlotSettings } from '../core/time-slots.ts'
import type { Database, Db, DbOrTrx } from './database.ts'
import type { ProductOption, ProductsTable } from './schema/products.ts'
import type { ShippingMethodsTable } from './schema/shipping-methods.ts'
import type { ClosedDate, ShopChannels, WeeklyHours } from './schema/shops.ts'

// Every function takes the shop id and filters by it: a row of another shop is simply absent.

/**
 * Locks the shop's row for the rest of the transaction, so catalog writes of one shop (SKU and
 * slug checks, then inserts) happen one after the other.
 */
export async function lockShopCatalog(trx: Transaction<Database>, shopId: string): Promise<void> {
  await trx.selectFrom('shops').select('id').where('id', '=', shopId).forUpdate().execute()
}

// ── categories ────────────────────────────────────────────────────────────────────────────────

/** The shop's categories in display order. */
export function listCategories(db: DbOrTrx, shopId: string) {
  return db
    .selectFrom('categories')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** One category of the shop. */
export function findCategory(db: DbOrTrx, shopId: string, id: string) {
  return db
    .selectFrom('categories')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Adds a category; without a position it goes last. */
export function insertCategory(
  db: DbOrTrx,
  args: { shopId: string; name: string; position?: number | undefined },
) {
  return db
    .insertInto('categories')
    .values({
      shop_id: args.shopId,
      name: args.name,
      position: args.position ?? nextPosition('categories', args.shopId),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Renames or moves a category; undefined when the shop has no such category. */
export function updateCategory(
  db: DbOrTrx,
  shopId: string,
  id: string,
  values: { name?: string | undefined; position?: number | undefined },
) {
  if (!hasChanges(values)) return findCategory(db, shopId, id)
  return db
    .updateTable('categories')
    .set(values)
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

/**
 * Deletes a category, moving its products to `moveTo` or leaving them uncategorised (null).
 * Run it in a transaction. True when there was such a category.
 */
export async function deleteCategory(
  db: DbOrTrx,
  shopId: string,
  id: string,
  moveTo: string | null,
): Promise<boolean> {
  await db
    .updateTable('products')
    .set({ category_id: moveTo, updated_at: new Date() })
    .where('shop_id', '=', shopId)
    .where('category_id', '=', id)
    .execute()
  const result = await db
    .deleteFrom('categories')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Sets positions 0, 1, 2… in the order of `ids` (all of them the shop's categories). */
export async function reorderCategories(db: DbOrTrx, shopId: string, ids: readonly string[]) {
  await sql`
    update categories c set position = o.ord - 1
    from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb) with ordinality as o(id, ord)
    where c.id = o.id::uuid and c.shop_id = ${shopId}`.execute(db)
}

// ── products ──────────────────────────────────────────────────────────────────────────────────

export interface ProductFilter {
  /** Matches name or SKU, case-insensitive. */
  q?: string | undefined
  /** A category id, or null for uncategorised products. */
  categoryId?: string | null | undefined
  active?: boolean | undefined
}

/** A window of a product list in display order: after (or before) the product `id`. */
export interface ProductWindow {
  /** Products after this one (`after`) or before it (`before`); from the start without it. */
  from?: { direction: 'after' | 'before'; id: string } | undefined
  /** At most this many; one more is read to tell whether the list goes on. */
  limit: number
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}

// Keyset on the display order (position, created_at, id), compared with the row of the cursor
// product itself: no timestamp goes through JavaScript (microseconds), and an index on
// (shop_id, position, created_at, id) serves it. A cursor naming no product of the shop compares
// as null, which selects nothing.
function keysetCondition(table: 'products' | 'p', shopId: string, from: ProductWindow['from']) {
  if (!from) return undefined
  const row = sql`(${sql.ref(`${table}.position`)}, ${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)})`
  const cursor = sql`(select k.position, k.created_at, k.id from products k where k.shop_id = ${shopId} and k.id = ${from.id})`
  return from.direction === 'after'
    ? sql<boolean>`${row} > ${cursor}`
    : sql<boolean>`${row} < ${cursor}`
}

/**
 * The shop's products in display order, filtered; with `window`, one page of them (up to
 * `limit + 1` rows, in display order, so the caller can tell there is more).
 */
export async function listProducts(
  db: DbOrTrx,
  shopId: string,
  filter: ProductFilter = {},
  window?: ProductWindow,
) {
  let query = db.selectFrom('products').selectAll().where('shop_id', '=', shopId)
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('sku', 'ilike', pattern)]))
  }
  if (filter.categoryId === null) query = query.where('category_id', 'is', null)
  else if (filter.categoryId) query = query.where('category_id', '=', filter.categoryId)
  if (filter.active !== undefined) query = query.where('active', '=', filter.active)
  if (!window) return query.orderBy('position').orderBy('created_at').orderBy('id').execute()
  const keyset = keysetCondition('products', shopId, window.from)
  if (keyset) query = query.where(keyset)
  const order = window.from?.direction === 'before' ? 'desc' : 'asc'
  const rows = await query
    .orderBy('position', order)
    .orderBy('created_at', order)
    .orderBy('id', order)
    .limit(window.limit + 1)
    .execute()
  return order === 'desc' ? rows.reverse() : rows
}

/**
 * Refreshes the planner's statistics of the catalog's tables after a bulk change (an import):
 * PGlite has no autovacuum to do it, and PostgreSQL's may take a minute. A small sample is
 * enough to tell a big table from a small one, and keeps PGlite's one connection busy for a
 * quarter of the time (76 → 20 ms for 11,500 products).
 */
export async function analyzeCatalog(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local default_statistics_target = 10`.execute(trx)
    await sql`analyze products, product_variants, categories`.execute(trx)
  })
}

/** True when the shop has a product of this id (active or not). */
export async function productExists(db: DbOrTrx, shopId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row !== undefined
}

/** One product of the shop. */
export function findProduct(db: DbOrTrx, shopId: string, id: string) {
  return db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The variants of these products, in order. */
export async function listVariants(db: DbOrTrx, shopId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return []
  return db
    .selectFrom('product_variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('product_id', 'in', [...productIds])
    .orderBy('position')
    .orderBy('id')
    .execute()
}

/**
 * Which of `skus` are already used in the shop by a product or a variant, ignoring those of
 * product `exceptProductId` (the one being edited).
 */
export async function findTakenSkus(
  db: DbOrTrx,
  shopId: string,
  skus: readonly string[],
  exceptProductId?: string,
): Promise<Set<string>> {
  if (skus.length === 0) return new Set()
  const except = exceptProductId ?? '00000000-0000-0000-0000-000000000000'
  const rows = await db
    .selectFrom('products')
    .select('sku')
    .where('shop_id', '=', shopId)
    .where('sku', 'in', [...skus])
    .where('id', '!=', except)
    .unionAll(
      db
        .selectFrom('product_variants')
        .select('sku')
        .where('shop_id', '=', shopId)
        .where('sku', 'in', [...skus])
        .where('product_id', '!=', except),
    )
    .execute()
  return new Set(rows.map((r) => r.sku))
}

/** The shop's product slugs equal to `base` or of the form `base-N`. */
export async function findProductSlugsLike(
  db: DbOrTrx,
  shopId: string,
  base: string,
  exceptProductId?: string,
): Promise<string[]> {
  let query = db
    .selectFrom('products')
    .select('slug')
    .where('shop_id', '=', shopId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
  if (exceptProductId) query = query.where('id', '!=', exceptProductId)
  return (await query.execute()).map((r) => r.slug)
}

/** Adds a product; without a position it goes last. */
export function insertProduct(
  db: DbOrTrx,
  values: Omit<Insertable<ProductsTable>, 'position'> & { position?: number | undefined },
) {
  return db
    .insertInto('products')
    .values({ ...values, position: values.position ?? nextPosition('products', values.shop_id) })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes a product; undefined when the shop has no such product. */
export function updateProduct(
  db: DbOrTrx,
  shopId: string,
  id: string,
  values: Updateable<ProductsTable>,
) {
  return db
    .updateTable('products')
    .set({ ...values, updated_at: new Date() })
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

export interface VariantValues {
  sku: string
  options: Record<string, string>
  price: number | null
  compareAtPrice: number | null
  stock: number | null
  active: boolean
}

/**
 * Makes the product's variants exactly `variants`, in that order. A variant whose SKU stays keeps
 * its id, so order items still point at it; the others are deleted. Run it in a transaction.
 */
export async function replaceVariants(
  db: DbOrTrx,
  shopId: string,
  productId: string,
  variants: readonly VariantValues[],
) {
  const skus = variants.map((v) => v.sku)
  let removal = db
    .deleteFrom('product_variants')
    .where('shop_id', '=', shopId)
    .where('product_id', '=', productId)
  if (skus.length > 0) removal = removal.where('sku', 'not in', skus)
  await removal.execute()
  if (variants.length === 0) return
  await db
    .insertInto('product_variants')
    .values(
      variants.map((v, position) => ({
        shop_id: shopId,
        product_id: productId,
        sku: v.sku,
        options: JSON.stringify(v.options),
        price: v.price,
        compare_at_price: v.compareAtPrice,
        stock: v.stock,
        active: v.active,
        position,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['shop_id', 'sku']).doUpdateSet((eb) => ({
        options: eb.ref('excluded.options'),
        price: eb.ref('excluded.price'),
        compare_at_price: eb.ref('excluded.compare_at_price'),
        stock: eb.ref('excluded.stock'),
        active: eb.ref('excluded.active'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute()
}

/** Deletes a product and its variants; true when there was one. */
export async function deleteProduct(db: DbOrTrx, shopId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('products')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

// ── shipping methods ──────────────────────────────────────────────────────────────────────────

/** The shop's shipping methods in display order. */
export function listShippingMethods(db: DbOrTrx, shopId: string) {
  return db
    .selectFrom('shipping_methods')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** One shipping method of the shop. */
export function findShippingMethod(db: DbOrTrx, shopId: string, id: string) {
  return db
    .selectFrom('shipping_methods')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Adds a shipping method; without a position it goes last. */
export function insertShippingMethod(
  db: DbOrTrx,
  values: Omit<Insertable<ShippingMethodsTable>, 'position'> & { position?: number | undefined },
) {
  return db
    .insertInto('shipping_methods')
    .values({
      ...values,
      position: values.position ?? nextPosition('shipping_methods', values.shop_id),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes a shipping method; undefined when the shop has no such method. */
export function updateShippingMethod(
  db: DbOrTrx,
  shopId: string,
  id: string,
  values: Updateable<ShippingMethodsTable>,
) {
  if (!hasChanges(values)) return findShippingMethod(db, shopId, id)
  return db
    .updateTable('shipping_methods')
    .set(values)
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

/** Deletes a shipping method (orders keep its name); true when there was one. */
export async function deleteShippingMethod(db: DbOrTrx, shopId: string, id: string) {
  const result = await db
    .deleteFrom('shipping_methods')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

// An UPDATE needs at least one column to set; an empty PATCH only reads the row back.
function hasChanges(values: object): boolean {
  return Object.values(values).some((value) => value !== undefined)
}

// Computed in bigint and held at the integer column's limit: a row already at 2^31 - 1 must not
// make every later insert fail (ties then fall back to creation order).
function nextPosition(table: 'categories' | 'products' | 'shipping_methods', shopId: string) {
  return sql<number>`(select least(coalesce(max(position)::bigint + 1, 0), 2147483647)::integer from ${sql.table(table)} where shop_id = ${shopId})`
}

// ── public catalog ────────────────────────────────────────────────────────────────────────────

export interface PublicCatalogImage {
  hash: string
  width: number
  height: number
}

export interface PublicCatalogVariant {
  sku: string
  options: Record<string, string>
  price: number | null
  compare_at_price: number | null
  stock: number | null
}

export interface PublicCatalogProduct {
  id: string
  sku: string
  slug: string
  name: string
  description: string
  price: number
  compare_at_price: number | null
  category_id: string | null
  stock: number | null
  options: ProductOption[]
  images: PublicCatalogImage[]
  variants: PublicCatalogVariant[]
}

export interface PublicCatalogData {
  shop: {
    id: string
    slug: string
    name: string
    description: string
    logo_image: string | null
    currency: string
    locale: string
    timezone: string
    whatsapp_phone: string
    business_hours: WeeklyHours | null
    closed_dates: ClosedDate[]
    channels: ShopChannels
    address: string
    min_order_amount: number | null
  }
  categories: { id: string; name: string }[]
  products: PublicCatalogProduct[]
  shippingMethods: {
    id: string
    name: string
    price: number
    free_over: number | null
    requires_address: boolean
    min_order_amount: number | null
    areas: DeliveryArea[]
    slots: SlotSettings | null
  }[]
}

// The images of product `p` in its order, with their sizes.
const productImages = sql<PublicCatalogImage[]>`(
  select coalesce(json_agg(json_build_object(
    'hash', i.hash, 'width', i.width, 'height', i.height) order by e.ord), '[]')
  from jsonb_array_elements_text(p.images) with ordinality as e(hash, ord)
  join images i on i.shop_id = p.shop_id and i.hash = e.hash)`

/**
 * Everything a shopper may see of a published shop, in one round trip: the shop, its categories,
 * its active products (with active variants and image sizes) and active shipping methods, each in
 * display order. Undefined for an unknown or unpublished shop. `productLimit` keeps only the first
 * products (a large shop's first page).
 * @example const catalog = await loadPublicCatalog(db, 'demo', { productLimit: 61 })
 */
export async function loadPublicCatalog(
  db: DbOrTrx,
  slug: string,
  options: { productLimit?: number } = {},
): Promise<PublicCatalogData | undefined> {
  const row = await db
    .selectFrom('shops as s')
    .select([
      's.id',
      's.slug',
      's.name',
      's.description',
      's.logo_image',
      's.currency',
      's.locale',
      's.timezone',
      's.whatsapp_phone',
      's.business_hours',
      's.closed_dates',
      's.channels',
      's.address',
      's.min_order_amount',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('categories as c')
          .select(['c.id', 'c.name'])
          .whereRef('c.shop_id', '=', 's.id')
          .orderBy('c.position')
          .orderBy('c.created_at')
          .orderBy('c.id'),
      ).as('categories'),
      jsonArrayFrom(
        publicProductQuery(db, eb.ref('s.id'))
          .orderBy('p.position')
          .orderBy('p.created_at')
          .orderBy('p.id')
          .$if(options.productLimit !== undefined, (qb) => qb.limit(options.productLimit ?? 0)),
      ).as('products'),
      jsonArrayFrom(
        eb
          .selectFrom('shipping_methods as m')
          .select([
            'm.id',
            'm.name',
            'm.price',
            'm.free_over',
            'm.requires_address',
            'm.min_order_amount',
            'm.areas',
            'm.slots',
          ])
          .whereRef('m.shop_id', '=', 's.id')
          .where('m.active', '=', true)
          .orderBy('m.position')
          .orderBy('m.created_at')
          .orderBy('m.id'),
      ).as('shippingMethods'),
    ])
    .where('s.slug', '=', slug)
    .where('s.published', '=', true)
    .executeTakeFirst()
  if (!row) return undefined
  const { categories, products, shippingMethods, ...shop } = row
  return { shop, categories, products, shippingMethods }
}

export interface PublicProductFilter {
  /** Matches name or SKU, case-insensitive. */
  q?: string | undefined
  categoryId?: string | undefined
}

/**
 * One window of a shop's active products as shoppers see them (with active variants and image
 * sizes), in display order: up to `limit + 1` rows, so the caller can tell there is more.
 * @example await listPublicProducts(db, shop.id, { q: 'mug' }, { limit: 60 })
 */
export async function listPublicProducts(
  db: DbOrTrx,
  shopId: string,
  filter: PublicProductFilter,
  window: ProductWindow,
): Promise<PublicCatalogProduct[]> {
  let query = publicProductQuery(db, shopId)
  if (filter.q) {
    const pattern = likePattern(filter.q)
    query = query.where((eb) =>
      eb.or([eb('p.name', 'ilike', pattern), eb('p.sku', 'ilike', pattern)]),
    )
  }
  if (filter.categoryId) query = query.where('p.category_id', '=', filter.categoryId)
  const keyset = keysetCondition('p', shopId, window.from)
  if (keyset) query = query.where(keyset)
  const order = window.from?.direction === 'before' ? 'desc' : 'asc'
  const rows = await query
    .orderBy('p.position', order)
    .orderBy('p.created_at', order)
    .orderBy('p.id', order)
    .limit(window.limit + 1)
    .execute()
  return order === 'desc' ? rows.reverse() : rows
}

/** One active product of the shop by its slug, as shoppers see it. */
export function findPublicProduct(
  db: DbOrTrx,
  shopId: string,
  slug: string,
): Promise<PublicCatalogProduct | undefined> {
  return publicProductQuery(db, shopId).where('p.slug', '=', slug).executeTakeFirst()
}

/**
 * Slugs of the shop's active products in display order, `limit` at a time after product
 * `afterId`: the sitemap reads them in batches instead of holding the whole catalog.
 */
export function listPublicProductSlugs(
  db: DbOrTrx,
  shopId: string,
  afterId: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('products as p')
    .select(['p.id', 'p.slug'])
    .where('p.shop_id', '=', shopId)
    .where('p.active', '=', true)
  const keyset = keysetCondition(
    'p',
    shopId,
    afterId ? { direction: 'after', id: afterId } : undefined,
  )
  if (keyset) query = query.where(keyset)
  return query.orderBy('p.position').orderBy('p.created_at').orderBy('p.id').limit(limit).execute()
}

/**
 * Active products of a shop with their active variants and image sizes, as shoppers see them.
 * `shopId` may be a reference to an outer query's shop (the whole-catalog query nests it).
 */
function publicProductQuery(db: DbOrTrx, shopId: string | Expression<string>) {
  return db
    .selectFrom('products as p')
    .select([
      'p.id',
      'p.sku',
      'p.slug',
      'p.name',
      'p.description',
      'p.price',
      'p.compare_at_price',
      'p.category_id',
      'p.stock',
      'p.options',
    ])
    .select((pb) => [
      productImages.as('images'),
      jsonArrayFrom(
        pb
          .selectFrom('product_variants as v')
          .select(['v.sku', 'v.options', 'v.price', 'v.compare_at_price', 'v.stock'])
          .whereRef('v.product_id', '=', 'p.id')
          .where('v.active', '=', true)
          .orderBy('v.position')
          .orderBy('v.id'),
      ).as('variants'),
    ])
    .where('p.shop_id', '=', shopId)
    .where('p.active', '=', true)
}
