import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { PROCESS_WINDOW_MS } from './ack-first.ts'
import { sendDueMessages } from './outbox.ts'
import { processPending } from './process.ts'
import {
  ACCESS_TOKEN,
  BUSINESS_NUMBER,
  fullWebhookConfig,
  PHONE_NUMBER_ID,
  postWebhook,
  readFixture,
  startGraphStandIn,
  webhookConfig,
} from './webhook-test-kit.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='

describe.each(testEngines())('WhatsApp reply sender on %s', (engine) => {
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
  })
  afterAll(() => t.destroy())

  /** A pending order confirmed by the customer's text, with replies going to `graphUrl`. */
  const confirmOrder = async (graphUrl: string) => {
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    const order = placed.body as { id: string; code: string }
    const messageId = `wamid.CUSTOMER_${++unique}`
    // The test processes and sends itself: the post-ack run is pushed out of the way.
    const app = createTestApp({
      db: t.db,
      config: webhookConfig(graphUrl, { processDelayMs: 60_000 }),
    })
    const raw = readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: messageId })
    expect((await postWebhook(app, raw)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graphUrl))
    return { order, messageId }
  }

  const outboxOf = (orderId: string) =>
    t.db
      .selectFrom('outbound_messages')
      .selectAll()
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()

  it('should post the confirmation to the Graph API and store the returned id', async () => {
    graph = await startGraphStandIn([
      { status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.SENT_OK' }] } },
    ])
    const { order, messageId } = await confirmOrder(graph.url)
    const queued = await outboxOf(order.id)
    expect(queued).toMatchObject({ status: 'queued', dedupe_key: `confirm:${order.id}` })

    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests).toHaveLength(1)
    expect(graph.requests[0]).toEqual({
      method: 'POST',
      url: `/${PHONE_NUMBER_ID}/messages`,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '5511987654321',
        type: 'text',
        context: { message_id: messageId },
        biz_opaque_callback_data: `order:${order.code}`,
        text: {
          preview_url: false,
          body: `Thanks Ana Souza! Order #${order.code} is confirmed. Total: €24.00.`,
        },
      },
    })
    expect(await outboxOf(order.id)).toMatchObject({
      status: 'sent',
      wa_message_id: 'wamid.SENT_OK',
      attempts: 1,
      last_error: null,
    })
  })

  it('should retry after a 500 with backoff and then succeed', async () => {
    graph = await startGraphStandIn([
      { status: 500, body: { error: { code: 1, message: 'An unknown error occurred' } } },
      { status: 200, body: { messages: [{ id: 'wamid.SENT_LATER' }] } },
    ])
    const { order } = await confirmOrder(graph.url)
    const config = fullWebhookConfig(graph.url).whatsapp

    expect(await sendDueMessages(t.db, config)).toBe(0)
    const waiting = await outboxOf(order.id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting.last_error).toContain('An unknown error occurred')
    expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now())
    // Not due yet: nothing is sent.
    expect(await sendDueMessages(t.db, config)).toBe(0)
    expect(graph.requests).toHaveLength(1)

    const later = new Date(Date.now() + 60_000)
    expect(await sendDueMessages(t.db, config, { now: later })).toBe(1)
    expect(graph.requests).toHaveLength(2)
    expect(await outboxOf(order.id)).toMatchObject({
      status: 'sent',
      wa_message_id: 'wamid.SENT_LATER',
      attempts: 2,
      last_error: null,
    })
  })

  it('should give up on a 400 and record the error', async () => {
    graph = await startGraphStandIn([
      {
        status: 400,
        body: {
          error: {
            code: 131047,
            message: 'Re-engagement message',
            error_data: {
              details: 'More than 24 hours have passed since the customer last replied.',
            },
          },
        },
      },
    ])
    const { order } = await confirmOrder(graph.url)
    const config = fullWebhookConfig(graph.url).whatsapp
    expect(await sendDueMessages(t.db, config)).toBe(0)
    expect(await sendDueMessages(t.db, config, { now: new Date(Date.now() + 3_600_000) })).toBe(0)
    expect(graph.requests).toHaveLength(1)
    const failed = await outboxOf(order.id)
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, wa_message_id: null })
    expect(failed.last_error).toBe(
      '131047 Re-engagement message: More than 24 hours have passed since the customer last replied.',
    )
    const timeline = await client.get(`/api/shops/${slug}/orders/${order.code}/messages`)
    expect(timeline.body.messages).toContainEqual(
      expect.objectContaining({ direction: 'out', status: 'failed', error: failed.last_error }),
    )
  })

  it('should apply a status that arrived before the Graph API answered', async () => {
    graph = await startGraphStandIn([
      { status: 200, body: { messages: [{ id: 'wamid.EARLY_STATUS' }] } },
    ])
    const { order } = await confirmOrder(graph.url)
    const app = createTestApp({ db: t.db, config: webhookConfig(graph.url) })
    const status = readFixture('status-read', {
      'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID': 'wamid.EARLY_STATUS',
      '"read"': '"delivered"',
    })
    expect((await postWebhook(app, status)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))
    await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)
    expect(await outboxOf(order.id)).toMatchObject({
      wa_message_id: 'wamid.EARLY_STATUS',
      status: 'delivered',
    })
  })

  it('should queue nothing when replies are off', async () => {
    // The previous test's app (replies on) may still have a run scheduled: let it pass first.
    await new Promise((resolve) => setTimeout(resolve, 2 * PROCESS_WINDOW_MS))
    await processPending(t.db, fullWebhookConfig())
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    const app = createTestApp({ db: t.db, config: webhookConfig() })
    const raw = readFixture('text', { A7K2Q9: placed.body.code, [TEXT_ID]: 'wamid.NO_REPLY' })
    expect((await postWebhook(app, raw)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig())
    const confirmed = await client.get(`/api/shops/${slug}/orders/${placed.body.code}`)
    expect(confirmed.body.status).toBe('confirmed')
    const rows = await t.db
      .selectFrom('outbound_messages')
      .select('id')
      .where('order_id', '=', placed.body.id)
      .execute()
    expect(rows).toEqual([])
  })
})
