import type { Generated } from 'kysely'
import type { Json } from './json.ts'

/** A signed webhook delivery as it arrived, until the worker splits it into inbound messages. */
export interface WebhookDeliveriesTable {
  /** Identity column: deliveries are split in the order they arrived. */
  id: Generated<string>
  /** The raw bytes the signature was checked over. */
  body: Uint8Array
  received_at: Generated<Date>
  /** Set while a process splits the delivery; a lapsed lease lets another one take it. */
  taken_until: Date | null
}

export interface InboundMessagesTable {
  id: Generated<string>
  /** null while the phone_number_id is unknown (unrouted). */
  shop_id: string | null
  phone_number_id: string | null
  /** WhatsApp message id, `status:<wamid>:<status>`, or a payload hash for unreadable shapes. */
  event_key: string
  /**
   * 'message', 'status', 'echo' (sent from the Business app), 'history' (past chats), 'contact'
   * (the app's contacts), 'user_id_update' or 'unknown'.
   */
  kind: string
  wa_message_id: string | null
  type: string | null
  /** The customer's number and business-scoped user id, also on the merchant's own messages. */
  from_wa_id: string | null
  from_user_id: string | null
  profile_name: string | null
  body: string | null
  context_id: string | null
  sent_at: Date | null
  payload: Json<unknown>
  /** Sent by the merchant (an echo from the WhatsApp Business app, or their side of history). */
  outgoing: Generated<boolean>
  /** The customer's WhatsApp username, when the webhook shows one. */
  username: string | null
  /** An echo the merchant edited or deleted in the app afterwards. */
  edited_at: Date | null
  revoked_at: Date | null
  /** 'received', 'matched', 'unmatched', 'recorded', 'unrouted', 'failed'. */
  state: Generated<string>
  order_id: string | null
  match_method: string | null
  error: string | null
  received_at: Generated<Date>
  processed_at: Date | null
}

export interface OutboundMessagesTable {
  id: Generated<string>
  shop_id: string
  order_id: string | null
  kind: string
  /** One message per purpose, e.g. `confirm:<order id>`. */
  dedupe_key: string
  /** The customer's number; null when only their business-scoped user id is known. */
  to_wa_id: string | null
  to_user_id: string | null
  payload: Json<unknown>
  wa_message_id: string | null
  /** 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'. */
  status: Generated<string>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  last_error: string | null
  /** What Meta's status webhooks report it costs: `pricing.category` and `pricing.type`. */
  pricing_category: string | null
  pricing_type: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface AnalyticsEventsTable {
  id: Generated<string>
  shop_id: string
  type: string
  channel: string | null
  created_at: Generated<Date>
}
