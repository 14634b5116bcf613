import { CompiledQuery, sql } from 'kysely'
import type { DbOrTrx } from './database.ts'
import { preparedSql } from './prepared-statements.ts'

// Signed webhook deliveries as they arrived, leased to the process that splits them.

const INSERT_DELIVERY = preparedSql(
  'chatcart_insert_delivery',
  'insert into webhook_deliveries (body) values ($1)',
)

/** Stores a signed delivery's raw bytes: the acknowledgement's one statement. */
export async function insertWebhookDelivery(db: DbOrTrx, body: Uint8Array): Promise<void> {
  // A Buffer view of the same bytes: node-postgres sends Buffers as bytea.
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  // Written once and prepared: a flood of deliveries runs it thousands of times a second.
  await db.executeQuery(CompiledQuery.raw(INSERT_DELIVERY, [bytes]))
}

/**
 * Leases up to `limit` deliveries not taken (or whose lease lapsed), oldest first, for `leaseMs`:
 * returns their ids, sizes and arrival times, and the bodies of those up to `bodiesUpTo` bytes
 * (the caller reads larger ones in bounded chunks). Two processes never lease the same delivery
 * at once.
 */
export async function leaseWebhookDeliveries(
  db: DbOrTrx,
  options: { limit: number; leaseMs: number; bodiesUpTo: number },
): Promise<{ id: string; size: number; body: Uint8Array | null; received_at: Date }[]> {
  const result = await sql<{
    id: string
    size: number | string
    body: Uint8Array | null
    received_at: Date
  }>`
    update webhook_deliveries
    set taken_until = now() + ${`${options.leaseMs} milliseconds`}::interval
    where id in (
      select id from webhook_deliveries
      where taken_until is null or taken_until < now()
      order by id
      limit ${options.limit}
      for update skip locked)
    returning id::text as id, octet_length(body) as size, received_at,
      case when octet_length(body) <= ${options.bodiesUpTo} then body end as body`.execute(db)
  return result.rows
    .map((row) => ({ ...row, size: Number(row.size) }))
    .sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))
}

/** The bodies of these deliveries, oldest first. */
export async function readWebhookDeliveries(db: DbOrTrx, ids: string[]) {
  const result = await sql<{ id: string; body: Uint8Array; received_at: Date }>`
    select id::text as id, body, received_at from webhook_deliveries
    where id = any(${ids}::bigint[]) order by id`.execute(db)
  return result.rows
}

/** Forgets deliveries whose items are stored. */
export async function deleteWebhookDeliveries(db: DbOrTrx, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await sql`delete from webhook_deliveries where id = any(${ids}::bigint[])`.execute(db)
}
