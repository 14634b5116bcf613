import type { Db } from '../../db/database.ts'
import { findShopsByPhoneNumberIds, insertInboundMessages } from '../../db/whatsapp.queries.ts'
import { extractWebhookEvents } from './payload.ts'

/**
 * Stores every item of a verified webhook body in one transaction, keyed by its WhatsApp id so
 * a redelivery stores nothing new. Items for a phone number id no shop has are kept as
 * `unrouted`. Returns how many items the body held and how many were new.
 */
export async function ingestWebhook(
  db: Db,
  raw: Uint8Array,
): Promise<{ items: number; stored: number }> {
  const events = extractWebhookEvents(raw)
  const unique = new Map(events.map((e) => [e.eventKey, e]))
  const phoneNumberIds = [
    ...new Set(events.flatMap((e) => (e.phoneNumberId ? [e.phoneNumberId] : []))),
  ]
  const stored = await db.transaction().execute(async (trx) => {
    const shops = await findShopsByPhoneNumberIds(trx, phoneNumberIds)
    const shopOf = new Map(shops.map((s) => [s.whatsapp_phone_number_id, s.id]))
    const now = new Date()
    return insertInboundMessages(
      trx,
      [...unique.values()].map((e) => {
        const shopId = (e.phoneNumberId && shopOf.get(e.phoneNumberId)) || null
        const unrouted = shopId === null && e.kind !== 'unknown'
        return {
          shop_id: shopId,
          phone_number_id: e.phoneNumberId,
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
          // Nothing to do for a number no shop has claimed: it stays for the diagnostics.
          state: unrouted ? 'unrouted' : 'received',
          processed_at: unrouted ? now : null,
        }
      }),
    )
  })
  return { items: events.length, stored }
}
