import type { DbOrTrx } from './database.ts'

/** The merchant with this e-mail (case-insensitive), if any. */
export function findMerchantByEmail(db: DbOrTrx, email: string) {
  return db
    .selectFrom('merchants')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst()
}

/** Creates a merchant; returns undefined when the e-mail is taken. */
export function insertMerchant(db: DbOrTrx, args: { email: string; passwordHash: string }) {
  return db
    .insertInto('merchants')
    .values({ email: args.email, password_hash: args.passwordHash })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'email', 'created_at'])
    .executeTakeFirst()
}

/** Stores a session by the hash of its token. */
export function insertSession(
  db: DbOrTrx,
  args: { merchantId: string; tokenHash: string; expiresAt: Date },
) {
  return db
    .insertInto('sessions')
    .values({
      merchant_id: args.merchantId,
      token_hash: args.tokenHash,
      expires_at: args.expiresAt,
    })
    .execute()
}

/** The merchant behind a live session token hash. */
export function findSessionMerchant(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('merchants', 'merchants.id', 'sessions.merchant_id')
    .select(['merchants.id', 'merchants.email', 'merchants.created_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at', '>', new Date())
    .executeTakeFirst()
}

/** Revokes one session. */
export function deleteSession(db: DbOrTrx, tokenHash: string) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
}
