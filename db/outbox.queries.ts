import { type Insertable, sql } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { OutboundMessagesTable } from './schema/messages.ts'

// Our own messages to customers: queued, claimed by a sender, and their delivery statuses.

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
