import type { Db } from '../database.ts'

/** A product to put in a test catalog; variants optional. */
export interface FixtureProduct {
  sku: string
  name: string
  price: number
  stock?: number | null
  active?: boolean
  compareAtPrice?: number | null
  categoryId?: string | null
  description?: string
  options?: { name: string; values: string[] }[]
  images?: string[]
  variants?: {
    sku: string
    options: Record<string, string>
    price?: number | null
    stock?: number | null
    active?: boolean
  }[]
}

/** The id of the shop with this slug (tests create shops through the API). */
export async function shopIdOf(db: Db, slug: string): Promise<string> {
  const row = await db
    .selectFrom('shops')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow()
  return row.id
}

/** Writes products (and their variants) straight into the database for a test. */
export async function insertFixtureProducts(db: Db, shopId: string, products: FixtureProduct[]) {
  const ids: Record<string, string> = {}
  for (const [position, p] of products.entries()) {
    const row = await db
      .insertInto('products')
      .values({
        shop_id: shopId,
        sku: p.sku,
        slug: p.sku.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        name: p.name,
        description: p.description ?? '',
        price: p.price,
        compare_at_price: p.compareAtPrice ?? null,
        category_id: p.categoryId ?? null,
        stock: p.stock ?? null,
        active: p.active ?? true,
        position,
        options: JSON.stringify(p.options ?? []),
        images: JSON.stringify(p.images ?? []),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids[p.sku] = row.id
    for (const [index, v] of (p.variants ?? []).entries()) {
      const variant = await db
        .insertInto('product_variants')
        .values({
          shop_id: shopId,
          product_id: row.id,
          sku: v.sku,
          options: JSON.stringify(v.options),
          price: v.price ?? null,
          compare_at_price: null,
          stock: v.stock ?? null,
          active: v.active ?? true,
          position: index,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids[v.sku] = variant.id
    }
  }
  return ids
}

/** Adds a shipping method to a shop and returns its id. */
export async function insertFixtureShipping(
  db: Db,
  shopId: string,
  method: { name: string; price: number; freeOver?: number | null; requiresAddress?: boolean },
): Promise<string> {
  const row = await db
    .insertInto('shipping_methods')
    .values({
      shop_id: shopId,
      name: method.name,
      price: method.price,
      free_over: method.freeOver ?? null,
      requires_address: method.requiresAddress ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Current stock of a product or variant by SKU. */
export async function stockOf(db: Db, shopId: string, sku: string): Promise<number | null> {
  const product = await db
    .selectFrom('products')
    .select('stock')
    .where('shop_id', '=', shopId)
    .where('sku', '=', sku)
    .executeTakeFirst()
  if (product) return product.stock
  const variant = await db
    .selectFrom('product_variants')
    .select('stock')
    .where('shop_id', '=', shopId)
    .where('sku', '=', sku)
    .executeTakeFirstOrThrow()
  return variant.stock
}
