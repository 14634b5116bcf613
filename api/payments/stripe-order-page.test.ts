import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { type StripeStandIn, startStripeStandIn, unreachableStripeUrl } from './stripe-stand-in.ts'

describe.each(testEngines())('Stripe on the order page (%s)', (engine) => {
  let testDb: TestDatabase
  let stripe: StripeStandIn

  /** A shop offering Stripe and cash on an app whose Stripe is at `apiUrl`; one order placed. */
  async function orderWithStripe(apiUrl: string) {
    const client = new TestClient(
      createTestApp({
        db: testDb.db,
        config: { stripe: { secretKey: 'sk_test_1', webhookSecret: 'whsec_1', apiUrl } },
      }),
    )
    const slug = await client.signupWithShop()
    const shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [{ sku: 'MUG', name: 'Mug', price: 1250 }])
    const settings = await client.patch(`/api/shops/${slug}`, {
      payments: [{ type: 'stripe' }, { type: 'cash' }],
    })
    expect(settings.status).toBe(200)
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Jane Doe' },
    })
    expect(placed.status).toBe(201)
    return { client, order: placed.body as { id: string; code: string; token: string } }
  }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    stripe = await startStripeStandIn()
  })

  afterAll(async () => {
    await stripe.close()
    await testDb.destroy()
  })

  it('should give the same checkout page to the API and every later view of the order', async () => {
    const { client, order } = await orderWithStripe(stripe.url)
    const before = stripe.sessionRequests().length
    const first = await client.get(`/api/orders/${order.token}`)
    expect(first.status).toBe(200)
    const entry = first.body.payment.methods.find((m: { type: string }) => m.type === 'stripe')
    expect(entry.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//)
    const page = await client.get(`/o/${order.token}`)
    expect(page.status).toBe(200)
    // The card button leads to that same session.
    expect(page.text).toContain('data-pay="stripe"')
    expect(page.text).toContain(entry.checkoutUrl)
    const again = await client.get(`/api/orders/${order.token}`)
    expect(again.body.payment.methods).toEqual(first.body.payment.methods)
    expect(stripe.sessionRequests().length - before).toBe(1)
    const form = stripe.sessionRequests().at(-1)?.form
    expect(form?.get('client_reference_id')).toBe(order.id)
    expect(form?.get('metadata[order_code]')).toBe(order.code)
  })

  it('should render the order page and answer the API without a pay button when Stripe is away', async () => {
    const { client, order } = await orderWithStripe(await unreachableStripeUrl())
    const api = await client.get(`/api/orders/${order.token}`)
    expect(api.status).toBe(200)
    expect(api.body.payment.methods).toEqual([{ type: 'cash' }])
    const page = await client.get(`/o/${order.token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain(order.code)
    expect(page.text).not.toContain('checkout.stripe')
    expect(page.text).not.toContain('data-pay="stripe"')
    expect(page.text).toContain('data-pay="cash"')
  })
})
