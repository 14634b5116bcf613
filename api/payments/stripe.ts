import Stripe from 'stripe'
import { type OrderStatus, PAYABLE_STATUSES } from '../../core/order-status.ts'
import type { DbOrTrx } from '../../db/database.ts'
import { countRateLimitHit } from '../../db/rate-limits.queries.ts'
import type { OrderRow } from '../../db/schema/orders.ts'
import {
  claimStripeCheckoutSession,
  findLiveStripeCheckoutSession,
  holdStripeCheckoutSession,
  saveStripeCheckoutSession,
} from '../../db/stripe-checkout-sessions.queries.ts'
import type { AppConfig, StripeSettings } from '../config.ts'
import { toStripeAmount } from './stripe-amount.ts'

const MINUTE = 60_000
/** A session is shown only while the shopper has at least this long left to pay. */
const FRESH_FOR_MS = 5 * MINUTE
/** How long one process may take to ask Stripe for a session before another may try. */
const CLAIM_MS = 15_000
/** After Stripe failed, how long page views show no pay button rather than ask again. */
const RETRY_AFTER_FAILURE_MS = 30_000
/** Stripe accepts Checkout Sessions that expire 30 minutes to 24 hours after creation. */
const SESSION_MIN_MS = 31 * MINUTE
const SESSION_MAX_MS = 24 * 60 * MINUTE
/** A page waits this long for Stripe at most, then renders without the pay button. */
const STRIPE_TIMEOUT_MS = 5_000

/** Languages of Stripe Checkout among the shop locales; others let Stripe pick (`auto`). */
const CHECKOUT_LOCALES: ReadonlySet<string> = new Set(['en', 'fr', 'es', 'it', 'pt', 'de'])

type CheckoutLocale = Stripe.Checkout.SessionCreateParams.Locale

const clients = new WeakMap<StripeSettings, Stripe>()

/**
 * The official client for these settings (one per configuration): `STRIPE_API_URL`, when set,
 * becomes the client's `host`, `port` and `protocol`.
 */
export function stripeClient(settings: StripeSettings): Stripe {
  let client = clients.get(settings)
  if (!client) {
    const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined
    client = new Stripe(settings.secretKey, {
      maxNetworkRetries: 0,
      timeout: STRIPE_TIMEOUT_MS,
      telemetry: false,
      appInfo: { name: 'Chatcart' },
      ...(api
        ? {
            host: api.hostname,
            port: api.port || (api.protocol === 'https:' ? 443 : 80),
            protocol: api.protocol === 'https:' ? 'https' : 'http',
          }
        : {}),
    })
    clients.set(settings, client)
  }
  return client
}

/** Whether Stripe can charge in `currency` (ISO 4217, any case). */
export function stripeSupportsCurrency(currency: string): boolean {
  return toStripeAmount(1000, currency) !== null
}

/** What a Checkout Session is made from. */
export interface StripeCheckoutOrder {
  id: string
  shopId: string
  shopName: string
  code: string
  token: string
  status: OrderStatus
  /** In the currency's ISO 4217 minor units. */
  total: number
  currency: string
  locale: string
  /** When a pending order lapses, if it does. */
  expiresAt: Date | null
}

/** The order a public page loaded (`findPublicOrder`), as a Checkout Session is made from it. */
export function stripeCheckoutOrder(order: OrderRow & { shop_name: string }): StripeCheckoutOrder {
  return {
    id: order.id,
    shopId: order.shop_id,
    shopName: order.shop_name,
    code: order.code,
    token: order.token,
    status: order.status,
    total: order.total,
    currency: order.currency,
    locale: order.locale,
    expiresAt: order.expires_at,
  }
}

/**
 * The Stripe Checkout page of the order, or null when it has none to offer now (Stripe not
 * configured, an order not payable, an amount Stripe cannot charge, Stripe unreachable, or the
 * visitor asked for too many new sessions). Made on first need and reused while it is open: an
 * order has at most one live session, and only one process asks Stripe for it at a time.
 * `clientKey` (the visitor's address) bounds how many new sessions one visitor may cause.
 */
export async function stripeCheckoutUrl(
  db: DbOrTrx,
  config: AppConfig,
  order: StripeCheckoutOrder,
  clientKey: string,
): Promise<string | null> {
  const settings = config.stripe
  if (!settings || !PAYABLE_STATUSES.has(order.status)) return null
  const amount = toStripeAmount(order.total, order.currency)
  if (amount === null) return null

  const live = await findLiveStripeCheckoutSession(db, order.id, FRESH_FOR_MS)
  if (live?.url) return live.url
  // A session closes when the pending order lapses, so nobody pays a lapsed order; Stripe's
  // shortest session is 30 minutes, so an order lapsing sooner gets none.
  const now = Date.now()
  if (order.expiresAt && order.expiresAt.getTime() < now + SESSION_MIN_MS) return null

  const { limit, windowMs } = config.publicRateLimits.orders
  const hits = await countRateLimitHit(db, `stripe-checkout:${clientKey}`, windowMs)
  if (hits.count > limit) return null

  const claimed = await claimStripeCheckoutSession(db, {
    orderId: order.id,
    shopId: order.shopId,
    leaseMs: CLAIM_MS,
    freshForMs: FRESH_FOR_MS,
  })
  if (!claimed) {
    // Another request is asking Stripe right now (or Stripe failed moments ago).
    const other = await findLiveStripeCheckoutSession(db, order.id, FRESH_FOR_MS)
    return other?.url ?? null
  }

  const session = await createStripeSession(db, config, settings, order, amount, now)
  if (!session) return null
  await saveStripeCheckoutSession(db, {
    orderId: order.id,
    sessionId: session.id,
    url: session.url,
    expiresAt: new Date(session.expires_at * 1000),
  })
  return session.url
}

/**
 * Asks Stripe for the order's Checkout Session, open until the order lapses (or Stripe's
 * longest session). Null when Stripe fails: then page views leave Stripe alone for a while.
 */
async function createStripeSession(
  db: DbOrTrx,
  config: AppConfig,
  settings: StripeSettings,
  order: StripeCheckoutOrder,
  amount: number,
  now: number,
): Promise<(Stripe.Checkout.Session & { url: string }) | null> {
  const until = Math.min(
    order.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
    now + SESSION_MAX_MS,
  )
  const orderUrl = `${config.publicUrl}/o/${order.token}`
  const language = order.locale.split('-')[0] ?? 'en'
  try {
    const session = await stripeClient(settings).checkout.sessions.create({
      mode: 'payment',
      client_reference_id: order.id,
      metadata: { order_code: order.code },
      payment_intent_data: { metadata: { order_code: order.code } },
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: order.currency.toLowerCase(),
            unit_amount: amount,
            product_data: { name: `${order.shopName} · ${order.code}` },
          },
        },
      ],
      locale: CHECKOUT_LOCALES.has(language) ? (language as CheckoutLocale) : 'auto',
      expires_at: Math.floor(until / 1000),
      success_url: orderUrl,
      cancel_url: orderUrl,
    })
    if (!session.url) throw new Error(`session ${session.id} came without a url`)
    return session as Stripe.Checkout.Session & { url: string }
  } catch (error) {
    // Stripe away, slow or refusing: the page renders without the pay button, and page views
    // leave Stripe alone for a while.
    await holdStripeCheckoutSession(db, order.id, RETRY_AFTER_FAILURE_MS)
    if (config.log) {
      const message = error instanceof Error ? error.message : String(error)
      console.error(
        JSON.stringify({ level: 'error', area: 'stripe', order: order.code, error: message }),
      )
    }
    return null
  }
}

/** The order page's Stripe method: the pay button's address. */
export interface StripePaymentEntry {
  type: 'stripe'
  checkoutUrl: string
}

/**
 * The stripe entry of an order's `payment.methods`, or null (no pay button) when there is no
 * Checkout page to offer now; see {@link stripeCheckoutUrl}.
 */
export async function stripePaymentEntry(
  db: DbOrTrx,
  config: AppConfig,
  order: StripeCheckoutOrder,
  clientKey: string,
): Promise<StripePaymentEntry | null> {
  const checkoutUrl = await stripeCheckoutUrl(db, config, order, clientKey)
  return checkoutUrl ? { type: 'stripe', checkoutUrl } : null
}

/**
 * Why a shop in `currency` cannot enable `{type: 'stripe'}`, or null: this server has no Stripe
 * keys, or Stripe does not charge the currency. For a 400 naming the method's `type`.
 * @example stripeSettingsProblem(config, 'EUR') // null when STRIPE_* are set
 */
export function stripeSettingsProblem(
  config: AppConfig,
  currency: string,
): { code: string; message: string } | null {
  if (!config.stripe) {
    return {
      code: 'stripe_not_configured',
      message: 'Stripe payments need STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET on this server',
    }
  }
  if (!stripeSupportsCurrency(currency)) {
    return {
      code: 'unsupported_currency',
      message: `stripe payments are not available for ${currency}`,
    }
  }
  return null
}
