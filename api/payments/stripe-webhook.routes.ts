import { Hono } from 'hono'
import type Stripe from 'stripe'
import type { Db } from '../../db/database.ts'
import { findOrderByIdAndCode } from '../../db/stripe-checkout-sessions.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { limitBody } from '../middleware/body-limit.ts'
import { markOrderPaid } from '../orders/mark-paid.ts'
import { uuidParam } from '../validate.ts'
import { stripeClient } from './stripe.ts'
import { fromStripeAmount } from './stripe-amount.ts'

/** Stripe's events are a few kilobytes; anything far larger is not one. */
export const STRIPE_WEBHOOK_MAX_BYTES = 512 * 1024

/** The events that say a Checkout Session's money has arrived. */
const PAID_EVENTS: ReadonlySet<string> = new Set([
  'checkout.session.completed',
  // Delayed methods (bank debits, vouchers) complete unpaid and succeed later.
  'checkout.session.async_payment_succeeded',
])

/**
 * `POST /webhooks/stripe`: events signed with the endpoint's secret. A paid Checkout Session marks
 * its order paid, once however often Stripe delivers it; every other event is acknowledged and
 * ignored.
 */
export function stripeWebhookRoutes() {
  const routes = new Hono<AppEnv>()

  routes.post('/webhooks/stripe', limitBody(STRIPE_WEBHOOK_MAX_BYTES), async (c) => {
    const settings = c.var.config.stripe
    // Without the secret nothing can be verified: the endpoint is not there (Stripe retries).
    if (!settings) throw new AppError(404, 'not_found', 'Stripe payments are not configured')
    const signature = c.req.header('stripe-signature')
    if (!signature) {
      throw new AppError(
        400,
        'invalid_signature',
        'Stripe-Signature is missing',
        'Stripe-Signature',
      )
    }
    // The signature covers the exact bytes Stripe sent, so they are read before any parsing.
    const raw = Buffer.from(await c.req.arrayBuffer())
    let event: Stripe.Event
    try {
      event = await stripeClient(settings).webhooks.constructEventAsync(
        raw,
        signature,
        settings.webhookSecret,
      )
    } catch {
      throw new AppError(
        400,
        'invalid_signature',
        'Stripe-Signature does not match the body, or is too old',
        'Stripe-Signature',
      )
    }
    if (PAID_EVENTS.has(event.type)) {
      await payOrderOfSession(c.var.db, event.data.object as Stripe.Checkout.Session)
    }
    return c.json({ received: true })
  })

  return routes
}

/**
 * Marks paid the order a paid session was made for: found by its id (`client_reference_id`) and
 * its code (`metadata.order_code`) together. A session of no order of ours changes nothing.
 */
async function payOrderOfSession(db: Db, session: Stripe.Checkout.Session): Promise<void> {
  if (session.object !== 'checkout.session' || session.payment_status !== 'paid') return
  const orderId = session.client_reference_id
  const code = session.metadata?.order_code
  if (!orderId || !uuidParam.safeParse(orderId).success || !code) return
  const order = await findOrderByIdAndCode(db, orderId, code)
  if (!order) return
  const intent = session.payment_intent
  const reference = (typeof intent === 'string' ? intent : intent?.id) ?? session.id
  const currency = (session.currency ?? order.currency).toUpperCase()
  // Locked and moved once: of concurrent deliveries of the event, one marks it paid.
  await markOrderPaid(db, {
    shopId: order.shop_id,
    orderId: order.id,
    method: 'stripe',
    reference,
    amount: fromStripeAmount(session.amount_total ?? 0, currency),
    currency,
    actor: 'stripe',
  })
}
