import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

const IMAGE_FIELDS = ['hash', 'width', 'height', 'created_at'] as const

/** An image of this shop by hash (without its bytes). */
export function findShopImage(db: DbOrTrx, shopId: string, hash: string) {
  return db
    .selectFrom('images')
    .select(['id', ...IMAGE_FIELDS])
    .where('shop_id', '=', shopId)
    .where('hash', '=', hash)
    .executeTakeFirst()
}

/** Stores a processed image; undefined when this shop already has it. */
export function insertImage(
  db: DbOrTrx,
  args: {
    shopId: string
    hash: string
    width: number
    height: number
    display: Uint8Array
    thumb: Uint8Array
  },
) {
  return db
    .insertInto('images')
    .values({
      shop_id: args.shopId,
      hash: args.hash,
      width: args.width,
      height: args.height,
      display: args.display,
      thumb: args.thumb,
    })
    .onConflict((oc) => oc.columns(['shop_id', 'hash']).doNothing())
    .returning(IMAGE_FIELDS)
    .executeTakeFirst()
}

/** The shop's images, newest first (without their bytes). */
export function listShopImages(db: DbOrTrx, shopId: string) {
  return db
    .selectFrom('images')
    .select(IMAGE_FIELDS)
    .where('shop_id', '=', shopId)
    .orderBy('created_at', 'desc')
    .orderBy('hash')
    .execute()
}

/** Those of `hashes` that belong to the shop, with their sizes. */
export async function findShopImages(db: DbOrTrx, shopId: string, hashes: readonly string[]) {
  if (hashes.length === 0) return []
  return db
    .selectFrom('images')
    .select(IMAGE_FIELDS)
    .where('shop_id', '=', shopId)
    .where('hash', 'in', [...hashes])
    .execute()
}

/**
 * Deletes an image of the shop and every reference to it (product galleries, the shop's logo);
 * run it in a transaction. True when there was such an image.
 */
export async function deleteShopImage(db: DbOrTrx, shopId: string, hash: string) {
  const result = await db
    .deleteFrom('images')
    .where('shop_id', '=', shopId)
    .where('hash', '=', hash)
    .executeTakeFirst()
  if (result.numDeletedRows === 0n) return false
  await db
    .updateTable('products')
    .set({ images: sql`images - ${hash}::text`, updated_at: new Date() })
    .where('shop_id', '=', shopId)
    .where(sql<boolean>`images ? ${hash}::text`)
    .execute()
  await db
    .updateTable('shops')
    .set({ logo_image: null, updated_at: new Date() })
    .where('id', '=', shopId)
    .where('logo_image', '=', hash)
    .execute()
  return true
}

/** The WebP bytes of an image by hash, at display or thumbnail size, for /media. */
export function findMediaBytes(db: DbOrTrx, hash: string, size: 'display' | 'thumb') {
  return db
    .selectFrom('images')
    .select(size === 'thumb' ? 'thumb as bytes' : 'display as bytes')
    .where('hash', '=', hash)
    .limit(1)
    .executeTakeFirst()
}
