import { type Insertable, type Selectable, sql } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { InboundMessagesTable, OutboundMessagesTable } from './schema/messages.ts'
import type { OrderMatch, OrderStatus } from './schema/orders.ts'

export type InboundMessageRow = Selectable<InboundMessagesTable>
export type OutboundMessageRow = Selectable<OutboundMessagesTable>

/** Delivery statuses of our own messages, in the only order they may move. */
const OUTBOUND_RANK: Record<string, number> = {
  queued: 0,
  sending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 3,
  failed: 4,
}

/** Whether a delivery status is one we store on outbound messages. */
export function isOutboundStatus(status: string): boolean {
  return status in OUTBOUND_RANK && status !== 'queued' && status !== 'sending'
}

// ---------------------------------------------------------------------------------------------
// Webhook ingest

/**
 * Stores webhook items, each routed to the shop that owns its phone number id and whose WhatsApp
 * number is the one the item was sent to (null when none is) in the same statement; a repeated `event_key` is skipped. Returns how many rows are new.
 * More than 500 items take several statements: call it in a transaction then.
 */
export async function insertInboundMessages(
  db: DbOrTrx,
  rows: (Omit<Insertable<InboundMessagesTable>, 'shop_id'> & { display_phone: string | null })[],
): Promise<number> {
  let inserted = 0
  // Stay well below PostgreSQL's 65,535 bind parameters per statement.
  for (let start = 0; start < rows.length; start += 500) {
    const result = await db
      .insertInto('inbound_messages')
      .values(
        rows.slice(start, start + 500).map(({ display_phone, ...row }) => ({
          ...row,
          shop_id:
            row.phone_number_id && display_phone
              ? db
                  .selectFrom('shops')
                  .select('id')
                  .where('whatsapp_phone_number_id', '=', row.phone_number_id)
                  .where(
                    sql<string>`regexp_replace(whatsapp_phone, '\D', '', 'g')`,
                    '=',
                    display_phone,
                  )
              : null,
        })),
      )
      .onConflict((oc) => oc.column('event_key').doNothing())
      .executeTakeFirst()
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return inserted
}

// ---------------------------------------------------------------------------------------------
// Processing

/** Ids of stored webhook items not processed yet, oldest first. */
export async function listUnprocessedInboundIds(db: DbOrTrx, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Locks one unprocessed item for the current transaction; undefined when it is processed
 * already or another process holds it. Use inside a transaction only.
 */
export function claimInboundMessage(trx: DbOrTrx, id: string) {
  return trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', id)
    .where('processed_at', 'is', null)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
}

/**
 * Locks up to `limit` unprocessed items, oldest first, skipping those another process holds.
 * Use inside a transaction only.
 */
export function claimInboundBatch(trx: DbOrTrx, limit: number) {
  return trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('processed_at', 'is', null)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute()
}

/** Marks an item processed with its outcome. */
export function finishInboundMessage(
  trx: DbOrTrx,
  id: string,
  outcome: { state: string; orderId?: string | null; matchMethod?: string | null; error?: string },
) {
  return trx
    .updateTable('inbound_messages')
    .set({
      state: outcome.state,
      order_id: outcome.orderId ?? null,
      match_method: outcome.matchMethod ?? null,
      error: outcome.error ?? null,
      processed_at: new Date(),
    })
    .where('id', '=', id)
    .execute()
}

/** A shop by id. */
export function findShopById(trx: DbOrTrx, shopId: string) {
  return trx.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst()
}

/** An order of this shop by id. */
export function findShopOrderById(trx: DbOrTrx, shopId: string, orderId: string) {
  return trx
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirst()
}

/** The order one of our own outbound messages (by its WhatsApp id) was about. */
export async function findOrderIdByOutboundMessage(
  trx: DbOrTrx,
  shopId: string,
  waMessageId: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('outbound_messages')
    .select('order_id')
    .where('shop_id', '=', shopId)
    .where('wa_message_id', '=', waMessageId)
    .executeTakeFirst()
  return row?.order_id ?? null
}

/** The newest pending order of this shop placed since `since` with one of these phones. */
export function findRecentPendingOrderByPhone(
  trx: DbOrTrx,
  shopId: string,
  phones: string[],
  since: Date,
) {
  return trx
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('status', '=', 'pending')
    .where('customer_phone', 'in', phones)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/**
 * Moves a pending order to confirmed with what the customer's message told us; undefined when
 * the order is no longer pending (someone else confirmed or cancelled it first).
 */
export function confirmPendingOrder(
  trx: DbOrTrx,
  orderId: string,
  args: {
    waId: string | null
    userId: string | null
    profileName: string | null
    match: OrderMatch
  },
) {
  const now = new Date()
  return trx
    .updateTable('orders')
    .set({
      status: 'confirmed' satisfies OrderStatus,
      confirmed_at: now,
      updated_at: now,
      customer_wa_id: args.waId,
      customer_user_id: args.userId,
      customer_profile_name: args.profileName,
      match: JSON.stringify(args.match),
    })
    .where('id', '=', orderId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
}

// ---------------------------------------------------------------------------------------------
// Native WhatsApp carts

/**
 * Runs `fn` inside a savepoint of the current transaction: when it throws, only its own writes
 * are undone and the transaction goes on. Use inside a transaction only.
 */
export async function withSavepoint<T>(trx: DbOrTrx, fn: () => Promise<T>): Promise<T> {
  await sql`savepoint chatcart_whatsapp`.execute(trx)
  try {
    const result = await fn()
    await sql`release savepoint chatcart_whatsapp`.execute(trx)
    return result
  } catch (error) {
    await sql`rollback to savepoint chatcart_whatsapp`.execute(trx)
    throw error
  }
}

/** Records what an order's line was flagged for (a WhatsApp price or currency that differs). */
export function setOrderItemFlags(
  trx: DbOrTrx,
  orderId: string,
  sku: string,
  flags: Record<string, unknown>,
) {
  return trx
    .updateTable('order_items')
    .set({ flags: JSON.stringify(flags) })
    .where('order_id', '=', orderId)
    .where('sku', '=', sku)
    .execute()
}

/** Stores how an order was matched to its WhatsApp message; returns the updated order. */
export function setOrderMatch(trx: DbOrTrx, orderId: string, match: OrderMatch) {
  return trx
    .updateTable('orders')
    .set({ match: JSON.stringify(match) })
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

// ---------------------------------------------------------------------------------------------
// Outbox

/** Queues a message unless one with the same dedupe key exists; returns it only when new. */
export function queueOutboundMessage(trx: DbOrTrx, values: Insertable<OutboundMessagesTable>) {
  return trx
    .insertInto('outbound_messages')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/**
 * Records a delivery status of one of our messages unless it already went further
 * (`read` never goes back to `delivered`). Returns the message when it changed.
 */
export function applyOutboundStatus(
  trx: DbOrTrx,
  waMessageId: string,
  status: string,
  error: string | null,
) {
  const rank = OUTBOUND_RANK[status] ?? 0
  const lower = Object.entries(OUTBOUND_RANK)
    .filter(([, r]) => r < rank)
    .map(([name]) => name)
  if (lower.length === 0) return Promise.resolve(undefined)
  return trx
    .updateTable('outbound_messages')
    .set({
      status,
      updated_at: new Date(),
      ...(status === 'failed' && error ? { last_error: error } : {}),
    })
    .where('wa_message_id', '=', waMessageId)
    .where('status', 'in', lower)
    .returning(['id', 'order_id', 'status'])
    .executeTakeFirst()
}

/** The message one of our WhatsApp ids belongs to, with its order. */
export function findOutboundByWaMessageId(trx: DbOrTrx, waMessageId: string) {
  return trx
    .selectFrom('outbound_messages')
    .select(['id', 'shop_id', 'order_id', 'status'])
    .where('wa_message_id', '=', waMessageId)
    .executeTakeFirst()
}

/**
 * Takes the next message due for sending (queued and due, or stuck in `sending` since
 * `staleBefore` after a crash), marking it `sending` and counting the attempt. Two senders never
 * take the same message.
 */
export async function claimDueOutboundMessage(trx: DbOrTrx, now: Date, staleBefore: Date) {
  const due = await trx
    .selectFrom('outbound_messages')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('updated_at', '<', staleBefore)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst()
  if (!due) return undefined
  const row = await trx
    .updateTable('outbound_messages')
    .set({ status: 'sending', attempts: sql`attempts + 1`, updated_at: new Date() })
    .where('id', '=', due.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  const shop = await trx
    .selectFrom('shops')
    .select('whatsapp_phone_number_id')
    .where('id', '=', row.shop_id)
    .executeTakeFirst()
  return { ...row, phoneNumberId: shop?.whatsapp_phone_number_id ?? null }
}

/**
 * Stores the WhatsApp id of a message just sent. A status webhook for it may have arrived
 * before the API answered, so the best status already received for that id is applied too.
 */
export async function markOutboundSent(trx: DbOrTrx, id: string, waMessageId: string) {
  await trx
    .updateTable('outbound_messages')
    .set({ status: 'sent', wa_message_id: waMessageId, last_error: null, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute()
  const early = await trx
    .selectFrom('inbound_messages')
    .select(['type', 'body'])
    .where('kind', '=', 'status')
    .where('wa_message_id', '=', waMessageId)
    .execute()
  for (const status of early) {
    if (status.type && isOutboundStatus(status.type)) {
      await applyOutboundStatus(trx, waMessageId, status.type, status.body)
    }
  }
}

/** Puts a message back in the queue after a failed attempt, to retry at `nextAttemptAt`. */
export function markOutboundRetry(trx: DbOrTrx, id: string, nextAttemptAt: Date, error: string) {
  return trx
    .updateTable('outbound_messages')
    .set({
      status: 'queued',
      next_attempt_at: nextAttemptAt,
      last_error: error,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute()
}

/** Gives up on a message and records why. */
export function markOutboundFailed(trx: DbOrTrx, id: string, error: string) {
  return trx
    .updateTable('outbound_messages')
    .set({ status: 'failed', last_error: error, updated_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Merchant side

/**
 * Messages of this shop that matched no order, newest first, each with the code of the order a
 * phone match suggests (a pending order of the sender's number), if any.
 */
export function listInboxMessages(db: DbOrTrx, shopId: string, limit: number) {
  return db
    .selectFrom('inbound_messages')
    .leftJoin('orders', (join) =>
      join
        .onRef('orders.id', '=', 'inbound_messages.order_id')
        .onRef('orders.shop_id', '=', 'inbound_messages.shop_id'),
    )
    .selectAll('inbound_messages')
    .select(['orders.code as suggested_code', 'orders.status as suggested_status'])
    .where('inbound_messages.shop_id', '=', shopId)
    .where('inbound_messages.state', '=', 'unmatched')
    .orderBy('inbound_messages.received_at', 'desc')
    .orderBy('inbound_messages.id', 'desc')
    .limit(limit)
    .execute()
}

/** One stored message of this shop (locked when inside a transaction that asks for it). */
export function findShopInboundMessage(db: DbOrTrx, shopId: string, id: string) {
  return db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('kind', '=', 'message')
    .forUpdate()
    .executeTakeFirst()
}

/** Links a processed message to an order after the fact (merchant's choice from the inbox). */
export function linkInboundMessage(
  trx: DbOrTrx,
  id: string,
  args: { state: string; orderId: string; matchMethod: string },
) {
  return trx
    .updateTable('inbound_messages')
    .set({ state: args.state, order_id: args.orderId, match_method: args.matchMethod })
    .where('id', '=', id)
    .execute()
}

/** The WhatsApp messages of one order, both ways, oldest first. */
export async function listOrderMessages(db: DbOrTrx, shopId: string, orderId: string) {
  const inbound = await db
    .selectFrom('inbound_messages')
    .select([
      'id',
      'kind',
      'wa_message_id',
      'type',
      'body',
      'state',
      'match_method',
      'profile_name',
      'sent_at',
      'received_at',
    ])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .where('kind', '=', 'message')
    .execute()
  const outbound = await db
    .selectFrom('outbound_messages')
    .select([
      'id',
      'kind',
      'wa_message_id',
      'payload',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'updated_at',
    ])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    .execute()
  return { inbound, outbound }
}

/** The last webhook item received for a phone number id and per-state counts for a shop. */
export async function whatsappDiagnostics(
  db: DbOrTrx,
  shopId: string,
  phoneNumberId: string | null,
) {
  const last = phoneNumberId
    ? await db
        .selectFrom('inbound_messages')
        .select(['received_at', 'kind', 'type'])
        .where('phone_number_id', '=', phoneNumberId)
        .orderBy('received_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined
  const states = await db
    .selectFrom('inbound_messages')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .groupBy('state')
    .execute()
  const outbox = await db
    .selectFrom('outbound_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shop_id', '=', shopId)
    .groupBy('status')
    .execute()
  return {
    last,
    states: states.map((s) => ({ state: s.state, count: Number(s.n) })),
    outbox: outbox.map((s) => ({ status: s.status, count: Number(s.n) })),
  }
}
