import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { processPending } from '../whatsapp/process.ts'
import {
  BUSINESS_NUMBER,
  fullWebhookConfig,
  postWebhook,
  readFixture,
  webhookConfig,
} from '../whatsapp/webhook-test-kit.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='

// "Arrived" on the dashboard means a WhatsApp message of the customer reached the order; a
// status the merchant sets by hand must not count as one.
describe.each(testEngines())('orders arriving on WhatsApp, on %s', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  const config = fullWebhookConfig()
  let unique = 0

  /** The shop on the fixtures' business number (one shop may hold it), for the webhook tests. */
  let whatsappShop: Awaited<ReturnType<typeof openShop>>

  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({ db: t.db, config: webhookConfig() })
    whatsappShop = await openShop(BUSINESS_NUMBER)
  })
  afterAll(() => t.destroy())

  /** A merchant's shop with one product. */
  const openShop = async (number: object = {}) => {
    const owner = new TestClient(app)
    const slug = await owner.signupWithShop(undefined, number)
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200 },
    ])
    const me = await owner.get('/api/me')
    return { owner, slug, merchantId: me.body.id as string }
  }

  const placeOrder = async (slug: string) => {
    const res = await new TestClient(app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(res.status).toBe(201)
    return res.body.code as string
  }

  /** The customer's WhatsApp message with the order's code, delivered and processed. */
  const sendOnWhatsApp = async (code: string) => {
    const raw = readFixture('text', { A7K2Q9: code, [TEXT_ID]: `wamid.ARRIVAL_${++unique}` })
    expect((await postWebhook(app, raw)).status).toBe(200)
    await processPending(t.db, config)
  }

  const funnelOf = async (owner: TestClient, slug: string) => {
    const res = await owner.get(`/api/shops/${slug}/dashboard`)
    expect(res.status).toBe(200)
    // The counts of the three steps (the paid step's methods are the dashboard test's).
    const { created, arrived, paid } = res.body.funnel
    return { created, arrived, paid }
  }

  it('should mark a pending order paid without counting it as arrived, and say so in its timeline', async () => {
    const { owner, slug, merchantId } = await openShop()
    const code = await placeOrder(slug)
    const res = await owner.patch(`/api/shops/${slug}/orders/${code}`, { status: 'paid' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ status: 'paid', confirmedAt: null, match: null })
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'status_changed',
    ])
    expect(res.body.events.at(-1)).toMatchObject({
      fromStatus: 'pending',
      toStatus: 'paid',
      actor: `merchant:${merchantId}`,
    })
    expect(await funnelOf(owner, slug)).toEqual({ created: 1, arrived: 0, paid: 1 })
  })

  it('should not count an order the merchant marked arrived by hand', async () => {
    const { owner, slug } = await openShop()
    const code = await placeOrder(slug)
    for (const status of ['confirmed', 'paid']) {
      const res = await owner.patch(`/api/shops/${slug}/orders/${code}`, { status })
      expect(res.status).toBe(200)
      expect(res.body.confirmedAt).toBeNull()
    }
    expect(await funnelOf(owner, slug)).toEqual({ created: 1, arrived: 0, paid: 1 })
  })

  it('should count an order matched by its WhatsApp message as arrived, before and after it is paid', async () => {
    const { owner, slug } = whatsappShop
    const before = await funnelOf(owner, slug)
    const code = await placeOrder(slug)
    await placeOrder(slug)
    await sendOnWhatsApp(code)
    const seen = await owner.get(`/api/shops/${slug}/orders/${code}`)
    expect(seen.body).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) })
    expect(seen.body.events.at(-1)).toMatchObject({ type: 'confirmed', actor: 'whatsapp' })
    expect(await funnelOf(owner, slug)).toEqual({
      created: before.created + 2,
      arrived: before.arrived + 1,
      paid: before.paid,
    })
    const paid = await owner.patch(`/api/shops/${slug}/orders/${code}`, { status: 'paid' })
    expect(paid.status).toBe(200)
    expect(await funnelOf(owner, slug)).toEqual({
      created: before.created + 2,
      arrived: before.arrived + 1,
      paid: before.paid + 1,
    })
  })

  it('should count a WhatsApp message that arrives after the merchant marked the order paid', async () => {
    const { owner, slug } = whatsappShop
    const before = await funnelOf(owner, slug)
    const code = await placeOrder(slug)
    await owner.patch(`/api/shops/${slug}/orders/${code}`, { status: 'paid' })
    expect(await funnelOf(owner, slug)).toMatchObject({ arrived: before.arrived })
    await sendOnWhatsApp(code)
    const seen = await owner.get(`/api/shops/${slug}/orders/${code}`)
    expect(seen.body.status).toBe('paid')
    expect(await funnelOf(owner, slug)).toEqual({
      created: before.created + 1,
      arrived: before.arrived + 1,
      paid: before.paid + 1,
    })
  })
})
