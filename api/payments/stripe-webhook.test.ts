import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { STRIPE_WEBHOOK_MAX_BYTES } from './stripe-webhook.routes.ts'

const SECRET = 'whsec_test_chatcart'
// Only its webhook helpers are used: they sign test events as Stripe does.
const stripe = new Stripe('sk_test_chatcart')

describe.each(testEngines())('Stripe webhook (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let slug: string

  interface PlacedOrder {
    id: string
    code: string
    total: number
  }

  async function placeOrder(): Promise<PlacedOrder> {
    const res = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer: { name: 'Jane Doe' },
    })
    expect(res.status).toBe(201)
    return { id: res.body.id, code: res.body.code, total: res.body.total }
  }

  /** A `checkout.session.*` event for the order, as Stripe sends it. */
  function sessionEvent(order: PlacedOrder, session: Record<string, unknown> = {}, type?: string) {
    return JSON.stringify({
      id: `evt_test_${order.code}`,
      object: 'event',
      type: type ?? 'checkout.session.completed',
      api_version: '2025-01-27.acacia',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: `cs_test_${order.code}`,
          object: 'checkout.session',
          status: 'complete',
          payment_status: 'paid',
          client_reference_id: order.id,
          metadata: { order_code: order.code },
          amount_total: order.total,
          currency: 'eur',
          payment_intent: `pi_test_${order.code}`,
          ...session,
        },
      },
    })
  }

  function deliver(payload: string, signature?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (signature !== undefined) headers['stripe-signature'] = signature
    return client.request('POST', '/webhooks/stripe', payload, headers)
  }

  const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
    stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, ...options })

  async function orderState(orderId: string) {
    const order = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow()
    const paidEvents = await testDb.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('to_status', '=', 'paid')
      .execute()
    return { order, paidEvents }
  }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    client = new TestClient(
      createTestApp({
        db: testDb.db,
        config: { stripe: { secretKey: 'sk_test_chatcart', webhookSecret: SECRET } },
      }),
    )
    slug = await client.signupWithShop()
    const shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [{ sku: 'MUG', name: 'Mug', price: 1250 }])
  })

  afterAll(async () => {
    await testDb.destroy()
  })

  it('should mark the order paid by Stripe on a signed completed session', async () => {
    const order = await placeOrder()
    const payload = sessionEvent(order)
    const res = await deliver(payload, sign(payload))
    expect(res.status).toBe(200)
    const { order: row, paidEvents } = await orderState(order.id)
    expect(row.status).toBe('paid')
    expect(row.paid_method).toBe('stripe')
    expect(row.paid_reference).toBe(`pi_test_${order.code}`)
    expect(Number(row.paid_amount)).toBe(2500)
    expect(row.paid_at).toBeInstanceOf(Date)
    expect(paidEvents).toHaveLength(1)
    expect(paidEvents[0]).toMatchObject({
      type: 'status_changed',
      from_status: 'pending',
      actor: 'stripe',
      data: { method: 'stripe', reference: `pi_test_${order.code}`, amount: 2500, currency: 'EUR' },
    })
  })

  it('should mark the order paid once when the same event arrives 5 times at once', async () => {
    // Several orders, each event delivered 5 times, all at the same moment.
    const orders = await Promise.all(Array.from({ length: 6 }, () => placeOrder()))
    const deliveries = orders.flatMap((order) => {
      const payload = sessionEvent(order)
      const signature = sign(payload)
      return Array.from({ length: 5 }, () => deliver(payload, signature))
    })
    const answers = await Promise.all(deliveries)
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]))
    for (const order of orders) {
      const { order: row, paidEvents } = await orderState(order.id)
      expect(row.status).toBe('paid')
      expect(row.paid_method).toBe('stripe')
      expect(paidEvents).toHaveLength(1)
      expect(paidEvents[0]?.data).toMatchObject({ method: 'stripe' })
    }
    // And once more later, as Stripe retries.
    const [first] = orders
    if (!first) throw new Error('no order')
    const payload = sessionEvent(first)
    expect((await deliver(payload, sign(payload))).status).toBe(200)
    expect((await orderState(first.id)).paidEvents).toHaveLength(1)
  })

  it('should refuse a wrong, a stale or a missing signature and change nothing', async () => {
    const order = await placeOrder()
    const payload = sessionEvent(order)
    const wrong = await deliver(payload, sign(payload, { secret: 'whsec_someone_else' }))
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toMatchObject({ code: 'invalid_signature', field: 'Stripe-Signature' })
    // Signed with the right secret ten minutes ago: past the library's 5-minute tolerance.
    const stale = await deliver(
      payload,
      sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    )
    expect(stale.status).toBe(400)
    expect(stale.body.error.field).toBe('Stripe-Signature')
    // A body changed after signing.
    const tampered = await deliver(
      payload.replace(`"amount_total":${order.total}`, '"amount_total":1'),
      sign(payload),
    )
    expect(tampered.status).toBe(400)
    expect((await deliver(payload)).status).toBe(400)
    const { order: row, paidEvents } = await orderState(order.id)
    expect(row.status).toBe('pending')
    expect(row.paid_method).toBeNull()
    expect(paidEvents).toHaveLength(0)
  })

  it('should acknowledge and ignore other events, unpaid sessions and orders it does not know', async () => {
    const order = await placeOrder()
    const other = await placeOrder()
    const payloads = [
      sessionEvent(order, {}, 'checkout.session.expired'),
      sessionEvent(order, {}, 'payment_intent.succeeded'),
      sessionEvent(order, { payment_status: 'unpaid' }),
      // The id of one order with the code of another.
      sessionEvent(order, { metadata: { order_code: other.code } }),
      sessionEvent(order, { client_reference_id: 'not-an-order-id' }),
      sessionEvent(order, { client_reference_id: null }),
    ]
    for (const payload of payloads) {
      const res = await deliver(payload, sign(payload))
      expect(res.status).toBe(200)
    }
    for (const id of [order.id, other.id]) {
      const { order: row, paidEvents } = await orderState(id)
      expect(row.status).toBe('pending')
      expect(paidEvents).toHaveLength(0)
    }
  })

  it('should mark paid a delayed payment that succeeds later', async () => {
    const order = await placeOrder()
    const payload = sessionEvent(order, {}, 'checkout.session.async_payment_succeeded')
    expect((await deliver(payload, sign(payload))).status).toBe(200)
    expect((await orderState(order.id)).order.status).toBe('paid')
  })

  it('should refuse a body over the limit with 413', async () => {
    const payload = 'x'.repeat(STRIPE_WEBHOOK_MAX_BYTES + 1)
    const res = await deliver(payload, sign(payload))
    expect(res.status).toBe(413)
  })

  it('should answer 404 while Stripe is not configured', async () => {
    const bare = new TestClient(createTestApp({ db: testDb.db }))
    const order = await placeOrder()
    const payload = sessionEvent(order)
    const res = await bare.request('POST', '/webhooks/stripe', payload, {
      'content-type': 'application/json',
      'stripe-signature': sign(payload),
    })
    expect(res.status).toBe(404)
    expect((await orderState(order.id)).order.status).toBe('pending')
  })
})
