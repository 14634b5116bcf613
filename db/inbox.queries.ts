import type { DbOrTrx } from './database.ts'

// The merchant's view: the inbox, an order's conversation, links, diagnostics.

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
