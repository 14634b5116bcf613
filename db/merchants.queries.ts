import { sql, type Transaction } from 'kysely'
import type { Database, DbOrTrx } from './database.ts'

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

/**
 * Takes the instance-wide sign-up lock for the rest of the transaction, so two sign-ups at once
 * cannot both be "the first account".
 */
export async function lockSignups(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('chatcart:signup'))`.execute(trx)
}

/** Accounts of real owners: every merchant but the demo shop's. */
export async function countOwnerAccounts(db: DbOrTrx, demoEmail: string): Promise<number> {
  const row = await db
    .selectFrom('merchants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb(eb.fn('lower', ['email']), '<>', demoEmail.toLowerCase()))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Stores an invite by the hash of its token. */
export function insertInvite(
  db: DbOrTrx,
  args: { merchantId: string; tokenHash: string; expiresAt: Date },
) {
  return db
    .insertInto('invites')
    .values({
      merchant_id: args.merchantId,
      token_hash: args.tokenHash,
      expires_at: args.expiresAt,
    })
    .returning(['id', 'created_at', 'expires_at', 'used_at'])
    .executeTakeFirstOrThrow()
}

/** A merchant's invites, newest first (at most 100). */
export function listInvites(db: DbOrTrx, merchantId: string) {
  return db
    .selectFrom('invites')
    .select(['id', 'created_at', 'expires_at', 'used_at'])
    .where('merchant_id', '=', merchantId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute()
}

/** Deletes one of the merchant's unused invites; true when there was one. */
export async function deleteInvite(db: DbOrTrx, merchantId: string, id: string) {
  const result = await db
    .deleteFrom('invites')
    .where('id', '=', id)
    .where('merchant_id', '=', merchantId)
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Marks a live, unused invite as used by `merchantId`; false when there is no such invite. */
export async function useInvite(db: DbOrTrx, tokenHash: string, merchantId: string) {
  const row = await db
    .updateTable('invites')
    .set({ used_at: new Date(), used_by: merchantId })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** A live, unused invite's id, if the token hash names one. */
export function findLiveInvite(db: DbOrTrx, tokenHash: string) {
  return db
    .selectFrom('invites')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .executeTakeFirst()
}

/** A merchant with their password hash, by id. */
export function findMerchantById(db: DbOrTrx, id: string) {
  return db.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Replaces a merchant's password hash. */
export function updatePasswordHash(db: DbOrTrx, id: string, passwordHash: string) {
  return db
    .updateTable('merchants')
    .set({ password_hash: passwordHash })
    .where('id', '=', id)
    .execute()
}

/** Ends every session of a merchant but the one with `keepTokenHash`; returns how many ended. */
export async function deleteOtherSessions(db: DbOrTrx, merchantId: string, keepTokenHash: string) {
  const result = await db
    .deleteFrom('sessions')
    .where('merchant_id', '=', merchantId)
    .where('token_hash', '<>', keepTokenHash)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/**
 * Deletes up to `limit` expired sessions, spent rate-limit windows, expired unused invites and
 * expired password-reset links; returns how many rows went. Bounded, so a sweep never holds the
 * database for long.
 */
export async function purgeExpired(db: DbOrTrx, limit: number): Promise<number> {
  const now = new Date()
  const sessions = await db
    .deleteFrom('sessions')
    .where('id', 'in', (eb) =>
      eb.selectFrom('sessions').select('id').where('expires_at', '<', now).limit(limit),
    )
    .executeTakeFirst()
  const limits = await db
    .deleteFrom('rate_limits')
    .where('key', 'in', (eb) =>
      eb.selectFrom('rate_limits').select('key').where('reset_at', '<', now).limit(limit),
    )
    .executeTakeFirst()
  const invites = await db
    .deleteFrom('invites')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('invites')
        .select('id')
        .where('used_at', 'is', null)
        .where('expires_at', '<', now)
        .limit(limit),
    )
    .executeTakeFirst()
  // Used links stay until they expire too: the per-account limit counts the links still alive.
  const resets = await db
    .deleteFrom('password_resets')
    .where('id', 'in', (eb) =>
      eb.selectFrom('password_resets').select('id').where('expires_at', '<', now).limit(limit),
    )
    .executeTakeFirst()
  return (
    Number(sessions.numDeletedRows) +
    Number(limits.numDeletedRows) +
    Number(invites.numDeletedRows) +
    Number(resets.numDeletedRows)
  )
}
