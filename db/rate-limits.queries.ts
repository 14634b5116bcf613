import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

/**
 * Counts one hit on a fixed-window counter and returns the window's count and end. The first hit
 * after a window ended starts a new one.
 * @example const { count, reset_at } = await countRateLimitHit(db, 'login:203.0.113.9', 60_000)
 */
export function countRateLimitHit(db: DbOrTrx, key: string, windowMs: number) {
  const windowEnd = sql<Date>`now() + ${`${windowMs} milliseconds`}::interval`
  return db
    .insertInto('rate_limits')
    .values({ key, count: 1, reset_at: windowEnd })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql`case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end`,
        reset_at: sql`case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end`,
      }),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow()
}
