import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { ingestDeliveries } from './ingest.ts'
import { processPending } from './process.ts'
import {
  ACCESS_TOKEN,
  APP_SECRET,
  BUSINESS_NUMBER,
  fullWebhookConfig,
  inboundByWaId,
  PHONE_NUMBER_ID,
  postWebhook,
  readFixture,
  VERIFY_TOKEN,
  webhookConfig,
} from './webhook-test-kit.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const ORDER_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNBMDQ3RkI5OEM2MTJEMzQ1NjcA'
// A Graph URL nobody listens on: replies are queued, and the test never sends them.
const GRAPH_URL = 'http://127.0.0.1:9'

describe.each(testEngines())('WhatsApp inbox API on %s', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let owner: TestClient
  let stranger: TestClient
  let slug: string
  let strangerSlug: string
  let unique = 0
  const config = fullWebhookConfig(GRAPH_URL)

  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({
      db: t.db,
      config: webhookConfig(GRAPH_URL, { processDelayMs: 60_000 }),
    })
    // The shop is set up without an access token, so saving its number id asks no Graph API.
    const setup = new TestClient(createTestApp({ db: t.db }))
    slug = await setup.signupWithShop(undefined, BUSINESS_NUMBER)
    owner = new TestClient(app)
    owner.cookie = setup.cookie
    stranger = new TestClient(app)
    strangerSlug = await stranger.signupWithShop()
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'SKU-MUG-01', name: 'Mug', price: 1200, stock: 10 },
      { sku: 'SKU-TSHIRT-BLU-M', name: 'Blue T-shirt', price: 1990 },
    ])
  })
  afterAll(() => t.destroy())

  /** Stores and processes a text that matches nothing; returns its inbox id. */
  const unmatchedText = async (body = 'Hello, do you deliver on Sundays?') => {
    const waId = `wamid.INBOX_${++unique}`
    const payload = JSON.parse(readFixture('text', { [TEXT_ID]: waId }))
    payload.entry[0].changes[0].value.messages[0].text.body = body
    expect((await postWebhook(app, JSON.stringify(payload))).status).toBe(200)
    await processPending(t.db, config)
    const [row] = await inboundByWaId(t.db, waId)
    expect(row?.state).toBe('unmatched')
    return row?.id ?? ''
  }

  const placeOrder = async () => {
    const res = await owner.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'SKU-MUG-01', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; code: string }
  }

  it('should list unmatched messages for the owner only', async () => {
    const id = await unmatchedText()
    const res = await owner.get(`/api/shops/${slug}/inbox`)
    expect(res.status).toBe(200)
    expect(res.body.messages).toContainEqual({
      id,
      waMessageId: expect.stringMatching(/^wamid\.INBOX_/),
      type: 'text',
      from: '5511987654321',
      userId: 'BR.1502576394655843',
      username: null,
      profileName: 'Ana Souza',
      body: 'Hello, do you deliver on Sundays?',
      outgoing: false,
      editedAt: null,
      revoked: false,
      state: 'unmatched',
      orderId: null,
      matchMethod: null,
      sentAt: '2025-12-29T10:40:00.000Z',
      receivedAt: expect.any(String),
      suggestedOrderCode: null,
    })
    const foreign = await stranger.get(`/api/shops/${slug}/inbox`)
    expect(foreign.status).toBe(404)
    const own = await stranger.get(`/api/shops/${strangerSlug}/inbox`)
    expect(own.body.messages).toEqual([])
  })

  it('should link a message to an order, confirming it and queueing one reply', async () => {
    const id = await unmatchedText()
    const order = await placeOrder()
    const res = await owner.post(`/api/shops/${slug}/inbox/${id}/link`, {
      orderCode: `#${order.code.toLowerCase()}`,
    })
    expect(res.status).toBe(200)
    expect(res.body.message).toMatchObject({
      id,
      state: 'matched',
      orderId: order.id,
      matchMethod: 'manual',
    })
    expect(res.body.order).toMatchObject({
      code: order.code,
      status: 'confirmed',
      customer: { waId: '5511987654321' },
      match: { method: 'manual' },
    })
    const events = await t.db
      .selectFrom('order_events')
      .select(['type', 'actor'])
      .where('order_id', '=', order.id)
      .where('type', '=', 'confirmed')
      .execute()
    expect(events).toEqual([{ type: 'confirmed', actor: expect.stringMatching(/^merchant:/) }])
    const outbox = await t.db
      .selectFrom('outbound_messages')
      .select(['dedupe_key', 'status'])
      .where('order_id', '=', order.id)
      .execute()
    expect(outbox).toEqual([{ dedupe_key: `confirm:${order.id}`, status: 'queued' }])
    const inbox = await owner.get(`/api/shops/${slug}/inbox`)
    expect(inbox.body.messages.map((m: { id: string }) => m.id)).not.toContain(id)
    const again = await owner.post(`/api/shops/${slug}/inbox/${id}/link`, { orderCode: order.code })
    expect(again.status).toBe(409)
  })

  it('should refuse a bad or unknown order code naming the field and change nothing', async () => {
    const id = await unmatchedText()
    const before = await tableCounts(t.db)
    const bad = await owner.post(`/api/shops/${slug}/inbox/${id}/link`, { orderCode: 'nope' })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ code: 'invalid', field: 'orderCode' })
    const missing = await owner.post(`/api/shops/${slug}/inbox/${id}/link`, { orderCode: 'ZZZZ22' })
    expect(missing.status).toBe(404)
    expect(missing.body.error).toMatchObject({ code: 'not_found', field: 'orderCode' })
    const extra = await owner.post(`/api/shops/${slug}/inbox/${id}/link`, {
      orderCode: 'ZZZZ22',
      force: true,
    })
    expect(extra.status).toBe(400)
    expect(extra.body.error).toMatchObject({ code: 'unknown_field', field: 'force' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it("should answer 404 for another shop's message and for ids that are not ids", async () => {
    const id = await unmatchedText()
    const order = await placeOrder()
    const foreign = await stranger.post(`/api/shops/${strangerSlug}/inbox/${id}/link`, {
      orderCode: order.code,
    })
    expect(foreign.status).toBe(404)
    const notAnId = await owner.post(`/api/shops/${slug}/inbox/not-a-uuid/link`, {
      orderCode: order.code,
    })
    expect(notAnId.status).toBe(404)
    expect((await inboundByWaId(t.db, `wamid.INBOX_${unique}`))[0]?.state).toBe('unmatched')
  })

  it('should create a confirmed order from a text message with the items the merchant gives', async () => {
    const id = await unmatchedText('2 mugs please')
    const res = await owner.post(`/api/shops/${slug}/inbox/${id}/create-order`, {
      items: [{ sku: 'SKU-MUG-01', quantity: 2 }],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'confirmed',
      source: 'whatsapp',
      total: 2400,
      items: [{ sku: 'SKU-MUG-01', quantity: 2, unitPrice: 1200, flags: null }],
      customer: { name: 'Ana Souza', phone: '5511987654321', waId: '5511987654321' },
      match: { method: 'manual' },
    })
    const [row] = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', id)
      .execute()
    expect(row).toMatchObject({ state: 'matched', order_id: res.body.id })
  })

  it('should refuse to create an order from a text without items, naming the field', async () => {
    const id = await unmatchedText()
    const before = await tableCounts(t.db)
    const res = await owner.post(`/api/shops/${slug}/inbox/${id}/create-order`, {})
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'required', field: 'items' })
    const zero = await owner.post(`/api/shops/${slug}/inbox/${id}/create-order`, {
      items: [{ sku: 'SKU-MUG-01', quantity: 0 }],
    })
    expect(zero.status).toBe(400)
    expect(zero.body.error.field).toBe('items.0.quantity')
    const typo = await owner.post(`/api/shops/${slug}/inbox/${id}/create-order`, {
      items: [
        { sku: 'SKU-MUG-01', quantity: 1 },
        { sku: 'SKU-MUGG', quantity: 1 },
      ],
    })
    expect(typo.status).toBe(400)
    expect(typo.body.error).toMatchObject({ code: 'unknown_sku', field: 'items.1.sku' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should create the order of a native cart left in the inbox from the cart itself', async () => {
    // A native cart normally becomes an order on its own; one left unmatched (say, processed
    // while the shop had another number) can still be turned into an order by hand.
    const waId = `wamid.CART_${++unique}`
    expect((await postWebhook(app, readFixture('order', { [ORDER_ID]: waId }))).status).toBe(200)
    // Split into its items, but not processed: processing would make the cart an order itself.
    await ingestDeliveries(t.db)
    await t.db
      .updateTable('inbound_messages')
      .set({ state: 'unmatched', processed_at: new Date() })
      .where('wa_message_id', '=', waId)
      .execute()
    const [row] = await inboundByWaId(t.db, waId)
    const res = await owner.post(`/api/shops/${slug}/inbox/${row?.id}/create-order`, {})
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      status: 'confirmed',
      items: [
        { sku: 'SKU-TSHIRT-BLU-M', quantity: 2, unitPrice: 1990, flags: null },
        { sku: 'SKU-MUG-01', quantity: 1, unitPrice: 1200, flags: { whatsappPrice: 950 } },
      ],
      note: 'Please gift-wrap',
    })
  })

  it("should show an order's WhatsApp messages in and out for its timeline", async () => {
    const order = await placeOrder()
    const waId = `wamid.TIMELINE_${++unique}`
    await postWebhook(app, readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: waId }))
    await processPending(t.db, config)
    const res = await owner.get(`/api/shops/${slug}/orders/${order.code}/messages`)
    expect(res.status).toBe(200)
    expect(res.body.messages).toEqual([
      expect.objectContaining({
        direction: 'in',
        waMessageId: waId,
        type: 'text',
        state: 'matched',
        matchMethod: 'code',
        profileName: 'Ana Souza',
      }),
      expect.objectContaining({
        direction: 'out',
        type: 'confirmation',
        status: 'queued',
        body: `Thanks Ana Souza! Order #${order.code} is confirmed. Total: €12.00.`,
      }),
    ])
    expect((await stranger.get(`/api/shops/${slug}/orders/${order.code}/messages`)).status).toBe(
      404,
    )
    expect((await owner.get(`/api/shops/${slug}/orders/ZZZZ22/messages`)).status).toBe(404)
  })

  it('should describe the WhatsApp link of the shop without revealing any secret', async () => {
    const res = await owner.get(`/api/shops/${slug}/whatsapp`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      phoneNumberId: PHONE_NUMBER_ID,
      webhookUrl: 'http://localhost:3000/webhooks/whatsapp',
      configured: { verifyToken: true, appSecret: true, replies: true },
      lastEventAt: expect.any(String),
      lastEventType: expect.stringMatching(/^message:/),
    })
    expect(res.body.counts.unmatched).toBeGreaterThan(0)
    expect(res.body.counts.matched).toBeGreaterThan(0)
    for (const secret of [APP_SECRET, VERIFY_TOKEN, ACCESS_TOKEN]) {
      expect(res.text).not.toContain(secret)
    }
    const empty = await stranger.get(`/api/shops/${strangerSlug}/whatsapp`)
    expect(empty.body).toMatchObject({
      phoneNumberId: null,
      lastEventAt: null,
      lastEventType: null,
      counts: {},
    })
    expect((await stranger.get(`/api/shops/${slug}/whatsapp`)).status).toBe(404)
  })
})
