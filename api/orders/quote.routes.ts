import { Hono } from 'hono'
import { cors } from 'hono/cors'
import type { z } from 'zod'
import { findOrderingContext } from '../../db/orders.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { notFound } from '../errors.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import { readJson } from '../validate.ts'
import { resolveDiscount } from './checkout.ts'
import { placeOrderSchema } from './order-schema.ts'
import { priceOrder } from './place-order.ts'

/** The cart part of checkout's body: what a quote prices. */
export const quoteSchema = placeOrderSchema.pick({
  items: true,
  shippingMethodId: true,
  discountCode: true,
  deliveryArea: true,
})
export type QuoteBody = z.infer<typeof quoteSchema>

/**
 * `POST /api/shops/:slug/quote`: what checkout would charge for a cart, for the storefront to
 * show the saving of a discount code or the amount missing for the minimum before sending. The
 * same refusals as checkout (400/409 naming the field), except that a cart below the minimum
 * is priced and answered with `missingForMinimum`. Nothing is written but the rate-limit hit.
 */
export function quoteRoutes() {
  const routes = new Hono<AppEnv>()
  const quoteCors = cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type'],
    maxAge: 600,
  })
  routes.options('/api/shops/:slug/quote', quoteCors)
  routes.post(
    '/api/shops/:slug/quote',
    quoteCors,
    (c, next) => rateLimit({ name: 'quote', ...c.var.config.publicRateLimits.orders })(c, next),
    async (c) => {
      const body = await readJson(c, quoteSchema)
      const skus = [...new Set(body.items.map((item) => item.sku))]
      const context = await findOrderingContext(
        c.var.db,
        c.req.param('slug'),
        skus,
        body.shippingMethodId ?? null,
      )
      if (!context) throw notFound('Shop')
      const discount = body.discountCode
        ? await resolveDiscount(c.var.db, context.shop.id, body.discountCode, context.skus)
        : null
      // No customer yet: the address a method needs is asked for at checkout, not here.
      const input = { ...body, customer: { name: 'quote', address: 'quote' } }
      const priced = priceOrder(context.shop, input, context, discount, new Date(), true)
      c.header('Cache-Control', 'no-store')
      return c.json({
        subtotal: priced.totals.subtotal,
        discountTotal: priced.totals.discountTotal,
        shippingTotal: priced.totals.shippingTotal,
        total: priced.totals.total,
        discountCode: priced.discount?.code ?? null,
        missingForMinimum: priced.missingForMinimum,
      })
    },
  )
  return routes
}
