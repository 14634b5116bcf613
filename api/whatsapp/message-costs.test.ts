import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { AUTO_CONFIRM_OFF, MONTHLY_CAP_REACHED, pricingOf } from './message-costs.ts'
import { sendDueMessages } from './outbox.ts'
import { processPending } from './process.ts'
import {
  BUSINESS_NUMBER,
  fullWebhookConfig,
  postWebhook,
  readFixture,
  startGraphStandIn,
  webhookConfig,
} from './webhook-test-kit.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const STATUS_ID = 'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID'

interface Usage {
  month: string
  sent: number
  monthlyMessageCap: number | null
  autoConfirmReply: boolean
  byPricing: { category: string | null; type: string | null; count: number }[]
  skipped: { autoConfirmOff: number; monthlyCapReached: number }
}

describe('pricingOf', () => {
  it("should read a status's pricing category and type, and nothing from a status without", () => {
    expect(
      pricingOf({
        pricing: { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' },
      }),
    ).toEqual({ category: 'utility', type: 'regular' })
    expect(pricingOf({ id: 'x', status: 'sent' })).toBeNull()
    expect(pricingOf({ pricing: { billable: false } })).toBeNull()
    expect(pricingOf({ pricing: 'free' })).toBeNull()
  })
})

describe.each(testEngines())('cost-aware automatic replies on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let graph: Awaited<ReturnType<typeof startGraphStandIn>> | undefined
  let unique = 0

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop(undefined, BUSINESS_NUMBER)
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200 },
    ])
  })
  afterEach(async () => {
    await graph?.close()
    graph = undefined
    const reset = await client.patch(`/api/shops/${slug}`, {
      autoConfirmReply: true,
      monthlyMessageCap: null,
    })
    expect(reset.status).toBe(200)
  })
  afterAll(() => t.destroy())

  /** An app whose own post-ack run is pushed out of the way: the test processes and sends. */
  const webhookApp = (graphUrl: string) =>
    createTestApp({ db: t.db, config: webhookConfig(graphUrl, { processDelayMs: 60_000 }) })

  /** A pending order confirmed by the customer's text (its confirmation queued). */
  const confirmOrder = async (graphUrl: string) => {
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    const order = placed.body as { id: string; code: string }
    const raw = readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: `wamid.COST_${++unique}` })
    expect((await postWebhook(webhookApp(graphUrl), raw)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graphUrl))
    return order
  }
  const outboxOf = (orderId: string) =>
    t.db.selectFrom('outbound_messages').selectAll().where('order_id', '=', orderId).execute()
  const usage = async () => {
    const res = await client.get(`/api/shops/${slug}/whatsapp/usage`)
    expect(res.status).toBe(200)
    return res.body as Usage
  }
  const sentOk = (id: string) => ({ status: 200, body: { messages: [{ id }] } })

  it('should keep the automatic confirmation on by default and send one message per order', async () => {
    const shop = await client.get(`/api/shops/${slug}`)
    expect(shop.body).toMatchObject({ autoConfirmReply: true, monthlyMessageCap: null })
    graph = await startGraphStandIn([sentOk('wamid.ONE'), sentOk('wamid.TWO')])
    const order = await confirmOrder(graph.url)
    // The customer writes the code again: still one confirmation.
    const again = readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: `wamid.COST_${++unique}` })
    expect((await postWebhook(webhookApp(graph.url), again)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests).toHaveLength(1)
    const rows = await outboxOf(order.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'sent', wa_message_id: 'wamid.ONE' })
  })

  it('should skip the confirmation, and say why, when the merchant turned it off', async () => {
    const off = await client.patch(`/api/shops/${slug}`, { autoConfirmReply: false })
    expect(off.status).toBe(200)
    expect(off.body).toMatchObject({ autoConfirmReply: false })
    graph = await startGraphStandIn([sentOk('wamid.NEVER')])
    const order = await confirmOrder(graph.url)
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(0)
    expect(graph.requests).toHaveLength(0)
    expect(await outboxOf(order.id)).toMatchObject([
      { status: 'skipped', last_error: AUTO_CONFIRM_OFF, wa_message_id: null },
    ])
    expect((await usage()).skipped.autoConfirmOff).toBeGreaterThanOrEqual(1)
  })

  it("should stop at the monthly cap and count this month's messages", async () => {
    const before = await usage()
    const capped = await client.patch(`/api/shops/${slug}`, {
      monthlyMessageCap: before.sent + 1,
    })
    expect(capped.status).toBe(200)
    graph = await startGraphStandIn([sentOk('wamid.CAP_1'), sentOk('wamid.CAP_2')])
    const first = await confirmOrder(graph.url)
    const second = await confirmOrder(graph.url)
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests).toHaveLength(1)
    const rows = [...(await outboxOf(first.id)), ...(await outboxOf(second.id))]
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'skipped'])
    expect(rows.find((r) => r.status === 'skipped')?.last_error).toBe(MONTHLY_CAP_REACHED)
    const after = await usage()
    expect(after).toMatchObject({
      sent: before.sent + 1,
      monthlyMessageCap: before.sent + 1,
      month: new Date().toISOString().slice(0, 7),
    })
    expect(after.skipped.monthlyCapReached).toBe(1)
  })

  it('should store the pricing a status webhook reports, also when it beat the send', async () => {
    graph = await startGraphStandIn([sentOk('wamid.PRICED'), sentOk('wamid.PRICED_EARLY')])
    const order = await confirmOrder(graph.url)
    await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)
    const status = readFixture('status-read', { [STATUS_ID]: 'wamid.PRICED' })
    expect((await postWebhook(webhookApp(graph.url), status)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))
    expect(await outboxOf(order.id)).toMatchObject([
      { pricing_category: 'service', pricing_type: 'free_customer_service', status: 'read' },
    ])

    // A status that arrives before the Graph API answered is applied once the send is stored.
    const early = await confirmOrder(graph.url)
    const utility = readFixture('status-read', {
      [STATUS_ID]: 'wamid.PRICED_EARLY',
      free_customer_service: 'regular',
      '"service"': '"utility"',
    })
    expect((await postWebhook(webhookApp(graph.url), utility)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))
    await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)
    expect(await outboxOf(early.id)).toMatchObject([
      { pricing_category: 'utility', pricing_type: 'regular' },
    ])

    const { byPricing } = await usage()
    expect(byPricing).toContainEqual({
      category: 'service',
      type: 'free_customer_service',
      count: 1,
    })
    expect(byPricing).toContainEqual({ category: 'utility', type: 'regular', count: 1 })
  })

  it('should refuse a bad cap or switch, naming the field and changing nothing', async () => {
    for (const [body, field] of [
      [{ monthlyMessageCap: -1 }, 'monthlyMessageCap'],
      [{ monthlyMessageCap: 2.5 }, 'monthlyMessageCap'],
      [{ monthlyMessageCap: '10' }, 'monthlyMessageCap'],
      [{ autoConfirmReply: 'no' }, 'autoConfirmReply'],
    ] as const) {
      const res = await client.patch(`/api/shops/${slug}`, body)
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ error: { field } })
    }
    expect((await client.get(`/api/shops/${slug}`)).body).toMatchObject({
      autoConfirmReply: true,
      monthlyMessageCap: null,
    })
  })
})
