import type { Db } from '../../db/database.ts'
import {
  deleteWebhookDeliveries,
  type InboundMessageInsert,
  insertInboundMessages,
  insertWebhookDelivery,
  leaseWebhookDeliveries,
  readWebhookDeliveries,
} from '../../db/whatsapp.queries.ts'
import { extractWebhookEvents } from './payload.ts'

/** Deliveries taken at a time. */
const DELIVERIES_PER_LEASE = 100
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
export async function ingestDeliveries(db: Db): Promise<number> {
  const leased = await leaseWebhookDeliveries(db, DELIVERIES_PER_LEASE, LEASE_MS)
  let done = 0
  let chunk: string[] = []
  let bytes = 0
  const flush = async () => {
    if (chunk.length === 0) return
    const deliveries = await readWebhookDeliveries(db, chunk)
    chunk = []
    bytes = 0
    const seen = new Set<string>()
    const rows: InboundMessageInsert[] = []
    for (const delivery of deliveries) {
      for (const item of itemsOf(delivery.body, new Date(delivery.received_at))) {
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
      deliveries.map((d) => d.id),
    )
    done += deliveries.length
  }
  for (const { id, size } of leased) {
    if (chunk.length > 0 && bytes + size > BYTES_PER_READ) await flush()
    chunk.push(id)
    bytes += size
  }
  await flush()
  return done
}
