import type { Db } from '../../db/database.ts'
import { insertInboundMessages } from '../../db/whatsapp.queries.ts'
import { extractWebhookEvents } from './payload.ts'

/** Items per INSERT statement (see `insertInboundMessages`). */
const ROWS_PER_STATEMENT = 500

/**
 * Stores every item of a verified webhook body atomically, keyed by its WhatsApp id so a
 * redelivery stores nothing new; each is routed to the shop whose phone number id and WhatsApp
 * number both match the item's (processing marks the others `unrouted`): claiming another
 * business's phone number id is not enough to receive its messages. Returns how many items the body held and how many were
 * new.
 */
export async function ingestWebhook(
  db: Db,
  raw: Uint8Array,
): Promise<{ items: number; stored: number }> {
  const events = extractWebhookEvents(raw)
  const unique = new Map(events.map((e) => [e.eventKey, e]))
  const rows = [...unique.values()].map((e) => ({
    phone_number_id: e.phoneNumberId,
    display_phone: e.displayPhone,
    event_key: e.eventKey,
    kind: e.kind,
    wa_message_id: e.waMessageId,
    type: e.type,
    from_wa_id: e.fromWaId,
    from_user_id: e.fromUserId,
    profile_name: e.profileName,
    body: e.body,
    context_id: e.contextId,
    sent_at: e.sentAt,
    payload: JSON.stringify(e.payload),
  }))
  // One statement is atomic on its own; a bigger batch needs a transaction around its statements.
  const stored =
    rows.length <= ROWS_PER_STATEMENT
      ? await insertInboundMessages(db, rows)
      : await db.transaction().execute((trx) => insertInboundMessages(trx, rows))
  return { items: events.length, stored }
}
