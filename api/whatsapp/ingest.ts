import type { Db } from '../../db/database.ts'
import {
  type InboundMessageInsert,
  insertInboundMessages,
} from '../../db/inbound-messages.queries.ts'
import {
  deleteWebhookDeliveries,
  insertWebhookDelivery,
  leaseWebhookDeliveries,
  readWebhookDeliveries,
} from '../../db/webhook-deliveries.queries.ts'
import { extractWebhookEvents } from './payload.ts'

/** Deliveries taken at a time, unless the caller asks for another number. */
export const DELIVERIES_PER_LEASE = 100
/** Bodies up to this size come with the lease itself (one statement less per run). */
const BODY_WITH_LEASE_BYTES = 64 * 1024
/** Bytes of delivery bodies held in memory at once (a delivery may be 3 MB). */
const BYTES_PER_READ = 4 * 1024 * 1024
/** Items per INSERT: each commits on its own, so PGlite's one connection is never held long. */
const ROWS_PER_STATEMENT = 500
/** A process that died while splitting a delivery leaves it to another one after this. */
const LEASE_MS = 60_000

/**
 * Stores a verified webhook body as it arrived, with one insert: all the acknowledgement needs.
 * {@link ingestDeliveries} splits it into items afterwards.
 */
export function storeWebhookDelivery(db: Db, raw: Uint8Array): Promise<void> {
  return insertWebhookDelivery(db, raw)
}

function itemsOf(body: Uint8Array, receivedAt: Date): InboundMessageInsert[] {
  return extractWebhookEvents(body).map((e) => ({
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
    payload: e.payload,
    outgoing: e.outgoing ?? false,
    username: e.username ?? null,
    received_at: receivedAt,
  }))
}

/**
 * Splits stored deliveries into their items, oldest first: each item keyed by its WhatsApp id, so
 * a redelivery (or a delivery split twice after a crash) stores nothing new, and routed to the
 * shop whose phone number id and WhatsApp number both match the item's (processing marks the
 * others `unrouted`): claiming another business's phone number id is not enough to receive its
 * messages. Items go in statements of up to 500 across deliveries; a delivery is deleted only
 * once all its items are stored. Returns how many deliveries were split.
 */
export async function ingestDeliveries(db: Db, perLease = DELIVERIES_PER_LEASE): Promise<number> {
  // Small bodies come with the lease; larger ones are read in chunks of BYTES_PER_READ.
  const leased = await leaseWebhookDeliveries(db, {
    limit: perLease,
    leaseMs: LEASE_MS,
    bodiesUpTo: BODY_WITH_LEASE_BYTES,
  })
  let chunk: typeof leased = []
  let bytes = 0
  const store = async () => {
    const missing = chunk.filter((d) => d.body === null).map((d) => d.id)
    const read = new Map(
      (missing.length > 0 ? await readWebhookDeliveries(db, missing) : []).map((d) => [d.id, d]),
    )
    const seen = new Set<string>()
    const rows: InboundMessageInsert[] = []
    for (const delivery of chunk) {
      const body = delivery.body ?? read.get(delivery.id)?.body
      if (!body) continue // deleted meanwhile: another process stored its items
      for (const item of itemsOf(body, new Date(delivery.received_at))) {
        if (seen.has(item.event_key)) continue
        seen.add(item.event_key)
        rows.push(item)
      }
    }
    // The event loop turns between statements, so a delivery of thousands of items never holds
    // PGlite's one connection (or a pool client) for long.
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      if (start > 0) await new Promise((resolve) => setImmediate(resolve))
      await insertInboundMessages(db, rows.slice(start, start + ROWS_PER_STATEMENT))
    }
    await deleteWebhookDeliveries(
      db,
      chunk.map((d) => d.id),
    )
    chunk = []
    bytes = 0
  }
  for (const delivery of leased) {
    if (chunk.length > 0 && bytes + delivery.size > BYTES_PER_READ) await store()
    chunk.push(delivery)
    bytes += delivery.size
  }
  if (chunk.length > 0) await store()
  return leased.length
}
