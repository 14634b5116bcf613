import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { MERCHANT_IN_CONVERSATION, sendDueMessages } from './outbox.ts'
import { processPending } from './process.ts'
import {
  BUSINESS_NUMBER,
  type FixtureName,
  fullWebhookConfig,
  PHONE_NUMBER_ID,
  postWebhook,
  readFixture,
  startGraphStandIn,
  webhookConfig,
} from './webhook-test-kit.ts'

// The WhatsApp Business app on the same number (coexistence: echoes, history, contacts) and
// customers known only by username, with Meta's documented payload shapes (fixtures/).

const CUSTOMER_TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const ANA_PHONE = '5511987654321'
const ANA_USER_ID = 'BR.1502576394655843'
const LENA_USER_ID = 'BR.7744120095531207'

describe.each(testEngines())('WhatsApp Business app and usernames on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let graph: Awaited<ReturnType<typeof startGraphStandIn>>
  let unique = 0

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop(undefined, BUSINESS_NUMBER)
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200 },
    ])
    graph = await startGraphStandIn()
  })
  afterEach(async () => {
    // Replies a test left queued are sent now, so the next test sees only its own.
    await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)
    graph.requests.length = 0
  })
  afterAll(async () => {
    await graph.close()
    await t.destroy()
  })

  /** A customer of one test: their own number, user id and message ids. */
  const newCustomer = () => {
    const n = ++unique
    return {
      phone: `55119${String(n).padStart(8, '0')}`,
      userId: `BR.90000000${n}`,
      suffix: `_${engine}_${n}`,
    }
  }

  /** Posts a fixture with the customer's ids and the order's code, then processes it. */
  const deliver = async (
    name: FixtureName,
    customer: ReturnType<typeof newCustomer>,
    replace: Record<string, string> = {},
  ) => {
    const app = createTestApp({
      db: t.db,
      config: webhookConfig(graph.url, { processDelayMs: 60_000 }),
    })
    let raw = readFixture(name, replace)
    raw = raw
      .replaceAll(ANA_PHONE, customer.phone)
      .replaceAll(ANA_USER_ID, customer.userId)
      // Every WhatsApp id of this test is its own.
      .replace(/"(wamid\.[A-Za-z0-9_=]+)"/g, `"$1${customer.suffix}"`)
    expect((await postWebhook(app, raw)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))
  }

  const placeOrder = async () => {
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    return placed.body as { id: string; code: string }
  }

  const ownerOrder = async (code: string) => {
    const response = await client.get(`/api/shops/${slug}/orders/${code}`)
    expect(response.status).toBe(200)
    return response.body as {
      status: string
      merchantRepliedAt: string | null
      customer: { waId: string | null; userId: string | null; username: string | null }
      events?: { type: string }[]
    }
  }

  const stored = (waMessageId: string) =>
    t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('wa_message_id', '=', waMessageId)
      .executeTakeFirstOrThrow()

  const outboxOf = (orderId: string) =>
    t.db.selectFrom('outbound_messages').selectAll().where('order_id', '=', orderId).execute()

  const eventsOf = (orderId: string) =>
    t.db
      .selectFrom('order_events')
      .select(['type', 'to_status', 'data'])
      .where('order_id', '=', orderId)
      .orderBy('created_at')
      .execute()

  const nowSeconds = () => String(Math.floor(Date.now() / 1000))

  it('should store an echo as the merchant’s outgoing message and mark the order it names answered', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('echo-text', customer, { A7K2Q9: order.code })

    const echo = await stored(`wamid.HBgNECHO_OK_ID${customer.suffix}`)
    expect(echo).toMatchObject({
      kind: 'echo',
      outgoing: true,
      from_wa_id: customer.phone,
      from_user_id: customer.userId,
      body: `ok #${order.code}, ready at 5pm`,
      state: 'recorded',
      order_id: order.id,
      match_method: 'code',
    })
    const json = await ownerOrder(order.code)
    expect(json.merchantRepliedAt).toBe(new Date(1767006000 * 1000).toISOString())
    // An echo is the merchant talking: it never confirms the order by itself.
    expect(json.status).toBe('pending')
    expect((await eventsOf(order.id)).map((e) => e.type)).toEqual(['created', 'merchant_replied'])

    // The inbox shows it among the merchant's messages from the app; settings say echoes arrive.
    const inbox = await client.get(`/api/shops/${slug}/inbox`)
    expect(inbox.body.fromApp).toContainEqual(
      expect.objectContaining({
        waMessageId: `wamid.HBgNECHO_OK_ID${customer.suffix}`,
        outgoing: true,
        from: customer.phone,
        body: `ok #${order.code}, ready at 5pm`,
      }),
    )
    const status = await client.get(`/api/shops/${slug}/whatsapp`)
    expect(status.body.echoes).toEqual({ lastAt: expect.any(String), count: expect.any(Number) })
    expect(status.body.echoes.count).toBeGreaterThan(0)
    const timeline = await client.get(`/api/shops/${slug}/orders/${order.code}/messages`)
    expect(timeline.body.messages).toContainEqual(
      expect.objectContaining({ direction: 'out', source: 'business_app' }),
    )

    // A redelivery adds nothing, and the first answer stays the one on record.
    await deliver('echo-text', customer, { A7K2Q9: order.code })
    expect((await eventsOf(order.id)).map((e) => e.type)).toEqual(['created', 'merchant_replied'])
  })

  it('should mark the order answered and send no automatic reply when the merchant quotes the order message', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('text', customer, { A7K2Q9: order.code })
    expect((await ownerOrder(order.code)).status).toBe('confirmed')
    expect(await outboxOf(order.id)).toMatchObject([{ status: 'queued' }])

    // The merchant answers from the app, quoting the customer's message, before Chatcart sends.
    await deliver('echo-quote', customer, { 1767006000: nowSeconds() })
    const echo = await stored(`wamid.HBgNECHO_QUOTE_ID${customer.suffix}`)
    expect(echo).toMatchObject({ kind: 'echo', order_id: order.id, match_method: 'context' })
    expect((await ownerOrder(order.code)).merchantRepliedAt).not.toBeNull()

    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(0)
    expect(graph.requests).toHaveLength(0)
    expect(await outboxOf(order.id)).toMatchObject([
      { status: 'skipped', last_error: MERCHANT_IN_CONVERSATION, wa_message_id: null },
    ])
  })

  it('should hold the confirmation back when the merchant wrote to that customer in the last 15 minutes', async () => {
    const customer = newCustomer()
    const other = await placeOrder()
    await deliver('echo-text', customer, { A7K2Q9: other.code, 1767006000: nowSeconds() })

    const order = await placeOrder()
    await deliver('text', customer, { A7K2Q9: order.code })
    expect((await ownerOrder(order.code)).status).toBe('confirmed')
    expect(await outboxOf(order.id)).toMatchObject([
      { status: 'skipped', last_error: MERCHANT_IN_CONVERSATION },
    ])
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(0)
    expect(graph.requests).toHaveLength(0)
  })

  it('should still answer a customer the merchant last wrote to long ago', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    // The echo fixture's own timestamp is in 2025.
    await deliver('echo-text', customer, { A7K2Q9: 'ZZZZZZ' })
    await deliver('text', customer, { A7K2Q9: order.code })
    expect(await outboxOf(order.id)).toMatchObject([{ status: 'queued' }])
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests[0]?.body).toMatchObject({ to: customer.phone })
  })

  it('should apply the merchant’s edit and then deletion of an echo to the stored echo', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('echo-text', customer, { A7K2Q9: order.code })
    await deliver('echo-edit', customer, { A7K2Q9: order.code })
    const edited = await stored(`wamid.HBgNECHO_OK_ID${customer.suffix}`)
    expect(edited.body).toBe(`ok #${order.code}, at 6pm`)
    expect(edited.edited_at?.toISOString()).toBe(new Date(1767006060 * 1000).toISOString())
    expect(edited.revoked_at).toBeNull()

    await deliver('echo-revoke', customer)
    const revoked = await stored(`wamid.HBgNECHO_OK_ID${customer.suffix}`)
    expect(revoked.body).toBeNull()
    expect(revoked.revoked_at?.toISOString()).toBe(new Date(1767006120 * 1000).toISOString())
    // An edit that names another order answers that one too.
    const other = await placeOrder()
    await deliver('echo-edit', customer, {
      A7K2Q9: other.code,
      'wamid.HBgNECHO_EDIT_ID': 'wamid.HBgNECHO_EDIT_AGAIN_ID',
      'wamid.HBgNECHO_OK_ID': 'wamid.HBgNECHO_GONE_ID',
    })
    expect((await ownerOrder(other.code)).merchantRepliedAt).toBe(
      new Date(1767006060 * 1000).toISOString(),
    )
    // The edit and the deletion are on record themselves, and failed nothing.
    expect((await stored(`wamid.HBgNECHO_REVOKE_ID${customer.suffix}`)).state).toBe('recorded')
  })

  it('should mark an order arrived from a history message carrying its code, without any reply', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('history', customer, { A7K2Q9: order.code })

    const past = await stored(`wamid.HBgNHIST_OUT_ID${customer.suffix}`)
    expect(past).toMatchObject({
      kind: 'history',
      outgoing: true,
      from_wa_id: customer.phone,
      order_id: order.id,
      state: 'matched',
      match_method: 'history',
    })
    const json = await ownerOrder(order.code)
    expect(json.status).toBe('confirmed')
    expect(json.customer.waId).toBe(customer.phone)
    expect(await outboxOf(order.id)).toEqual([])
    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(0)
    expect(graph.requests).toHaveLength(0)
  })

  it('should keep a username-only history thread read-only, media placeholders included', async () => {
    const customer = newCustomer()
    await deliver('history-username', customer)
    const text = await stored(`wamid.HBgNHIST_IN_ID${customer.suffix}`)
    expect(text).toMatchObject({
      kind: 'history',
      outgoing: false,
      from_wa_id: null,
      from_user_id: LENA_USER_ID,
      username: 'lena.bakes',
      body: 'Hi! Do you still have the mugs?',
      state: 'recorded',
    })
    const placeholder = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('event_key', '=', `history:wamid.HBgNHIST_MEDIA_ID${customer.suffix}`)
      .executeTakeFirstOrThrow()
    expect(placeholder).toMatchObject({ type: 'media_placeholder', body: null, state: 'recorded' })
    // Its media come in a later history webhook and take the placeholder's place.
    await deliver('history-media', customer)
    const shown = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('id', '=', placeholder.id)
      .executeTakeFirstOrThrow()
    expect(shown).toMatchObject({ type: 'image', body: 'The blue one, like this' })
    const queued = await t.db
      .selectFrom('outbound_messages')
      .select('id')
      .where('to_user_id', '=', LENA_USER_ID)
      .execute()
    expect(queued).toEqual([])
  })

  it('should take a declined history share as no history, not as a failure', async () => {
    const customer = newCustomer()
    const before = await t.db
      .selectFrom('inbound_messages')
      .select('id')
      .where('kind', '=', 'history')
      .execute()
    await deliver('history-declined', customer)
    const after = await t.db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('kind', '=', 'history')
      .where('id', 'not in', before.length > 0 ? before.map((r) => r.id) : [''])
      .execute()
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({ type: 'errors', state: 'recorded', order_id: null })
  })

  it('should update the customer’s name on their orders and messages from the app’s contacts', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('text', customer, { A7K2Q9: order.code })
    await deliver('state-sync', customer)
    const row = await t.db
      .selectFrom('orders')
      .select('customer_profile_name')
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow()
    expect(row.customer_profile_name).toBe('Ana Souza (Bakery)')
    expect((await stored(`${CUSTOMER_TEXT_ID}${customer.suffix}`)).profile_name).toBe(
      'Ana Souza (Bakery)',
    )
    const contacts = await t.db
      .selectFrom('inbound_messages')
      .select(['type', 'state'])
      .where('kind', '=', 'contact')
      .where('from_wa_id', 'in', [customer.phone, '5511900000000'])
      .orderBy('type')
      .execute()
    expect(contacts).toEqual([
      { type: 'add', state: 'recorded' },
      { type: 'remove', state: 'recorded' },
    ])
  })

  it('should confirm a username-only customer’s order and answer them through recipient', async () => {
    const order = await placeOrder()
    const customer = { ...newCustomer(), userId: LENA_USER_ID }
    await deliver('username-text', customer, { A7K2Q9: order.code })
    const json = await ownerOrder(order.code)
    expect(json.status).toBe('confirmed')
    expect(json.customer).toMatchObject({
      waId: null,
      userId: LENA_USER_ID,
      username: 'lena.bakes',
    })

    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests).toHaveLength(1)
    expect(graph.requests[0]?.url).toBe(`/${PHONE_NUMBER_ID}/messages`)
    const body = graph.requests[0]?.body as Record<string, unknown>
    expect(body).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: LENA_USER_ID,
      type: 'text',
    })
    expect(body).not.toHaveProperty('to')
    expect(await outboxOf(order.id)).toMatchObject([
      { status: 'sent', to_wa_id: null, to_user_id: LENA_USER_ID },
    ])
  })

  it('should join a number that arrives later to the customer known by user id', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('username-text', customer, {
      A7K2Q9: order.code,
      [LENA_USER_ID]: customer.userId,
    })
    expect((await ownerOrder(order.code)).customer.waId).toBeNull()
    // The customer writes again; this time the webhook shows their number too.
    await deliver('text', customer, { A7K2Q9: 'later' })
    expect((await ownerOrder(order.code)).customer).toMatchObject({
      waId: customer.phone,
      userId: customer.userId,
    })
    expect((await stored(`wamid.HBgNUSERNAME_TEXT_ID${customer.suffix}`)).from_wa_id).toBe(
      customer.phone,
    )
  })

  it('should move the customer to their new user id on a user_id_update', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('text', customer, { A7K2Q9: order.code })
    const next = `BR.2093817465520011${unique}`
    await deliver('user-id-update', customer, { 'BR.2093817465520011': next })
    expect((await ownerOrder(order.code)).customer.userId).toBe(next)
    expect((await stored(`${CUSTOMER_TEXT_ID}${customer.suffix}`)).from_user_id).toBe(next)
    // Applied twice, it changes nothing.
    await deliver('user-id-update', customer, { 'BR.2093817465520011': next })
    expect((await ownerOrder(order.code)).customer.userId).toBe(next)
  })

  it('should send a reply still queued to the username-only customer’s new user id', async () => {
    const order = await placeOrder()
    const customer = newCustomer()
    const before = `BR.4400${unique}`
    const after = `BR.5500${unique}`
    await deliver('username-text', customer, { A7K2Q9: order.code, [LENA_USER_ID]: before })
    // Meta may leave out the business number here: the id alone says whose it is.
    const update = readFixture('user-id-update', {
      'BR.1502576394655843': before,
      'BR.2093817465520011': after,
    }).replace(/"metadata": \{[^}]*\},/, '')
    expect(update).not.toContain('phone_number_id')
    const app = createTestApp({
      db: t.db,
      config: webhookConfig(graph.url, { processDelayMs: 60_000 }),
    })
    expect((await postWebhook(app, update)).status).toBe(200)
    await processPending(t.db, fullWebhookConfig(graph.url))

    expect(await sendDueMessages(t.db, fullWebhookConfig(graph.url).whatsapp)).toBe(1)
    expect(graph.requests[0]?.body).toMatchObject({ recipient: after })
    expect((await ownerOrder(order.code)).customer.userId).toBe(after)
  })

  it('should move the customer to their new user id on a user_changed_user_id system message', async () => {
    const customer = newCustomer()
    const order = await placeOrder()
    await deliver('text', customer, { A7K2Q9: order.code })
    const next = `BR.3093817465520011${unique}`
    await deliver('system-user-changed-user-id', customer, { 'BR.2093817465520011': next })
    expect((await ownerOrder(order.code)).customer.userId).toBe(next)
  })
})
