import type { DbOrTrx } from './database.ts'

/** An image of this shop by hash (without its bytes). */
export function findShopImage(db: DbOrTrx, shopId: string, hash: string) {
  return db
    .selectFrom('images')
    .select(['id', 'hash', 'width', 'height', 'created_at'])
    .where('shop_id', '=', shopId)
    .where('hash', '=', hash)
    .executeTakeFirst()
}
