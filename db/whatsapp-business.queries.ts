import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

// The WhatsApp Business app on the same number (coexistence) and customers known by username:
// every function takes a whole batch and runs one statement.

/** A customer of a shop, by number and/or business-scoped user id. */
export interface ShopCustomer {
  shopId: string
  waId: string | null
  userId: string | null
}

/** How long after the merchant's last echo to a customer Chatcart stays silent with them. */
export const MERCHANT_CONVERSATION_MS = 15 * 60 * 1000

/**
 * Which of these customers the merchant wrote to from the WhatsApp Business app since `since`
 * (an echo to their number or user id): returns their indexes in `customers`.
 */
export async function customersInMerchantConversation(
  db: DbOrTrx,
  customers: ShopCustomer[],
  since: Date,
): Promise<Set<number>> {
  const asked = customers
    .map((c, index) => ({ index, shop_id: c.shopId, wa_id: c.waId, user_id: c.userId }))
    .filter((c) => c.wa_id || c.user_id)
  if (asked.length === 0) return new Set()
  const result = await sql<{ index: number }>`
    select v.index from jsonb_to_recordset(${JSON.stringify(asked)}::jsonb)
      as v(index int, shop_id uuid, wa_id text, user_id text)
    where exists (
      select 1 from inbound_messages m
      where m.kind = 'echo' and m.shop_id = v.shop_id and m.sent_at >= ${since}
        and (m.from_wa_id = v.wa_id or m.from_user_id = v.user_id))`.execute(db)
  return new Set(result.rows.map((r) => Number(r.index)))
}

/** Orders of customer messages (shop, WhatsApp id) the merchant quoted, with that message's id. */
export async function findOrdersOfQuotedMessages(
  db: DbOrTrx,
  pairs: { shopId: string; waMessageId: string }[],
) {
  if (pairs.length === 0) return []
  const rows = pairs.map((p) => ({ shop_id: p.shopId, wa_message_id: p.waMessageId }))
  const result = await sql<{ shop_id: string; wa_message_id: string; order_id: string }>`
    select distinct m.shop_id, m.wa_message_id, m.order_id
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(shop_id uuid, wa_message_id text)
    join inbound_messages m on m.shop_id = v.shop_id and m.wa_message_id = v.wa_message_id
    where m.order_id is not null and m.kind in ('message', 'history')`.execute(db)
  return result.rows
}

/**
 * Marks orders answered by the merchant from the Business app (the first answer counts) and
 * records a `merchant_replied` event on each order marked now. Returns the ids marked.
 */
export async function markOrdersAnsweredByMerchant(
  db: DbOrTrx,
  answers: { orderId: string; shopId: string; at: Date; messageId: string; method: string }[],
): Promise<string[]> {
  if (answers.length === 0) return []
  const rows = answers.map((a) => ({
    order_id: a.orderId,
    shop_id: a.shopId,
    at: a.at.toISOString(),
    data: { messageId: a.messageId, method: a.method },
  }))
  const result = await sql<{ id: string }>`
    with v as (
      select distinct on (order_id) * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as v(order_id uuid, shop_id uuid, at timestamptz, data jsonb)
      order by order_id, at),
    marked as (
      update orders o set merchant_replied_at = v.at
      from v where o.id = v.order_id and o.shop_id = v.shop_id and o.merchant_replied_at is null
      returning o.id, o.shop_id, v.data),
    events as (
      insert into order_events (shop_id, order_id, type, actor, data)
      select shop_id, id, 'merchant_replied', 'whatsapp', data from marked)
    select id from marked`.execute(db)
  return result.rows.map((r) => r.id)
}

/**
 * Applies the merchant's edits (new text) and deletions (`body` null) of their echoes to the
 * stored echoes, in one statement.
 */
export async function applyEchoChanges(
  db: DbOrTrx,
  changes: {
    shopId: string
    originalId: string
    body: string | null
    revoked: boolean
    at: Date
  }[],
): Promise<void> {
  if (changes.length === 0) return
  const rows = changes.map((c) => ({
    shop_id: c.shopId,
    original_id: c.originalId,
    body: c.body,
    revoked: c.revoked,
    at: c.at.toISOString(),
  }))
  await sql`
    update inbound_messages m
    set body = case when v.revoked then null else v.body end,
      edited_at = case when v.revoked then m.edited_at else v.at end,
      revoked_at = case when v.revoked then v.at else m.revoked_at end
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(shop_id uuid, original_id text, body text, revoked boolean, at timestamptz)
    where m.shop_id = v.shop_id and m.wa_message_id = v.original_id and m.kind = 'echo'
      and m.revoked_at is null`.execute(db)
}

/** Puts the media of past messages (their type and caption) in place of their placeholders. */
export async function applyHistoryMedia(
  db: DbOrTrx,
  media: { shopId: string; waMessageId: string; type: string; body: string | null }[],
): Promise<void> {
  if (media.length === 0) return
  const rows = media.map((m) => ({
    shop_id: m.shopId,
    wa_message_id: m.waMessageId,
    type: m.type,
    body: m.body,
  }))
  await sql`
    update inbound_messages m set type = v.type, body = coalesce(v.body, m.body)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as v(shop_id uuid, wa_message_id text, type text, body text)
    where m.shop_id = v.shop_id and m.wa_message_id = v.wa_message_id and m.kind = 'history'
      and m.type = 'media_placeholder'`.execute(db)
}

/**
 * Joins what a batch learned about customers to what is stored: a number that arrives with a
 * user id already known, and a username, fill the gaps of that customer's orders and messages
 * (found through the user id indexes), so both ids lead to the same conversation and orders.
 * Rows already complete are not rewritten.
 */
export async function joinCustomerIdentities(
  db: DbOrTrx,
  customers: { shopId: string; waId: string; userId: string; username: string | null }[],
): Promise<void> {
  if (customers.length === 0) return
  const rows = JSON.stringify(
    customers.map((c) => ({
      shop_id: c.shopId,
      wa_id: c.waId,
      user_id: c.userId,
      username: c.username,
    })),
  )
  // One statement: the orders, then the messages, of each customer.
  await sql`
    with v as (
      select * from jsonb_to_recordset(${rows}::jsonb)
        as v(shop_id uuid, wa_id text, user_id text, username text)),
    joined_orders as (
      update orders o
      set customer_wa_id = coalesce(o.customer_wa_id, v.wa_id),
        customer_username = coalesce(v.username, o.customer_username)
      from v
      where o.customer_user_id = v.user_id and o.shop_id = v.shop_id
        and (o.customer_wa_id is null or (v.username is not null
          and o.customer_username is distinct from v.username))
      returning o.id)
    update inbound_messages m set from_wa_id = v.wa_id
    from v
    where m.from_user_id = v.user_id and m.shop_id = v.shop_id and m.from_wa_id is null`.execute(db)
}

/**
 * Moves a customer from one business-scoped user id to the next (`user_id_update`,
 * `user_changed_user_id`) on their orders, messages and replies not sent yet, in the shop the
 * change was routed to (any shop when it came without a business number: ids are unique per
 * business portfolio). Applying a change twice changes nothing.
 */
export async function applyUserIdChanges(
  db: DbOrTrx,
  changes: { shopId: string | null; previous: string; current: string }[],
): Promise<void> {
  if (changes.length === 0) return
  const rows = JSON.stringify(
    changes.map((c) => ({ shop_id: c.shopId, previous: c.previous, current: c.current })),
  )
  await sql`
    with v as (
      select * from jsonb_to_recordset(${rows}::jsonb)
        as v(shop_id uuid, previous text, current text)),
    orders_moved as (
      update orders o set customer_user_id = v.current
      from v where o.customer_user_id = v.previous and (v.shop_id is null or o.shop_id = v.shop_id)
      returning o.id),
    replies_moved as (
      update outbound_messages m set to_user_id = v.current,
        payload = case when m.payload ? 'recipient'
          then jsonb_set(m.payload, '{recipient}', to_jsonb(v.current)) else m.payload end
      from v
      where m.to_user_id = v.previous and m.status in ('queued', 'sending')
        and (v.shop_id is null or m.shop_id = v.shop_id)
      returning m.id)
    update inbound_messages m set from_user_id = v.current
    from v
    where m.from_user_id = v.previous and (v.shop_id is null or m.shop_id = v.shop_id)`.execute(db)
}

/**
 * The user id the `user_changed_user_id` system message's customer had before: their latest
 * message or order under that number. Null when none is stored.
 */
export async function findUserIdOfNumber(
  db: DbOrTrx,
  shopId: string,
  waId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('inbound_messages')
    .select('from_user_id')
    .where('shop_id', '=', shopId)
    .where('from_wa_id', '=', waId)
    .where('from_user_id', 'is not', null)
    .orderBy('received_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.from_user_id ?? null
}

/**
 * Names from the Business app's contacts (`smb_app_state_sync`) onto that customer's orders and
 * stored messages, matched by number or user id; a removal carries no name and changes nothing.
 */
export async function applyContactNames(
  db: DbOrTrx,
  contacts: {
    shopId: string
    waId: string | null
    userId: string | null
    name: string
    username: string | null
  }[],
): Promise<void> {
  if (contacts.length === 0) return
  const rows = JSON.stringify(
    contacts.map((c) => ({
      shop_id: c.shopId,
      wa_id: c.waId,
      user_id: c.userId,
      name: c.name,
      username: c.username,
    })),
  )
  await sql`
    update orders o
    set customer_profile_name = v.name, customer_username = coalesce(v.username, o.customer_username)
    from jsonb_to_recordset(${rows}::jsonb)
      as v(shop_id uuid, wa_id text, user_id text, name text, username text)
    where o.shop_id = v.shop_id and (o.customer_wa_id = v.wa_id or o.customer_user_id = v.user_id)`.execute(
    db,
  )
  await sql`
    update inbound_messages m set profile_name = v.name
    from jsonb_to_recordset(${rows}::jsonb)
      as v(shop_id uuid, wa_id text, user_id text, name text, username text)
    where m.shop_id = v.shop_id and m.kind in ('message', 'echo', 'history')
      and (m.from_wa_id = v.wa_id or m.from_user_id = v.user_id)`.execute(db)
}

/** The latest messages the merchant sent from the WhatsApp Business app, newest first. */
export function listMerchantEchoes(db: DbOrTrx, shopId: string, limit: number) {
  return (
    db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('shop_id', '=', shopId)
      .where('kind', '=', 'echo')
      .where('outgoing', '=', true)
      // Edits and deletions are applied to the echo they change; they are not messages of their own.
      .where('type', 'not in', ['edit', 'revoke'])
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()
  )
}

/** When the last echo from the WhatsApp Business app reached this shop, and how many arrived. */
export async function lastEchoOfShop(db: DbOrTrx, shopId: string) {
  const row = await db
    .selectFrom('inbound_messages')
    .select((eb) => [eb.fn.max('received_at').as('last'), eb.fn.countAll<string>().as('n')])
    .where('shop_id', '=', shopId)
    .where('kind', '=', 'echo')
    .executeTakeFirst()
  return { lastAt: row?.last ? new Date(row.last) : null, count: Number(row?.n ?? 0) }
}

/**
 * Whether the merchant wrote to this reply's customer from the Business app since `since`: the
 * sender's last check before posting.
 */
export async function merchantTalkingTo(
  db: DbOrTrx,
  customer: ShopCustomer,
  since: Date,
): Promise<boolean> {
  return (await customersInMerchantConversation(db, [customer], since)).size > 0
}
