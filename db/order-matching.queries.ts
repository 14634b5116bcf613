import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { OrderMatch, OrderRow, OrderStatus } from './schema/orders.ts'

// Finding the order a message names, and confirming it.

/**
 * The orders of every (shop, code) pair asked, in one query. The pairs are a table joined to
 * the orders, so the planner can look each one up by its (shop, code) key: as a list of ORs,
 * every order of the shop was compared with every code asked.
 */
export async function findShopOrdersByCodes(
  trx: DbOrTrx,
  pairs: { shopId: string; code: string }[],
): Promise<OrderRow[]> {
  if (pairs.length === 0) return []
  const asked = JSON.stringify(pairs.map((p) => ({ shop_id: p.shopId, code: p.code })))
  const result = await sql<OrderRow>`
    select o.* from jsonb_to_recordset(${asked}::jsonb) as v(shop_id uuid, code text)
    join orders o on o.shop_id = v.shop_id and o.code = v.code`.execute(trx)
  return result.rows
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
