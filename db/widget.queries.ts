import type { DbOrTrx } from './database.ts'

/** Replaces a shop's widget settings (already validated) and returns the stored value. */
export async function updateWidgetSettings(db: DbOrTrx, shopId: string, settings: object) {
  const row = await db
    .updateTable('shops')
    .set({ widget_settings: JSON.stringify(settings), updated_at: new Date() })
    .where('id', '=', shopId)
    .returning('widget_settings')
    .executeTakeFirstOrThrow()
  return row.widget_settings
}

/** Which of these image hashes belong to the shop. */
export async function findShopImageHashes(
  db: DbOrTrx,
  shopId: string,
  hashes: string[],
): Promise<Set<string>> {
  if (hashes.length === 0) return new Set()
  const rows = await db
    .selectFrom('images')
    .select('hash')
    .where('shop_id', '=', shopId)
    .where('hash', 'in', hashes)
    .execute()
  return new Set(rows.map((row) => row.hash))
}

/** The id of a published shop by slug, for counting widget events. */
export async function findPublishedShopId(db: DbOrTrx, slug: string) {
  const row = await db
    .selectFrom('shops')
    .select('id')
    .where('slug', '=', slug)
    .where('published', '=', true)
    .executeTakeFirst()
  return row?.id
}

/** Counts one widget event: a type and maybe a channel, nothing about the visitor. */
export async function insertAnalyticsEvent(
  db: DbOrTrx,
  args: { shopId: string; type: string; channel: string | null },
) {
  await db
    .insertInto('analytics_events')
    .values({ shop_id: args.shopId, type: args.type, channel: args.channel })
    .execute()
}

/**
 * What the widget's mini cart needs to check an add: the active products and variants of the
 * shop by SKU, with its price (a variant without one costs the product's) and stock. With
 * `skus`, only the products holding one of them (by their own SKU or a variant's), so a cart
 * never downloads a large catalog.
 */
export async function listWidgetSkus(db: DbOrTrx, shopId: string, skus?: readonly string[]) {
  if (skus?.length === 0) return { products: [], variants: [] }
  let productQuery = db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'price', 'stock'])
    .where('shop_id', '=', shopId)
    .where('active', '=', true)
  if (skus)
    productQuery = productQuery.where((eb) =>
      eb.or([
        eb('sku', 'in', [...skus]),
        eb(
          'id',
          'in',
          eb
            .selectFrom('product_variants')
            .select('product_id')
            .where('shop_id', '=', shopId)
            .where('sku', 'in', [...skus]),
        ),
      ]),
    )
  const products = await productQuery.orderBy('position').orderBy('created_at').execute()
  if (skus && products.length === 0) return { products, variants: [] }
  let variantQuery = db
    .selectFrom('product_variants')
    .select(['product_id', 'sku', 'options', 'price', 'stock'])
    .where('shop_id', '=', shopId)
    .where('active', '=', true)
  if (skus)
    variantQuery = variantQuery.where(
      'product_id',
      'in',
      products.map((p) => p.id),
    )
  const variants = await variantQuery.orderBy('position').execute()
  return { products, variants }
}
