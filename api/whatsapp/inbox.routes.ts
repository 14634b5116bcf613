import { Hono } from 'hono'
import { z } from 'zod'
import { normalizeOrderCode } from '../../core/order-code.ts'
import type { InboundMessageRow } from '../../db/inbound-messages.queries.ts'
import {
  findShopInboundMessage,
  linkInboundMessage,
  listInboxMessages,
  listOrderMessages,
  whatsappDiagnostics,
} from '../../db/inbox.queries.ts'
import { findShopOrderByCode, listOrderItems } from '../../db/orders.queries.ts'
import { lastEchoOfShop, listMerchantEchoes } from '../../db/whatsapp-business.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson, uuidParam } from '../validate.ts'
import {
  inboundMessageJson,
  inboxMessageJson,
  orderSummaryJson,
  whatsappDiagnosticJson,
} from './inbox-json.ts'
import { queueConfirmation } from './outbox.ts'
import { messageSchema } from './payload.ts'
import { applyMessageToOrder, customerOf } from './process.ts'
import { createWhatsAppOrder } from './whatsapp-order.ts'

const linkSchema = z.strictObject({ orderCode: z.string().min(1).max(40) })

const createOrderSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        sku: z.string().trim().min(1).max(100),
        quantity: z.number().int().min(1).max(999),
      }),
    )
    .min(1)
    .max(100)
    .optional(),
  customerName: z.string().trim().min(1).max(200).optional(),
  note: z.string().max(1000).optional(),
})

const INBOX_LIMIT = 200
/** Messages from the WhatsApp Business app shown beside the inbox. */
const APP_MESSAGES_LIMIT = 20

function messageIdParam(value: string | undefined): string {
  const id = uuidParam.safeParse(value)
  if (!id.success) throw notFound('Message')
  return id.data
}

/** The message's WhatsApp payload when it is a message we can read. */
function readableMessage(row: InboundMessageRow) {
  const parsed = messageSchema.safeParse(row.payload)
  return parsed.success ? parsed.data : null
}

function assertInInbox(row: InboundMessageRow | undefined): InboundMessageRow {
  if (!row) throw notFound('Message')
  if (row.state !== 'unmatched') {
    throw new AppError(409, 'not_in_inbox', 'This message is already linked to an order')
  }
  return row
}

/** The merchant's side of WhatsApp: inbox, linking, order timelines and diagnostics. */
export function whatsappInboxRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/api/shops/:slug/inbox', requireOwnedShop(), async (c) => {
    const rows = await listInboxMessages(c.var.db, c.var.shop.id, INBOX_LIMIT)
    return c.json({
      messages: rows.map(inboxMessageJson),
      // What the merchant wrote from the WhatsApp Business app on the same number, read-only.
      fromApp: (await listMerchantEchoes(c.var.db, c.var.shop.id, APP_MESSAGES_LIMIT)).map(
        inboundMessageJson,
      ),
    })
  })

  routes.post('/api/shops/:slug/inbox/:id/link', requireOwnedShop(), async (c) => {
    const id = messageIdParam(c.req.param('id'))
    const input = await readJson(c, linkSchema)
    const code = normalizeOrderCode(input.orderCode)
    if (!code) throw invalidField('orderCode', 'Not an order code')
    const { shop, merchant, config } = c.var
    const result = await c.var.db.transaction().execute(async (trx) => {
      const row = assertInInbox(await findShopInboundMessage(trx, shop.id, id))
      const order = await findShopOrderByCode(trx, shop.id, code, { forUpdate: true })
      if (!order) throw new AppError(404, 'not_found', 'Order not found', 'orderCode')
      const outcome = await applyMessageToOrder(trx, config, {
        row,
        message: readableMessage(row),
        order,
        method: 'manual',
        actor: `merchant:${merchant.id}`,
      })
      await linkInboundMessage(trx, row.id, {
        state: outcome.state,
        orderId: order.id,
        matchMethod: 'manual',
      })
      const linked = await findShopOrderByCode(trx, shop.id, code)
      const updated = await findShopInboundMessage(trx, shop.id, id)
      return { order: linked ?? order, message: updated ?? row }
    })
    const items = await listOrderItems(c.var.db, result.order.id)
    return c.json({
      message: inboundMessageJson(result.message),
      order: orderSummaryJson(result.order, items),
    })
  })

  routes.post('/api/shops/:slug/inbox/:id/create-order', requireOwnedShop(), async (c) => {
    const id = messageIdParam(c.req.param('id'))
    const input = await readJson(c, createOrderSchema)
    const { shop, merchant, config } = c.var
    const order = await c.var.db.transaction().execute(async (trx) => {
      const row = assertInInbox(await findShopInboundMessage(trx, shop.id, id))
      const message = readableMessage(row)
      const cart = message?.order?.product_items.map((item) => ({
        sku: item.product_retailer_id,
        quantity: item.quantity,
        itemPrice: item.item_price,
        currency: item.currency,
      }))
      const lines = input.items ?? cart
      if (!lines || lines.length === 0) {
        throw new AppError(
          400,
          'required',
          'items is required for a message without a cart',
          'items',
        )
      }
      const customer = customerOf(row)
      const { order } = await createWhatsAppOrder(trx, config, {
        shop,
        lines,
        customer: { ...customer, name: input.customerName ?? customer.name },
        note: input.note ?? message?.order?.text ?? null,
        messageId: row.wa_message_id ?? row.id,
        method: 'manual',
        actor: `merchant:${merchant.id}`,
        refuseOddLines: input.items !== undefined,
      })
      await queueConfirmation(trx, config.whatsapp, {
        order,
        toWaId: row.from_wa_id,
        toUserId: row.from_user_id,
        replyTo: row.wa_message_id,
      })
      await linkInboundMessage(trx, row.id, {
        state: 'matched',
        orderId: order.id,
        matchMethod: 'manual',
      })
      return order
    })
    const items = await listOrderItems(c.var.db, order.id)
    return c.json(orderSummaryJson(order, items), 201)
  })

  routes.get('/api/shops/:slug/orders/:code/messages', requireOwnedShop(), async (c) => {
    const code = normalizeOrderCode(c.req.param('code'))
    const order = code ? await findShopOrderByCode(c.var.db, c.var.shop.id, code) : undefined
    if (!order) throw notFound('Order')
    const { inbound, outbound } = await listOrderMessages(c.var.db, c.var.shop.id, order.id)
    const messages = [
      ...inbound.map((m) => ({
        // The merchant's own messages from the WhatsApp Business app are outgoing too.
        direction: m.outgoing ? ('out' as const) : ('in' as const),
        id: m.id,
        waMessageId: m.wa_message_id,
        type: m.type,
        body: m.body,
        source: m.kind === 'history' ? 'history' : m.outgoing ? 'business_app' : 'customer',
        editedAt: m.edited_at?.toISOString() ?? null,
        revoked: m.revoked_at !== null,
        profileName: m.profile_name,
        state: m.state,
        matchMethod: m.match_method,
        at: (m.sent_at ?? m.received_at).toISOString(),
      })),
      ...outbound.map((m) => {
        const text = (m.payload as { text?: { body?: unknown } } | null)?.text?.body
        return {
          direction: 'out' as const,
          id: m.id,
          waMessageId: m.wa_message_id,
          type: m.kind,
          body: typeof text === 'string' ? text : null,
          status: m.status,
          attempts: m.attempts,
          error: m.last_error,
          at: m.created_at.toISOString(),
        }
      }),
    ].sort((a, b) => a.at.localeCompare(b.at))
    return c.json({ messages })
  })

  routes.get('/api/shops/:slug/whatsapp', requireOwnedShop(), async (c) => {
    const { shop, config } = c.var
    const phoneNumberId = shop.whatsapp_phone_number_id
    const diagnostics = await whatsappDiagnostics(c.var.db, shop.id, phoneNumberId)
    const echoes = await lastEchoOfShop(c.var.db, shop.id)
    return c.json(whatsappDiagnosticJson({ phoneNumberId, config, diagnostics, echoes }))
  })

  return routes
}
