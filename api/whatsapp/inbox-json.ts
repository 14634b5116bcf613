import type { InboundMessageRow } from '../../db/inbound-messages.queries.ts'
import type { whatsappDiagnostics } from '../../db/inbox.queries.ts'
import type { OrderItemRow, OrderRow } from '../../db/schema/orders.ts'
import type { lastEchoOfShop } from '../../db/whatsapp-business.queries.ts'
import type { AppConfig } from '../config.ts'
import { orderItemJson, ownerOrderJson } from '../orders/order-json.ts'
import { PHONE_SUGGESTION } from './process.ts'

/** A stored WhatsApp message as its shop's owner sees it. */
export function inboundMessageJson(row: InboundMessageRow) {
  return {
    id: row.id,
    waMessageId: row.wa_message_id,
    type: row.type,
    from: row.from_wa_id,
    userId: row.from_user_id,
    // A customer who hides their number is shown by username.
    username: row.username,
    profileName: row.profile_name,
    body: row.body,
    /** Sent by the merchant from the WhatsApp Business app (from, userId: the customer). */
    outgoing: row.outgoing,
    editedAt: row.edited_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
    state: row.state,
    orderId: row.order_id,
    matchMethod: row.match_method,
    sentAt: row.sent_at?.toISOString() ?? null,
    receivedAt: row.received_at.toISOString(),
  }
}

/** A message waiting in the inbox, with the code of the order a phone match suggests, if any. */
export function inboxMessageJson(
  row: InboundMessageRow & { suggested_code: string | null; suggested_status: string | null },
) {
  return {
    ...inboundMessageJson(row),
    // Same number as a pending order's checkout phone: a hint, confirmed only by the merchant.
    suggestedOrderCode:
      row.match_method === PHONE_SUGGESTION && row.suggested_status === 'pending'
        ? row.suggested_code
        : null,
  }
}

/** The owner's view of an order, with what each line was flagged for. */
export function orderSummaryJson(order: OrderRow, items: OrderItemRow[]) {
  return {
    ...ownerOrderJson(order, items),
    items: items.map((item) => ({ ...orderItemJson(item), flags: item.flags })),
  }
}

/**
 * How the shop's WhatsApp link is doing: the callback URL for Meta, what this server is
 * configured with, the last event for the shop's number, the message counts by state and
 * whether messages sent from the WhatsApp Business app (coexistence) arrive.
 */
export function whatsappDiagnosticJson(args: {
  phoneNumberId: string | null
  config: Pick<AppConfig, 'publicUrl' | 'whatsapp'>
  diagnostics: Awaited<ReturnType<typeof whatsappDiagnostics>>
  echoes: Awaited<ReturnType<typeof lastEchoOfShop>>
}) {
  const { config, diagnostics, echoes } = args
  const last = diagnostics.last
  return {
    phoneNumberId: args.phoneNumberId,
    webhookUrl: `${config.publicUrl}/webhooks/whatsapp`,
    configured: {
      verifyToken: config.whatsapp.verifyToken !== undefined,
      appSecret: config.whatsapp.appSecret !== undefined,
      replies: config.whatsapp.accessToken !== undefined,
    },
    lastEventAt: last?.received_at.toISOString() ?? null,
    lastEventType: last ? `${last.kind}${last.type ? `:${last.type}` : ''}` : null,
    counts: Object.fromEntries(diagnostics.states.map((s) => [s.state, s.count])),
    outbox: Object.fromEntries(diagnostics.outbox.map((s) => [s.status, s.count])),
    echoes: { lastAt: echoes.lastAt?.toISOString() ?? null, count: echoes.count },
  }
}
