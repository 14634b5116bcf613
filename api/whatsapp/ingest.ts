import type { Db } from '../../db/database.ts'
import { insertInboundMessages } from '../../db/whatsapp.queries.ts'
import { extractWebhookEvents } from './payload.ts'

/** Items per INSERT statement (see `insertInboundMessages`). */
const ROWS_PER_STATEMENT = 500

/**
 * Stores every item of a verified webhook body, in committed slices of 500, keyed by its WhatsApp id so a
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
  // Each slice commits on its own and the event loop turns between slices, so a delivery of
  // thousands of items never holds PGlite's one connection (or a pool client) for long. Nothing
  // is acknowledged before every slice is stored; after a crash half-way, Meta's redelivery
  // stores the rest and skips what is already there (the event key is unique).
  let stored = 0
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve))
    stored += await insertInboundMessages(db, rows.slice(start, start + ROWS_PER_STATEMENT))
  }
  return { items: events.length, stored }
}
