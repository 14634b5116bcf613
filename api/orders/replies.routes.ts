import { Hono } from 'hono'
import { z } from 'zod'
import { normalizeOrderCode } from '../../core/order-code.ts'
import { howToPayLine } from '../../core/order-message.ts'
import {
  REPLY_KINDS,
  type ReplyKind,
  replyKindsFor,
  replyText,
  replyWhatsAppUrl,
} from '../../core/reply-templates.ts'
import { findShopOrderByCode, insertOrderEvent, listOrderEvents } from '../../db/orders.queries.ts'
import type { OrderRow } from '../../db/schema/orders.ts'
import type { ShopRow } from '../../db/schema/shops.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson, readQuery } from '../validate.ts'
import { orderEventJson } from './order-json.ts'

/** The order event a tap on a one-tap reply records. */
export const REPLY_TAPPED = 'reply_tapped'

const trackingUrl = z
  .url({ protocol: /^https?$/, error: 'an http(s) address' })
  .max(2000)
  .optional()
const repliesQuerySchema = z.strictObject({ trackingUrl })
const tapBodySchema = z.strictObject({ trackingUrl })

/** One ready reply: its words and the wa.me link to the customer (null: copy the text). */
export function orderReply(
  shop: Pick<ShopRow, 'name' | 'payments'>,
  order: OrderRow,
  kind: ReplyKind,
  options: { publicUrl: string; trackingUrl?: string | null },
) {
  const orderUrl = `${options.publicUrl}/o/${order.token}`
  const methods = shop.payments.map((m) => m.type)
  const text = replyText({
    kind,
    locale: order.locale,
    code: order.code,
    customerName: order.customer_profile_name ?? order.customer_name,
    shopName: shop.name,
    total: order.total,
    currency: order.currency,
    orderUrl,
    // The same line as the order message: the shop's methods and the page with their codes.
    howToPay:
      kind === 'payment' && methods.length > 0
        ? howToPayLine(order.locale, methods, orderUrl)
        : null,
    trackingUrl: kind === 'shipped' ? options.trackingUrl : null,
  })
  // The number the customer wrote from, else the one typed at checkout.
  return {
    kind,
    text,
    whatsappUrl: replyWhatsAppUrl(order.customer_wa_id ?? order.customer_phone, text),
  }
}

/**
 * Tier 0, no Cloud API: ready replies the merchant sends from their own WhatsApp in one tap
 * (`GET …/orders/:code/replies`), each tap recorded on the order's timeline
 * (`POST …/orders/:code/replies/:kind/tap`).
 */
export function replyRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/api/shops/:slug/orders/:code/replies', requireOwnedShop(), async (c) => {
    const query = readQuery(c, repliesQuerySchema)
    const code = normalizeOrderCode(c.req.param('code'))
    const order = code ? await findShopOrderByCode(c.var.db, c.var.shop.id, code) : undefined
    if (!order) throw notFound('Order')
    const options = { publicUrl: c.var.config.publicUrl, trackingUrl: query.trackingUrl }
    c.header('Cache-Control', 'no-store')
    return c.json(replyKindsFor(order.status).map((k) => orderReply(c.var.shop, order, k, options)))
  })

  routes.post('/api/shops/:slug/orders/:code/replies/:kind/tap', requireOwnedShop(), async (c) => {
    const kind = c.req.param('kind')
    if (!(REPLY_KINDS as readonly string[]).includes(kind)) {
      throw invalidField('kind', `Use one of ${REPLY_KINDS.join(', ')}`)
    }
    const body = c.req.header('content-type') ? await readJson(c, tapBodySchema) : {}
    const query = readQuery(c, repliesQuerySchema)
    const code = normalizeOrderCode(c.req.param('code'))
    const { shop, merchant } = c.var
    const result = await c.var.db.transaction().execute(async (trx) => {
      const order = code ? await findShopOrderByCode(trx, shop.id, code) : undefined
      if (!order) throw notFound('Order')
      if (!replyKindsFor(order.status).includes(kind as ReplyKind)) {
        throw new AppError(
          409,
          'not_applicable',
          `No ${kind} reply for an order that is ${order.status}`,
          'kind',
        )
      }
      const reply = orderReply(shop, order, kind as ReplyKind, {
        publicUrl: c.var.config.publicUrl,
        trackingUrl: body.trackingUrl ?? query.trackingUrl,
      })
      await insertOrderEvent(trx, {
        shop_id: shop.id,
        order_id: order.id,
        type: REPLY_TAPPED,
        from_status: null,
        to_status: null,
        actor: `merchant:${merchant.id}`,
        data: JSON.stringify({ kind, copied: reply.whatsappUrl === null }),
      })
      const events = await listOrderEvents(trx, order.id)
      return { ...reply, events: events.map(orderEventJson) }
    })
    return c.json(result, 201)
  })

  return routes
}
