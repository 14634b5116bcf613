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
 * What the widget's mini cart needs to check an add: every active product and variant of the
 * shop by SKU, with its price (a variant without one costs the product's) and stock.
 */
export async function listWidgetSkus(db: DbOrTrx, shopId: string) {
  const products = await db
    .selectFrom('products')
    .select(['id', 'sku', 'name', 'price', 'stock'])
    .where('shop_id', '=', shopId)
    .where('active', '=', true)
    .orderBy('position')
    .orderBy('created_at')
    .execute()
  const variants = await db
    .selectFrom('product_variants')
    .select(['product_id', 'sku', 'options', 'price', 'stock'])
    .where('shop_id', '=', shopId)
    .where('active', '=', true)
    .orderBy('position')
    .execute()
  return { products, variants }
}
