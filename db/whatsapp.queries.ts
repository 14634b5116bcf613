import { type Insertable, type Selectable, sql, type Transaction } from 'kysely'
import type { Database, DbOrTrx } from './database.ts'
import type { InboundMessagesTable, OutboundMessagesTable } from './schema/messages.ts'
import type { OrderMatch, OrderRow, OrderStatus } from './schema/orders.ts'

export type InboundMessageRow = Selectable<InboundMessagesTable>

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
// Webhook deliveries

/** Stores a signed delivery's raw bytes: the acknowledgement's one statement. */
export async function insertWebhookDelivery(db: DbOrTrx, body: Uint8Array): Promise<void> {
  // A Buffer view of the same bytes: node-postgres sends Buffers as bytea.
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  await db.insertInto('webhook_deliveries').values({ body: bytes }).execute()
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

/** One webhook item to store, before routing to a shop. */
export interface InboundMessageInsert {
  phone_number_id: string | null
  /** Digits of the business number the item was sent to. */
  display_phone: string | null
  event_key: string
  kind: string
  wa_message_id: string | null
  type: string | null
  from_wa_id: string | null
  from_user_id: string | null
  profile_name: string | null
  body: string | null
  context_id: string | null
  sent_at: Date | null
  /** The item as parsed (not a JSON string): it travels inside the one JSON parameter. */
  payload: unknown
  /** Sent by the merchant from the WhatsApp Business app; false when left out. */
  outgoing?: boolean
  /** The customer's WhatsApp username, when shown. */
  username?: string | null
  /** When its delivery arrived; now when left out. */
  received_at?: Date
}

/**
 * Stores webhook items in one statement, each routed to the shop that owns its phone number id
 * and whose WhatsApp number is the one the item was sent to (null when none is); a repeated
 * `event_key` is skipped. The rows travel as one JSON parameter, so any number fits. Returns how
 * many rows are new.
 */
export async function insertInboundMessages(
  db: DbOrTrx,
  rows: InboundMessageInsert[],
): Promise<number> {
  if (rows.length === 0) return 0
  const result = await sql`
    insert into inbound_messages (shop_id, phone_number_id, event_key, kind, wa_message_id, type,
      from_wa_id, from_user_id, profile_name, body, context_id, sent_at, payload, received_at,
      outgoing, username)
    select
      (select s.id from shops s
        where v.phone_number_id is not null and v.display_phone is not null
          and s.whatsapp_phone_number_id = v.phone_number_id
          and regexp_replace(s.whatsapp_phone, '\D', '', 'g') = v.display_phone),
      v.phone_number_id, v.event_key, v.kind, v.wa_message_id, v.type, v.from_wa_id,
      v.from_user_id, v.profile_name, v.body, v.context_id, v.sent_at,
      -- A JSON null comes out of the record as SQL null: keep it as the JSON value it was.
      coalesce(v.payload, 'null'::jsonb),
      coalesce(v.received_at, now()), coalesce(v.outgoing, false), v.username
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(phone_number_id text,
      display_phone text, event_key text, kind text, wa_message_id text, type text,
      from_wa_id text, from_user_id text, profile_name text, body text, context_id text,
      sent_at timestamptz, payload jsonb, received_at timestamptz, outgoing boolean,
      username text)
    on conflict (event_key) do nothing`.execute(db)
  return Number(result.numAffectedRows ?? 0)
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
 * already or another process holds it.
 */
export function claimInboundMessage(trx: Transaction<Database>, id: string) {
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
 */
export function claimInboundBatch(trx: Transaction<Database>, limit: number) {
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

/** What processing decided for one item, as {@link finishInboundMessages} stores it. */
export interface InboundOutcome {
  id: string
  state: string
  orderId?: string | null
  matchMethod?: string | null
  error?: string
}

/** Marks many items processed with their outcomes, in one statement. */
export async function finishInboundMessages(trx: DbOrTrx, outcomes: InboundOutcome[]) {
  if (outcomes.length === 0) return
  const rows = outcomes.map((o) => ({
    id: o.id,
    state: o.state,
    order_id: o.orderId ?? null,
    match_method: o.matchMethod ?? null,
    // jsonb refuses NUL, and an error message may quote anything.
    error: o.error?.replaceAll('\0', '\uFFFD') ?? null,
  }))
  await sql`
    update inbound_messages m
    set state = v.state, order_id = v.order_id, match_method = v.match_method, error = v.error,
      processed_at = now()
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(id uuid, state text, order_id uuid, match_method text, error text)
    where m.id = v.id`.execute(trx)
}

/** The orders of every (shop, code) pair asked, in one query. */
export function findShopOrdersByCodes(trx: DbOrTrx, pairs: { shopId: string; code: string }[]) {
  if (pairs.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('orders')
    .selectAll()
    .where((eb) =>
      eb(
        eb.refTuple('shop_id', 'code'),
        'in',
        pairs.map((p) => eb.tuple(p.shopId, p.code)),
      ),
    )
    .execute()
}

/** The orders our own messages (shop, WhatsApp id) were about, each with that message's id. */
export function findOrdersByOutboundMessages(
  trx: DbOrTrx,
  pairs: { shopId: string; waMessageId: string }[],
) {
  if (pairs.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('outbound_messages as m')
    .innerJoin('orders as o', (join) =>
      join.onRef('o.id', '=', 'm.order_id').onRef('o.shop_id', '=', 'm.shop_id'),
    )
    .selectAll('o')
    .select('m.wa_message_id as outbound_wa_message_id')
    .where((eb) =>
      eb(
        eb.refTuple('m.shop_id', 'm.wa_message_id'),
        'in',
        pairs.map((p) => eb.tuple(p.shopId, p.waMessageId)),
      ),
    )
    .execute()
}

/** Pending orders of these shops placed since `since` with any of these phones, newest first. */
export function findRecentPendingOrdersByPhones(
  trx: DbOrTrx,
  shopIds: string[],
  phones: string[],
  since: Date,
) {
  if (shopIds.length === 0 || phones.length === 0) return Promise.resolve([])
  return trx
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', 'in', shopIds)
    .where('status', '=', 'pending')
    .where('customer_phone', 'in', phones)
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

/**
 * Moves pending orders to confirmed with what each customer's message told us, in one statement;
 * returns the orders it confirmed (one no longer pending is left out: someone else confirmed or
 * cancelled it first). Give each order at most once.
 */
export async function confirmPendingOrders(
  trx: DbOrTrx,
  confirmations: {
    orderId: string
    waId: string | null
    userId: string | null
    profileName: string | null
    /** The customer's WhatsApp username, when shown. */
    username?: string | null
    match: OrderMatch
  }[],
): Promise<OrderRow[]> {
  if (confirmations.length === 0) return []
  const rows = confirmations.map((c) => ({
    order_id: c.orderId,
    wa_id: c.waId,
    user_id: c.userId,
    profile_name: c.profileName,
    username: c.username ?? null,
    match: c.match,
  }))
  const result = await sql<OrderRow>`
    update orders o
    set status = ${'confirmed' satisfies OrderStatus}, confirmed_at = now(), updated_at = now(),
      customer_wa_id = v.wa_id, customer_user_id = v.user_id,
      customer_profile_name = v.profile_name, match = v.match,
      customer_username = coalesce(v.username, o.customer_username)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(order_id uuid, wa_id text, user_id text, profile_name text, username text,
        match jsonb)
    where o.id = v.order_id and o.status = 'pending'
    returning o.*`.execute(trx)
  return result.rows
}

/** A shop by id. */
export function findShopById(trx: DbOrTrx, shopId: string) {
  return trx.selectFrom('shops').selectAll().where('id', '=', shopId).executeTakeFirst()
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

/** Queues many messages in one statement, skipping dedupe keys that exist; returns the new ones. */
export function queueOutboundMessages(trx: DbOrTrx, values: Insertable<OutboundMessagesTable>[]) {
  if (values.length === 0) return Promise.resolve([])
  return trx
    .insertInto('outbound_messages')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returningAll()
    .execute()
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

/** Leaves a message unsent on purpose (see the reason): it is never taken again. */
export function markOutboundSkipped(trx: DbOrTrx, id: string, reason: string) {
  return trx
    .updateTable('outbound_messages')
    .set({ status: 'skipped', last_error: reason, updated_at: new Date() })
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
      'outgoing',
      'edited_at',
      'revoked_at',
    ])
    .where('shop_id', '=', shopId)
    .where('order_id', '=', orderId)
    // The customer's messages, the merchant's from the Business app and past chats (history).
    .where('kind', 'in', ['message', 'echo', 'history'])
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
