import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { normalizeOrderCode } from '../../core/order-code.ts'
import { buildWhatsAppUrl } from '../../core/order-message.ts'
import { canMoveOrder } from '../../core/order-status.ts'
import { byStockLockOrder } from '../../core/stock-lock-order.ts'
import { localDayBounds } from '../../core/time-slots.ts'
import {
  findPublicOrder,
  findShopOrderByCode,
  insertOrderEvent,
  listItemsOfOrders,
  listOrderEvents,
  listOrderItems,
  listShopOrders,
  returnStock,
  updateOrderStatus,
} from '../../db/orders.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { clientIp } from '../middleware/client-ip.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { readJson, readQuery, uuidParam } from '../validate.ts'
import { CheckoutBusy, checkout } from './checkout.ts'
import { markOrderPaid } from './mark-paid.ts'
import { orderEventJson, ownerOrderJson, publicOrderJson } from './order-json.ts'
import { markPaidSchema, orderPayment } from './order-payment.ts'
import { listOrdersQuerySchema, placeOrderSchema, updateOrderSchema } from './order-schema.ts'
import { OrderingCache } from './ordering-cache.ts'
import { TooManyOrders } from './place-order.ts'

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/
const TOKEN = /^[A-Za-z0-9_-]{22,64}$/
const DEFAULT_PAGE_SIZE = 20

/** Checkout (`POST /api/shops/:slug/orders`), the shopper's order status and the owner's orders. */
export function orderRoutes() {
  const routes = new Hono<AppEnv>()

  // Checkout is public and reads no cookies, so the widget may call it from any site.
  const checkoutCors = cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    maxAge: 600,
  })
  // The process's copy of what checkout prices from (checked by every write).
  const orderingCache = new OrderingCache()
  routes.options('/api/shops/:slug/orders', checkoutCors)
  routes.post('/api/shops/:slug/orders', checkoutCors, async (c) => {
    const body = await readJson(c, placeOrderSchema)
    const key = c.req.header('idempotency-key')
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalidField('Idempotency-Key', 'Use 1 to 255 visible ASCII characters')
    }
    // Per client address, limits from AppConfig.publicRateLimits (read per request, so tests
    // and deployments set them), counted in the order's own statement: an anonymous visitor
    // cannot hold a shop's stock with order after order.
    const answer = await checkout(c.var.db, orderingCache, {
      slug: c.req.param('slug'),
      body,
      idempotencyKey: key,
      rateLimit: { key: `checkout:${clientIp(c)}`, ...c.var.config.publicRateLimits.orders },
      publicUrl: c.var.config.publicUrl,
    }).catch((error: unknown) => {
      if (error instanceof TooManyOrders) {
        c.header('Retry-After', String(error.retryAfterSeconds))
      }
      if (error instanceof CheckoutBusy) c.header('Retry-After', '1')
      throw error
    })
    if (answer.replayed) c.header('Idempotent-Replayed', 'true')
    c.header('Cache-Control', 'no-store')
    return c.json(answer.body, answer.status === 200 ? 200 : 201)
  })

  routes.get('/api/orders/:token', async (c) => {
    const token = c.req.param('token')
    const order = TOKEN.test(token) ? await findPublicOrder(c.var.db, token) : undefined
    if (!order) throw notFound('Order')
    const items = await listOrderItems(c.var.db, order.id)
    const payment = await orderPayment(
      c.var.db,
      c.var.config,
      order,
      order.shop_payments,
      clientIp(c),
    )
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    return c.json({
      ...publicOrderJson(order, items, buildWhatsAppUrl(order.shop_phone, order.message)),
      payment,
    })
  })

  routes.get('/api/shops/:slug/orders', requireOwnedShop(), async (c) => {
    const query = readQuery(c, listOrdersQuerySchema)
    if (query.cursor !== undefined && query.page !== undefined) {
      throw invalidField('cursor', 'Give either cursor or page, not both')
    }
    if (query.cursor !== undefined && !uuidParam.safeParse(query.cursor).success) {
      throw invalidField('cursor', 'Not a cursor from a previous page')
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE
    const rows = await listShopOrders(c.var.db, {
      shopId: c.var.shop.id,
      status: query.status,
      q: query.q,
      slotsBetween: query.day ? localDayBounds(query.day, c.var.shop.timezone) : undefined,
      limit,
      afterId: query.cursor,
      offset: query.page ? (query.page - 1) * limit : 0,
    })
    const orders = rows.slice(0, limit)
    const items = await listItemsOfOrders(
      c.var.db,
      orders.map((o) => o.id),
    )
    const last = orders.at(-1)
    return c.json({
      orders: orders.map((order) =>
        ownerOrderJson(
          order,
          items.filter((item) => item.order_id === order.id),
        ),
      ),
      nextCursor: rows.length > limit && last ? last.id : null,
      ...(query.page ? { page: query.page } : {}),
    })
  })

  routes.get('/api/shops/:slug/orders/:code', requireOwnedShop(), async (c) => {
    const code = normalizeOrderCode(c.req.param('code'))
    const order = code ? await findShopOrderByCode(c.var.db, c.var.shop.id, code) : undefined
    if (!order) throw notFound('Order')
    const [items, events] = await Promise.all([
      listOrderItems(c.var.db, order.id),
      listOrderEvents(c.var.db, order.id),
    ])
    return c.json({ ...ownerOrderJson(order, items), events: events.map(orderEventJson) })
  })

  routes.patch('/api/shops/:slug/orders/:code', requireOwnedShop(), async (c) => {
    const code = normalizeOrderCode(c.req.param('code'))
    const input = await readJson(c, updateOrderSchema)
    const { shop, merchant } = c.var
    const result = await c.var.db.transaction().execute(async (trx) => {
      const order = code ? await findShopOrderByCode(trx, shop.id, code, { forUpdate: true }) : null
      if (!order) throw notFound('Order')
      if (!canMoveOrder(order.status, input.status)) {
        throw new AppError(
          409,
          'invalid_transition',
          `An order that is ${order.status} cannot become ${input.status}`,
          'status',
        )
      }
      const items = await listOrderItems(trx, order.id)
      // A revived order flagged out of stock took no units back: it has none to return.
      if (input.status === 'cancelled' && !order.out_of_stock_on_revival) {
        // The lock order of checkout, so a cancel and an order cannot deadlock.
        const rows = items.map((item) => ({
          productId: item.product_id,
          variantId: item.variant_id,
          quantity: item.quantity,
        }))
        for (const row of byStockLockOrder(rows)) await returnStock(trx, row, row.quantity)
      }
      const updated = await updateOrderStatus(trx, order.id, input.status)
      await insertOrderEvent(trx, {
        shop_id: shop.id,
        order_id: order.id,
        type: 'status_changed',
        from_status: order.status,
        to_status: input.status,
        actor: `merchant:${merchant.id}`,
        data: null,
      })
      const events = await listOrderEvents(trx, order.id)
      return { ...ownerOrderJson(updated, items), events: events.map(orderEventJson) }
    })
    return c.json(result)
  })

  // "Mark paid": how the money came (and, if known, its reference and amount), once.
  routes.post('/api/shops/:slug/orders/:code/payment', requireOwnedShop(), async (c) => {
    const code = normalizeOrderCode(c.req.param('code'))
    const input = await readJson(c, markPaidSchema)
    const { shop, merchant } = c.var
    const order = code ? await findShopOrderByCode(c.var.db, shop.id, code) : undefined
    if (!order) throw notFound('Order')
    const { changed } = await markOrderPaid(c.var.db, {
      shopId: shop.id,
      orderId: order.id,
      method: input.method,
      reference: input.reference ?? null,
      amount: input.amount ?? null,
      actor: `merchant:${merchant.id}`,
    })
    if (!changed) {
      throw new AppError(
        409,
        'invalid_transition',
        `An order that is ${order.status} cannot become paid`,
        'status',
      )
    }
    const updated = await findShopOrderByCode(c.var.db, shop.id, order.code)
    if (!updated) throw notFound('Order')
    const [items, events] = await Promise.all([
      listOrderItems(c.var.db, order.id),
      listOrderEvents(c.var.db, order.id),
    ])
    return c.json({ ...ownerOrderJson(updated, items), events: events.map(orderEventJson) })
  })

  return routes
}
