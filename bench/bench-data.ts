import sharp from 'sharp'
import { storeShopImage } from '../api/media/image-pipeline.ts'
import { insertBulkProducts } from '../api/testing/bulk-catalog.ts'
import type { Db } from '../db/database.ts'

/** The benchmark shop's slug. */
export const BENCH_SLUG = 'bench'
/** The slug of the benchmark shop with {@link LARGE_SHOP_PRODUCTS} products. */
export const LARGE_BENCH_SLUG = 'bench-10k'
export const LARGE_SHOP_PRODUCTS = 10_000
/** The Cloud API `phone_number_id` the benchmark shop is linked to. */
export const BENCH_PHONE_NUMBER_ID = '100000000000042'
/** The app secret the bench servers verify webhook signatures with. */
export const BENCH_APP_SECRET = 'bench-app-secret-not-a-real-one'
/** SKUs an order may take at any rate: two with unlimited stock, one with a huge stock. */
export const BENCH_ORDER_SKUS = ['SKU-7', 'SKU-14', 'SKU-3'] as const

/** A distinct, plain product photo (a coloured square), as a merchant would upload it. */
function productPhoto(i: number): Promise<Buffer> {
  const hue = (i * 47) % 360
  const [r, g, b] = [0, 120, 240].map((shift) =>
    Math.round(127 + 100 * Math.cos(((hue + shift) * Math.PI) / 180)),
  )
  return sharp({
    create: {
      width: 800,
      height: 800,
      channels: 3,
      background: { r: r ?? 0, g: g ?? 0, b: b ?? 0 },
    },
  })
    .png()
    .toBuffer()
}

/** A merchant of its own and their published EUR shop, named and numbered as given. */
async function insertBenchMerchantShop(
  db: Db,
  shop: {
    slug: string
    name: string
    description: string
    whatsapp_phone: string
    whatsapp_phone_number_id?: string
  },
) {
  const merchant = await db
    .insertInto('merchants')
    .values({ email: `${shop.slug}@bench.invalid`, password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return db
    .insertInto('shops')
    .values({
      merchant_id: merchant.id,
      currency: 'EUR',
      locale: 'en',
      timezone: 'Europe/Paris',
      ...shop,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/**
 * Creates a published shop with `count` active products (each with a photo, a few with
 * variants) and two shipping methods, linked to {@link BENCH_PHONE_NUMBER_ID}, for benchmarks.
 */
export async function createBenchShop(
  db: Db,
  slug = BENCH_SLUG,
  count = 50,
): Promise<{ shopId: string }> {
  const shop = await insertBenchMerchantShop(db, {
    slug,
    name: 'Bench Shop',
    description: 'A shop with many products, for measuring.',
    // The display number of the benchmark's webhook payloads (bench/webhook.ts).
    whatsapp_phone: '15550000042',
    whatsapp_phone_number_id: BENCH_PHONE_NUMBER_ID,
  })
  const category = await db
    .insertInto('categories')
    .values({ shop_id: shop.id, name: 'Everything' })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (let i = 0; i < count; i++) {
    const { image } = await storeShopImage(db, shop.id, new Uint8Array(await productPhoto(i)))
    const product = await db
      .insertInto('products')
      .values({
        shop_id: shop.id,
        category_id: category.id,
        sku: `SKU-${i}`,
        slug: `product-${i}`,
        name: `Product number ${i}`,
        description: 'A well-made thing that people like to buy, described in one sentence.',
        price: 990 + i * 10,
        compare_at_price: i % 5 === 0 ? 1500 + i * 10 : null,
        stock: i % 7 === 0 ? null : 1_000_000,
        position: i,
        images: JSON.stringify([image.hash]),
        options:
          i % 10 === 0 ? JSON.stringify([{ name: 'Size', values: ['S', 'M', 'L'] }]) : undefined,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (i % 10 === 0) {
      await db
        .insertInto('product_variants')
        .values(
          ['S', 'M', 'L'].map((size, position) => ({
            shop_id: shop.id,
            product_id: product.id,
            sku: `SKU-${i}-${size}`,
            options: JSON.stringify({ Size: size }),
            stock: 1_000_000,
            position,
          })),
        )
        .execute()
    }
  }
  await db
    .insertInto('shipping_methods')
    .values([
      { shop_id: shop.id, name: 'Pickup', price: 0 },
      { shop_id: shop.id, name: 'Delivery', price: 490, free_over: 5000, requires_address: true },
    ])
    .execute()
  return { shopId: shop.id }
}

/**
 * Creates a published shop with {@link LARGE_SHOP_PRODUCTS} active products in 20 categories
 * (no photos: the page's weight is its markup) and one shipping method, in a few statements.
 */
export async function createLargeBenchShop(db: Db): Promise<{ shopId: string }> {
  const shop = await insertBenchMerchantShop(db, {
    slug: LARGE_BENCH_SLUG,
    name: 'Bench Shop (10,000 products)',
    description: 'A shop with a very large catalog, for measuring.',
    whatsapp_phone: '33612345679',
  })
  const categories = await db
    .insertInto('categories')
    .values(Array.from({ length: 20 }, (_, i) => ({ shop_id: shop.id, name: `Aisle ${i + 1}` })))
    .returning('id')
    .execute()
  await insertBulkProducts(
    db,
    shop.id,
    LARGE_SHOP_PRODUCTS,
    categories.map((c) => c.id),
  )
  await db
    .insertInto('shipping_methods')
    .values({ shop_id: shop.id, name: 'Pickup', price: 0 })
    .execute()
  return { shopId: shop.id }
}
