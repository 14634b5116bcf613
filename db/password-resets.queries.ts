import type { DbOrTrx } from './database.ts'

/** Stores a password-reset link by the hash of its token. */
export function insertPasswordReset(
  db: DbOrTrx,
  args: { merchantId: string; tokenHash: string; expiresAt: Date },
) {
  return db
    .insertInto('password_resets')
    .values({
      merchant_id: args.merchantId,
      token_hash: args.tokenHash,
      expires_at: args.expiresAt,
    })
    .execute()
}

/** How many reset links were made for a merchant since `since` (the per-account limit). */
export async function countPasswordResetsSince(
  db: DbOrTrx,
  merchantId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('password_resets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('merchant_id', '=', merchantId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The merchant a live, unused reset token hash belongs to, if any. */
export function findPasswordResetMerchant(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('password_resets')
    .innerJoin('merchants', 'merchants.id', 'password_resets.merchant_id')
    .select(['merchants.id', 'merchants.email'])
    .where('password_resets.token_hash', '=', tokenHash)
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', new Date())
    .executeTakeFirst()
}

/**
 * Spends a live, unused reset token (a conditional update: of two uses at once, one wins) and
 * voids the merchant's other unused links. Returns the merchant's id, or undefined.
 */
export async function usePasswordReset(
  db: DbOrTrx,
  tokenHash: string,
): Promise<string | undefined> {
  const now = new Date()
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('merchant_id')
    .executeTakeFirst()
  if (!row) return undefined
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('merchant_id', '=', row.merchant_id)
    .where('used_at', 'is', null)
    .execute()
  return row.merchant_id
}
