import type { Insertable, Updateable } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { DiscountRow, DiscountsTable } from './schema/discounts.ts'

/** A shop's discount codes, newest first. */
export function listDiscounts(db: DbOrTrx, shopId: string): Promise<DiscountRow[]> {
  return db
    .selectFrom('discounts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

/** The discount `id` of the shop, or undefined (also when it belongs to another shop). */
export function findDiscount(
  db: DbOrTrx,
  shopId: string,
  id: string,
): Promise<DiscountRow | undefined> {
  return db
    .selectFrom('discounts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The shop's discount whose code is `code`, compared case-insensitively. */
export function findDiscountByCode(
  db: DbOrTrx,
  shopId: string,
  code: string,
): Promise<DiscountRow | undefined> {
  return db
    .selectFrom('discounts')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where((eb) => eb(eb.fn('lower', ['code']), '=', code.toLowerCase()))
    .executeTakeFirst()
}

export type DiscountWrite = { kind: 'ok'; discount: DiscountRow } | { kind: 'code_taken' }

function isCodeTaken(error: unknown): boolean {
  const { code, message = '' } = error as { code?: string; message?: string }
  return code === '23505' && message.includes('discounts_shop_code_idx')
}

export async function insertDiscount(
  db: DbOrTrx,
  values: Insertable<DiscountsTable>,
): Promise<DiscountWrite> {
  try {
    const discount = await db
      .insertInto('discounts')
      .values(values)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { kind: 'ok', discount }
  } catch (error) {
    if (isCodeTaken(error)) return { kind: 'code_taken' }
    throw error
  }
}

/** Changes the discount; undefined when the shop has no such discount. */
export async function updateDiscount(
  db: DbOrTrx,
  shopId: string,
  id: string,
  values: Updateable<DiscountsTable>,
): Promise<DiscountWrite | undefined> {
  try {
    const discount = await db
      .updateTable('discounts')
      .set(values)
      .where('shop_id', '=', shopId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst()
    return discount && { kind: 'ok', discount }
  } catch (error) {
    if (isCodeTaken(error)) return { kind: 'code_taken' }
    throw error
  }
}

/** Deletes the discount; orders that used it keep its code and saving. */
export async function deleteDiscount(db: DbOrTrx, shopId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('discounts')
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .executeTakeFirst()
  return result.numDeletedRows > 0n
}

/** Which of `ids` are categories of the shop. */
export async function shopCategoryIds(
  db: DbOrTrx,
  shopId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const rows = await db
    .selectFrom('categories')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', 'in', ids)
    .execute()
  return new Set(rows.map((row) => row.id))
}

/** Which of `productIds` are in one of `categoryIds`. */
export async function productsInCategories(
  db: DbOrTrx,
  shopId: string,
  productIds: readonly string[],
  categoryIds: readonly string[],
): Promise<Set<string>> {
  if (productIds.length === 0 || categoryIds.length === 0) return new Set()
  const rows = await db
    .selectFrom('products')
    .select('id')
    .where('shop_id', '=', shopId)
    .where('id', 'in', productIds)
    .where('category_id', 'in', categoryIds)
    .execute()
  return new Set(rows.map((row) => row.id))
}
