import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findPublicOrder } from '../../db/orders.queries.ts'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { type AppConfig, defaultConfig } from '../config.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import {
  stripeCheckoutOrder,
  stripeCheckoutUrl,
  stripePaymentEntry,
  stripeSettingsProblem,
} from './stripe.ts'
import { type StripeStandIn, startStripeStandIn, unreachableStripeUrl } from './stripe-stand-in.ts'

describe.each(testEngines())('Stripe Checkout Sessions (%s)', (engine) => {
  let testDb: TestDatabase
  let stripe: StripeStandIn
  let config: AppConfig
  let client: TestClient

  /** Places an order in a new shop of `currency` and returns it as the order page loads it. */
  async function placeOrder(currency: string, price: number, quantity = 2) {
    const slug = await client.signupWithShop(undefined, { currency })
    const shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [{ sku: 'MUG', name: 'Mug', price }])
    const res = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity }],
      customer: { name: 'Jane Doe' },
    })
    expect(res.status).toBe(201)
    const order = await findPublicOrder(testDb.db, res.body.token)
    if (!order) throw new Error('order not found')
    return order
  }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    stripe = await startStripeStandIn()
    const stripeSettings = {
      publicUrl: 'https://shop.example',
      stripe: { secretKey: 'sk_test_chatcart', webhookSecret: 'whsec_test', apiUrl: stripe.url },
    }
    client = new TestClient(createTestApp({ db: testDb.db, config: stripeSettings }))
    config = defaultConfig({
      ...stripeSettings,
      publicRateLimits: {
        ...defaultConfig().publicRateLimits,
        orders: { limit: 1000, windowMs: 60_000 },
      },
    })
  })

  afterAll(async () => {
    await stripe.close()
    await testDb.destroy()
  })

  it("should create a session with the order's amount, currency, id and code", async () => {
    const order = await placeOrder('EUR', 1250)
    const before = stripe.sessionRequests().length
    const url = await stripeCheckoutUrl(testDb.db, config, stripeCheckoutOrder(order), '192.0.2.1')
    expect(url).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/)
    const sent = stripe.sessionRequests().slice(before)
    expect(sent).toHaveLength(1)
    const form = sent[0]?.form
    expect(sent[0]?.headers.authorization).toBe('Bearer sk_test_chatcart')
    expect(form?.get('mode')).toBe('payment')
    expect(form?.get('line_items[0][price_data][unit_amount]')).toBe('2500')
    expect(form?.get('line_items[0][quantity]')).toBe('1')
    expect(form?.get('line_items[0][price_data][currency]')).toBe('eur')
    expect(form?.get('client_reference_id')).toBe(order.id)
    expect(form?.get('metadata[order_code]')).toBe(order.code)
    expect(form?.get('success_url')).toBe(`https://shop.example/o/${order.token}`)
    expect(form?.get('cancel_url')).toBe(`https://shop.example/o/${order.token}`)
    // Stripe closes the session no later than the pending order lapses.
    const expiresAt = Number(form?.get('expires_at'))
    expect(expiresAt * 1000).toBeLessThanOrEqual((order.expires_at?.getTime() ?? 0) + 1000)
  })

  it('should send a zero-decimal currency in whole units', async () => {
    const order = await placeOrder('JPY', 1500, 3)
    const before = stripe.sessionRequests().length
    await stripeCheckoutUrl(testDb.db, config, stripeCheckoutOrder(order), '192.0.2.1')
    const form = stripe.sessionRequests()[before]?.form
    expect(form?.get('line_items[0][price_data][unit_amount]')).toBe('4500')
    expect(form?.get('line_items[0][price_data][currency]')).toBe('jpy')
  })

  it('should reuse the live session of an order, and make a new one once it expired', async () => {
    const order = await placeOrder('EUR', 990)
    const before = stripe.sessionRequests().length
    const first = await stripeCheckoutUrl(
      testDb.db,
      config,
      stripeCheckoutOrder(order),
      '192.0.2.1',
    )
    const again = await stripeCheckoutUrl(
      testDb.db,
      config,
      stripeCheckoutOrder(order),
      '192.0.2.1',
    )
    expect(again).toBe(first)
    expect(stripe.sessionRequests().length - before).toBe(1)

    await testDb.db
      .updateTable('stripe_checkout_sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('order_id', '=', order.id)
      .execute()
    const renewed = await stripeCheckoutUrl(
      testDb.db,
      config,
      stripeCheckoutOrder(order),
      '192.0.2.1',
    )
    expect(renewed).not.toBe(first)
    expect(stripe.sessionRequests().length - before).toBe(2)
    const rows = await testDb.db
      .selectFrom('stripe_checkout_sessions')
      .selectAll()
      .where('order_id', '=', order.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]?.url).toBe(renewed)
  })

  it('should ask Stripe once when many visitors open the order page at once', async () => {
    const order = await placeOrder('EUR', 700)
    const before = stripe.sessionRequests().length
    const urls = await Promise.all(
      Array.from({ length: 8 }, () =>
        stripeCheckoutUrl(testDb.db, config, stripeCheckoutOrder(order), '192.0.2.1'),
      ),
    )
    expect(stripe.sessionRequests().length - before).toBe(1)
    const made = urls.filter((url) => url !== null)
    expect(made.length).toBeGreaterThanOrEqual(1)
    expect(new Set(made).size).toBe(1)
  })

  it('should stop making new sessions for a visitor over the limit', async () => {
    const limited = defaultConfig({
      ...config,
      publicRateLimits: { ...config.publicRateLimits, orders: { limit: 2, windowMs: 60_000 } },
    })
    const orders = [
      await placeOrder('EUR', 100),
      await placeOrder('EUR', 100),
      await placeOrder('EUR', 100),
    ]
    const urls = []
    for (const order of orders) {
      urls.push(
        await stripeCheckoutUrl(testDb.db, limited, stripeCheckoutOrder(order), '198.51.100.7'),
      )
    }
    expect(urls.map((url) => url !== null)).toEqual([true, true, false])
    // Another visitor still gets the third order's page.
    const other = await stripeCheckoutUrl(
      testDb.db,
      limited,
      stripeCheckoutOrder(orders[2] as (typeof orders)[number]),
      '198.51.100.8',
    )
    expect(other).not.toBeNull()
  })

  it('should offer no session for an order that cannot be paid, or without Stripe', async () => {
    const order = await placeOrder('EUR', 500)
    const before = stripe.sessionRequests().length
    const cancelled = { ...stripeCheckoutOrder(order), status: 'cancelled' as const }
    expect(await stripeCheckoutUrl(testDb.db, config, cancelled, '192.0.2.1')).toBeNull()
    const unconfigured = defaultConfig({ ...config, stripe: undefined })
    expect(
      await stripeCheckoutUrl(testDb.db, unconfigured, stripeCheckoutOrder(order), '192.0.2.1'),
    ).toBeNull()
    expect(stripe.sessionRequests().length).toBe(before)
  })

  it('should offer no session for a pending order that lapses within 30 minutes', async () => {
    const order = await placeOrder('EUR', 500)
    const before = stripe.sessionRequests().length
    const soon = { ...stripeCheckoutOrder(order), expiresAt: new Date(Date.now() + 20 * 60_000) }
    expect(await stripeCheckoutUrl(testDb.db, config, soon, '192.0.2.1')).toBeNull()
    const later = { ...stripeCheckoutOrder(order), expiresAt: new Date(Date.now() + 3_600_000) }
    expect(await stripeCheckoutUrl(testDb.db, config, later, '192.0.2.1')).not.toBeNull()
    const form = stripe.sessionRequests()[before]?.form
    expect(Number(form?.get('expires_at'))).toBe(Math.floor(later.expiresAt.getTime() / 1000))
  })

  it('should answer null, not throw, when Stripe cannot be reached, and not retry at once', async () => {
    const away = defaultConfig({
      ...config,
      stripe: {
        secretKey: 'sk_test_chatcart',
        webhookSecret: 'whsec_test',
        apiUrl: await unreachableStripeUrl(),
      },
    })
    const order = await placeOrder('EUR', 500)
    expect(
      await stripeCheckoutUrl(testDb.db, away, stripeCheckoutOrder(order), '192.0.2.1'),
    ).toBeNull()
    // Held back after the failure: even a reachable Stripe is not asked for a while.
    const before = stripe.sessionRequests().length
    expect(
      await stripeCheckoutUrl(testDb.db, config, stripeCheckoutOrder(order), '192.0.2.1'),
    ).toBeNull()
    expect(stripe.sessionRequests().length).toBe(before)
  })

  it('should give the stripe entry of payment methods only with a checkout page', async () => {
    const order = await placeOrder('EUR', 800)
    const entry = await stripePaymentEntry(
      testDb.db,
      config,
      stripeCheckoutOrder(order),
      '192.0.2.1',
    )
    expect(entry).toEqual({ type: 'stripe', checkoutUrl: expect.stringMatching(/^https:\/\//) })
    const paid = { ...stripeCheckoutOrder(order), status: 'paid' as const }
    expect(await stripePaymentEntry(testDb.db, config, paid, '192.0.2.1')).toBeNull()
  })

  it('should let a shop enable Stripe only when this server has keys and Stripe takes the currency', () => {
    expect(stripeSettingsProblem(config, 'EUR')).toBeNull()
    expect(stripeSettingsProblem(config, 'JPY')).toBeNull()
    expect(stripeSettingsProblem(config, 'IQD')?.code).toBe('unsupported_currency')
    const bare = defaultConfig({ stripe: undefined })
    expect(stripeSettingsProblem(bare, 'EUR')?.code).toBe('stripe_not_configured')
  })
})
