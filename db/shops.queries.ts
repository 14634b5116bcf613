import type { Insertable, Updateable } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { ShopsTable } from './schema/shops.ts'

/** The shop with this slug when `merchantId` owns it. */
export function findOwnedShop(db: DbOrTrx, slug: string, merchantId: string) {
  return db
    .selectFrom('shops')
    .selectAll()
    .where('slug', '=', slug)
    .where('merchant_id', '=', merchantId)
    .executeTakeFirst()
}

/** A published shop by slug, for public pages and APIs. */
export function findPublishedShop(db: DbOrTrx, slug: string) {
  return db
    .selectFrom('shops')
    .selectAll()
    .where('slug', '=', slug)
    .where('published', '=', true)
    .executeTakeFirst()
}

/**
 * The first `limit` published shops by name, with their public fields only: the instance's home
 * lists them.
 */
export function listPublishedShops(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('shops')
    .select(['slug', 'name', 'description'])
    .where('published', '=', true)
    .orderBy('name')
    .orderBy('slug')
    .limit(limit)
    .execute()
}

/** The merchant's shops, oldest first. */
export function listMerchantShops(db: DbOrTrx, merchantId: string) {
  return db
    .selectFrom('shops')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at')
    .orderBy('slug')
    .execute()
}

/** Whether a slug is already used by any shop. */
export async function isSlugTaken(db: DbOrTrx, slug: string): Promise<boolean> {
  const row = await db.selectFrom('shops').select('id').where('slug', '=', slug).executeTakeFirst()
  return row !== undefined
}

/** Which of these slugs shops already use. */
export async function listTakenSlugs(db: DbOrTrx, slugs: readonly string[]): Promise<string[]> {
  if (slugs.length === 0) return []
  const rows = await db.selectFrom('shops').select('slug').where('slug', 'in', slugs).execute()
  return rows.map((r) => r.slug)
}

/** Creates a shop; undefined when the slug was taken meanwhile. */
export function insertShop(db: DbOrTrx, values: Insertable<ShopsTable>) {
  return db
    .insertInto('shops')
    .values(values)
    .onConflict((oc) => oc.column('slug').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/** Updates a shop's settings and returns the new row. */
export function updateShop(db: DbOrTrx, shopId: string, values: Updateable<ShopsTable>) {
  return db
    .updateTable('shops')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', shopId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Whether another shop already uses this Cloud API phone number id. */
export async function isPhoneNumberIdTaken(
  db: DbOrTrx,
  phoneNumberId: string,
  exceptShopId?: string,
) {
  let query = db
    .selectFrom('shops')
    .select('id')
    .where('whatsapp_phone_number_id', '=', phoneNumberId)
  if (exceptShopId) query = query.where('id', '!=', exceptShopId)
  return (await query.executeTakeFirst()) !== undefined
}

/** A shop by id. */
export function findShopById(trx: DbOrTrx, shopId: string) {
  return trx.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst()
}
