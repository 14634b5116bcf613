import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

/** The first instant of `now`'s calendar month, UTC: the period a monthly cap counts. */
export function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
}

/**
 * What decides whether a shop's next automatic message goes out: the automatic confirmation
 * switch, the monthly cap and how many messages Chatcart sent this month (one statement).
 */
export async function shopSendingRules(trx: DbOrTrx, shopId: string, now: Date) {
  const row = await trx
    .selectFrom('shops')
    .select((eb) => [
      'auto_confirm_reply',
      'monthly_message_cap',
      eb
        .selectFrom('outbound_messages')
        .select(eb.fn.countAll<string>().as('n'))
        .where('outbound_messages.shop_id', '=', shopId)
        .where('outbound_messages.wa_message_id', 'is not', null)
        .where('outbound_messages.created_at', '>=', monthStartUtc(now))
        .as('sent'),
    ])
    .where('id', '=', shopId)
    .executeTakeFirst()
  return {
    autoConfirmReply: row?.auto_confirm_reply ?? true,
    monthlyCap: row?.monthly_message_cap ?? null,
    sentThisMonth: Number(row?.sent ?? 0),
  }
}

/**
 * Stores what Meta says one of our messages costs, the first time a status reports it
 * (`pricing` comes on some statuses only, once per message).
 */
export function storeMessagePricing(
  trx: DbOrTrx,
  waMessageId: string,
  pricing: { category: string | null; type: string | null },
) {
  return trx
    .updateTable('outbound_messages')
    .set({ pricing_category: pricing.category, pricing_type: pricing.type })
    .where('wa_message_id', '=', waMessageId)
    .where('pricing_category', 'is', null)
    .where('pricing_type', 'is', null)
    .execute()
}

/** The payloads of the statuses already received for a message (a status may beat the send). */
export function statusPayloadsOf(trx: DbOrTrx, waMessageId: string) {
  return trx
    .selectFrom('inbound_messages')
    .select('payload')
    .where('kind', '=', 'status')
    .where('wa_message_id', '=', waMessageId)
    .execute()
}

/** A shop's messages sent by Chatcart since `since`, counted by Meta's pricing category and type. */
export function sentMessagesByPricing(trx: DbOrTrx, shopId: string, since: Date) {
  return trx
    .selectFrom('outbound_messages')
    .select(['pricing_category', 'pricing_type', sql<string>`count(*)`.as('count')])
    .where('shop_id', '=', shopId)
    .where('wa_message_id', 'is not', null)
    .where('created_at', '>=', since)
    .groupBy(['pricing_category', 'pricing_type'])
    .orderBy('pricing_category')
    .orderBy('pricing_type')
    .execute()
}

/** A shop's automatic messages not sent since `since`, by the reason recorded. */
export function skippedMessagesByReason(trx: DbOrTrx, shopId: string, since: Date) {
  return trx
    .selectFrom('outbound_messages')
    .select(['last_error', sql<string>`count(*)`.as('count')])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'skipped')
    .where('created_at', '>=', since)
    .groupBy('last_error')
    .execute()
}
