import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { paymentRequest } from '../../core/payments/payment-method.ts'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { parseCsv } from '../admin/csv.ts'
import { type StripeStandIn, startStripeStandIn } from '../payments/stripe-stand-in.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { markOrderPaid } from './mark-paid.ts'

const METHODS = [
  {
    currency: 'BRL',
    method: {
      type: 'pix',
      key: '52998224725',
      merchantName: 'Padaria São João',
      merchantCity: 'Recife',
    },
    field: 'brCode',
  },
  {
    currency: 'INR',
    method: { type: 'upi', vpa: 'shop@okaxis', payeeName: 'Chai' },
    field: 'upiUrl',
  },
  {
    currency: 'EUR',
    method: { type: 'sepa', iban: 'DE89370400440532013000', beneficiary: 'Klee' },
    field: 'epcQr',
  },
  {
    currency: 'SGD',
    method: { type: 'paynow', proxyType: 'uen', proxyValue: '201403121W', merchantName: 'ACME' },
    field: 'emvQr',
  },
  { currency: 'THB', method: { type: 'promptpay', id: '0812345678' }, field: 'emvQr' },
] as const

describe.each(testEngines())('order payment (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let stripe: StripeStandIn

  async function shopWithOrder(currency: string, payments: unknown[]) {
    const slug = await client.signupWithShop(undefined, { currency })
    const res = await client.patch(`/api/shops/${slug}`, { payments })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [{ sku: 'MUG', name: 'Mug', price: 1250 }])
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer: { name: 'Jane Doe' },
    })
    expect(placed.status).toBe(201)
    return { slug, shopId, order: placed.body }
  }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    stripe = await startStripeStandIn()
    client = new TestClient(
      createTestApp({
        db: testDb.db,
        config: {
          publicUrl: 'https://shop.example',
          stripe: { secretKey: 'sk_test_1', webhookSecret: 'whsec_1', apiUrl: stripe.url },
        },
      }),
    )
  })
  afterAll(async () => {
    await stripe.close()
    await testDb.destroy()
  })

  it.each(METHODS)(
    'should give the $method.type code of the order with $field',
    async ({ currency, method, field }) => {
      const { order } = await shopWithOrder(currency, [method, { type: 'cash' }])
      const res = await client.get(`/api/orders/${order.token}`)
      expect(res.status).toBe(200)
      expect(res.body.payment.status).toBe('unpaid')
      const [offered, cash] = res.body.payment.methods
      expect(cash).toEqual({ type: 'cash' })
      expect(offered.type).toBe(method.type)
      const payload: string = offered[field]
      // The amount (2 × 12.50) and the order code travel in the payload.
      expect(payload).toContain(order.code)
      expect(payload).toContain(method.type === 'sepa' ? 'EUR25' : '25.00')
      const expected = paymentRequest(
        method as never,
        { amount: 2500, currency, code: order.code },
        { expiresAt: new Date(res.body.expiresAt) },
      )
      expect(offered).toEqual(expected)
    },
  )

  it('should give bank instructions and a Stripe checkout page', async () => {
    const { order } = await shopWithOrder('EUR', [
      { type: 'bank', instructions: 'IBAN FR76 …, reference: your order code' },
      { type: 'stripe' },
    ])
    const res = await client.get(`/api/orders/${order.token}`)
    expect(res.body.payment).toEqual({
      status: 'unpaid',
      methods: [
        { type: 'bank', instructions: 'IBAN FR76 …, reference: your order code' },
        {
          type: 'stripe',
          checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\//),
        },
      ],
    })
    const sent = stripe.sessionRequests().at(-1)
    expect(sent?.form.get('metadata[order_code]')).toBe(order.code)
  })

  it('should say how a paid order was paid, to the shopper and the owner', async () => {
    const { order, slug, shopId } = await shopWithOrder('BRL', [METHODS[0].method])
    await markOrderPaid(testDb.db, {
      shopId,
      orderId: order.id,
      method: 'pix',
      reference: 'E2E-1',
      amount: 2000,
      actor: 'merchant:x',
    })
    const res = await client.get(`/api/orders/${order.token}`)
    expect(res.body.payment).toEqual({
      status: 'paid',
      method: 'pix',
      reference: 'E2E-1',
      amount: 2000,
      paidAt: expect.any(String),
    })
    const owner = await client.get(`/api/shops/${slug}/orders/${order.code}`)
    expect(owner.body.payment).toMatchObject({ status: 'paid', method: 'pix', amount: 2000 })
    expect(owner.body.paymentMismatch).toBe(true)
  })

  it('should offer nothing for a cancelled order and no mismatch while unpaid', async () => {
    const { order, slug } = await shopWithOrder('EUR', [{ type: 'cash' }])
    const owner = await client.get(`/api/shops/${slug}/orders/${order.code}`)
    expect(owner.body.payment).toEqual({ status: 'unpaid' })
    expect(owner.body.paymentMismatch).toBe(false)
    expect(
      (await client.patch(`/api/shops/${slug}/orders/${order.code}`, { status: 'cancelled' }))
        .status,
    ).toBe(200)
    const res = await client.get(`/api/orders/${order.token}`)
    expect(res.body.payment).toEqual({ status: 'unpaid', methods: [] })
  })

  it('should let the merchant mark an order paid once, with the method, reference and amount', async () => {
    const { order, slug } = await shopWithOrder('BRL', [METHODS[0].method, { type: 'cash' }])
    const bad = await client.post(`/api/shops/${slug}/orders/${order.code}/payment`, {
      method: 'gold',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('method')
    const negative = await client.post(`/api/shops/${slug}/orders/${order.code}/payment`, {
      method: 'pix',
      amount: -1,
    })
    expect(negative.body.error.field).toBe('amount')
    expect((await client.get(`/api/orders/${order.token}`)).body.status).toBe('pending')

    const res = await client.post(`/api/shops/${slug}/orders/${order.code}/payment`, {
      method: 'pix',
      reference: 'E0001',
      amount: 2500,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'paid',
      payment: { status: 'paid', method: 'pix', reference: 'E0001', amount: 2500 },
      paymentMismatch: false,
    })
    const paidEvents = res.body.events.filter((e: { toStatus: string }) => e.toStatus === 'paid')
    expect(paidEvents).toHaveLength(1)
    expect(paidEvents[0].data).toMatchObject({ method: 'pix', reference: 'E0001', amount: 2500 })
    const again = await client.post(`/api/shops/${slug}/orders/${order.code}/payment`, {
      method: 'cash',
    })
    expect(again.status).toBe(409)
    const owner = await client.get(`/api/shops/${slug}/orders/${order.code}`)
    expect(owner.body.payment.method).toBe('pix')

    const csv = await client.get(`/api/shops/${slug}/orders.csv?status=paid`)
    const [header, row] = parseCsv(csv.text) ?? []
    const record = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]))
    expect(record).toMatchObject({
      code: order.code,
      paid_method: 'pix',
      paid_reference: 'E0001',
      paid_amount: '25.00',
      paid_at: expect.stringMatching(/^\d{4}-/),
    })
  })

  it("should say how to pay in the order's WhatsApp message, linking the order page", async () => {
    const { order } = await shopWithOrder('BRL', [METHODS[0].method, { type: 'cash' }])
    expect(order.message.split('\n').at(-1)).toBe(`How to pay (Pix, cash): ${order.orderUrl}`)
  })
})
