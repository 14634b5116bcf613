import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateOrderCode } from '../../core/order-code.ts'
import { formatOrderMessage } from '../../core/order-message.ts'
import { insertFixtureProducts, shopIdOf, stockOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { processPending } from './process.ts'
import {
  BUSINESS_NUMBER,
  fullWebhookConfig,
  inboundByWaId,
  OTHER_BUSINESS_NUMBER,
  orderWithItems,
  postWebhook,
  readFixture,
  webhookConfig,
} from './webhook-test-kit.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const ORDER_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNBMDQ3RkI5OEM2MTJEMzQ1NjcA'

describe.each(testEngines())('WhatsApp matching on %s', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let client: TestClient
  let otherClient: TestClient
  let slug: string
  let otherSlug: string
  let shopId: string
  const config = fullWebhookConfig()
  let unique = 0

  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({ db: t.db, config: webhookConfig() })
    client = new TestClient(app)
    otherClient = new TestClient(app)
    slug = await client.signupWithShop(undefined, BUSINESS_NUMBER)
    otherSlug = await otherClient.signupWithShop(undefined, OTHER_BUSINESS_NUMBER)
    shopId = await shopIdOf(t.db, slug)
    await insertFixtureProducts(t.db, shopId, [
      {
        sku: 'TSHIRT-BLU',
        name: 'Blue T-shirt',
        price: 1990,
        options: [{ name: 'Size', values: ['M'] }],
        variants: [{ sku: 'SKU-TSHIRT-BLU-M', options: { Size: 'M' }, stock: 100 }],
      },
      { sku: 'SKU-MUG-01', name: 'Mug', price: 1200 },
      { sku: 'SKU-LAST', name: 'Last one', price: 700, stock: 1 },
    ])
    await insertFixtureProducts(t.db, await shopIdOf(t.db, otherSlug), [
      { sku: 'TEA', name: 'Tea', price: 800 },
    ])
  })
  afterAll(async () => {
    await processPending(t.db, config)
    await t.destroy()
  })

  const placeOrder = async (
    items: { sku: string; quantity: number }[] = [{ sku: 'SKU-MUG-01', quantity: 1 }],
    customer: object = { name: 'Ana' },
    owner = client,
    shop = slug,
  ) => {
    const res = await owner.post(`/api/shops/${shop}/orders`, { items, customer })
    expect(res.status).toBe(201)
    return res.body as { id: string; code: string; total: number; message: string }
  }

  /** Posts a fixture with the order code and message ids replaced, then processes it. */
  const deliver = async (raw: string) => {
    const res = await postWebhook(app, raw)
    expect(res.status).toBe(200)
    await processPending(t.db, config)
  }

  const freshId = (prefix: string) => `wamid.${prefix}_${++unique}`

  const ownerOrder = async (code: string, owner = client, shop = slug) => {
    const res = await owner.get(`/api/shops/${shop}/orders/${code}`)
    expect(res.status).toBe(200)
    return res.body
  }

  describe('fixtures', () => {
    it('should confirm the order named in a text message (text.json)', async () => {
      const order = await placeOrder([{ sku: 'SKU-TSHIRT-BLU-M', quantity: 2 }])
      const id = freshId('TEXT')
      await deliver(readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: id }))
      const seen = await ownerOrder(order.code)
      expect(seen).toMatchObject({
        status: 'confirmed',
        customer: { waId: '5511987654321' },
        match: { messageId: id, method: 'code', edited: false, differences: [] },
      })
      expect(seen.confirmedAt).toEqual(expect.any(String))
      const { order: row } = await orderWithItems(t.db, order.id)
      expect(row).toMatchObject({
        customer_user_id: 'BR.1502576394655843',
        customer_profile_name: 'Ana Souza',
      })
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({ state: 'matched', order_id: order.id, match_method: 'code' })
      const events = await t.db
        .selectFrom('order_events')
        .selectAll()
        .where('order_id', '=', order.id)
        .where('type', '=', 'confirmed')
        .execute()
      expect(events).toMatchObject([
        { from_status: 'pending', to_status: 'confirmed', actor: 'whatsapp' },
      ])
    })

    it('should turn a native catalog cart into a confirmed WhatsApp order priced from the catalog (order.json)', async () => {
      const id = freshId('CART')
      const stock = await stockOf(t.db, shopId, 'SKU-TSHIRT-BLU-M')
      await deliver(readFixture('order', { [ORDER_ID]: id }))
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({ state: 'matched', match_method: 'native_order' })
      const { order, items } = await orderWithItems(t.db, message?.order_id ?? '')
      expect(order).toMatchObject({
        status: 'confirmed',
        source: 'whatsapp',
        currency: 'EUR',
        subtotal: 2 * 1990 + 1200,
        total: 2 * 1990 + 1200,
        note: 'Please gift-wrap',
        customer_wa_id: '5511987654321',
        customer_profile_name: 'Ana Souza',
      })
      expect(order.confirmed_at).not.toBeNull()
      expect(items).toMatchObject([
        {
          sku: 'SKU-TSHIRT-BLU-M',
          name: 'Blue T-shirt (M)',
          quantity: 2,
          unit_price: 1990,
          flags: null,
        },
        {
          sku: 'SKU-MUG-01',
          name: 'Mug',
          quantity: 1,
          unit_price: 1200,
          flags: { whatsappPrice: 950 },
        },
      ])
      expect(order.match).toEqual({
        messageId: id,
        method: 'native_order',
        edited: false,
        differences: [{ kind: 'price', sku: 'SKU-MUG-01', whatsapp: 950, catalog: 1200 }],
      })
      expect(await stockOf(t.db, shopId, 'SKU-TSHIRT-BLU-M')).toBe((stock ?? 0) - 2)
    })

    it('should confirm the order named in an interactive reply id (interactive-button-reply.json)', async () => {
      const order = await placeOrder()
      const id = freshId('REPLY')
      await deliver(
        readFixture('interactive-button-reply', {
          A7K2Q9: order.code,
          'wamid.HBgNINBOUND_BUTTON_REPLY_ID': id,
        }),
      )
      expect(await ownerOrder(order.code)).toMatchObject({
        status: 'confirmed',
        match: { messageId: id, method: 'code' },
      })
    })

    it('should record a template cancel button on its order without confirming it (template-button.json)', async () => {
      const order = await placeOrder()
      const id = freshId('QUICK')
      await deliver(
        readFixture('template-button', { A7K2Q9: order.code, 'wamid.HBgNQUICKREPLY_ID': id }),
      )
      expect((await ownerOrder(order.code)).status).toBe('pending')
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({ state: 'recorded', order_id: order.id, body: 'Cancel order' })
    })

    it('should confirm the order named in an image caption (image-caption.json)', async () => {
      const order = await placeOrder()
      const id = freshId('IMAGE')
      await deliver(readFixture('image-caption', { A7K2Q9: order.code, 'wamid.HBgNIMAGE_ID': id }))
      expect(await ownerOrder(order.code)).toMatchObject({
        status: 'confirmed',
        match: { method: 'code' },
      })
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({ type: 'image', body: `Receipt for #${order.code}` })
    })

    it('should record read and failed statuses on our outbound messages (status-read.json, status-failed.json)', async () => {
      const order = await placeOrder()
      const readId = freshId('OUT_READ')
      const failedId = freshId('OUT_FAILED')
      for (const [waId, key] of [
        [readId, 'a'],
        [failedId, 'b'],
      ] as const) {
        await t.db
          .insertInto('outbound_messages')
          .values({
            shop_id: shopId,
            order_id: order.id,
            kind: 'confirmation',
            dedupe_key: `test:${order.id}:${key}`,
            to_wa_id: '5511987654321',
            payload: JSON.stringify({ text: { body: 'hi' } }),
            wa_message_id: waId,
            status: 'sent',
          })
          .execute()
      }
      await deliver(readFixture('status-read', { 'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID': readId }))
      await deliver(readFixture('status-failed', { 'wamid.HBgNOUTBOUND_LATE_MSG_ID': failedId }))
      const rows = await t.db
        .selectFrom('outbound_messages')
        .select(['wa_message_id', 'status', 'last_error'])
        .where('order_id', '=', order.id)
        .orderBy('dedupe_key')
        .execute()
      expect(rows).toEqual([
        { wa_message_id: readId, status: 'read', last_error: null },
        {
          wa_message_id: failedId,
          status: 'failed',
          last_error: expect.stringContaining('131047'),
        },
      ])
      const [status] = await inboundByWaId(t.db, readId)
      expect(status).toMatchObject({ kind: 'status', state: 'recorded', order_id: order.id })
    })

    it('should never move a status backwards', async () => {
      const order = await placeOrder()
      const waId = freshId('OUT_ORDER')
      await t.db
        .insertInto('outbound_messages')
        .values({
          shop_id: shopId,
          order_id: order.id,
          kind: 'confirmation',
          dedupe_key: `test:${order.id}`,
          to_wa_id: '5511987654321',
          payload: JSON.stringify({}),
          wa_message_id: waId,
          status: 'sent',
        })
        .execute()
      const status = (s: string) =>
        readFixture('status-read', {
          'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID': waId,
          '"read"': `"${s}"`,
        })
      await deliver(status('read'))
      await deliver(status('delivered'))
      await deliver(status('sent'))
      const row = await t.db
        .selectFrom('outbound_messages')
        .select('status')
        .where('wa_message_id', '=', waId)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('read')
    })

    it('should keep a system message without a contacts block, outside the inbox (system-user-changed-number.json)', async () => {
      const id = freshId('SYSTEM')
      await deliver(readFixture('system-user-changed-number', { 'wamid.HBgNSYSTEM_ID': id }))
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({
        kind: 'message',
        type: 'system',
        state: 'recorded',
        order_id: null,
      })
      expect(message?.processed_at).not.toBeNull()
    })

    it('should put a first message after an ad that names no order in the inbox (text-with-ad-referral.json)', async () => {
      const id = freshId('REFERRAL')
      await deliver(readFixture('text-with-ad-referral', { 'wamid.HBgNREFERRAL_TEXT_ID': id }))
      const [message] = await inboundByWaId(t.db, id)
      expect(message).toMatchObject({ state: 'unmatched', order_id: null })
      expect(message?.payload).toMatchObject({ referral: { source_type: 'ad' } })
      const inbox = await client.get(`/api/shops/${slug}/inbox`)
      expect(inbox.body.messages.map((m: { id: string }) => m.id)).toContain(message?.id)
    })

    it('should route a batch with two business numbers to both shops and process every item (batch.json)', async () => {
      const first = await placeOrder()
      const second = await placeOrder(
        [{ sku: 'TEA', quantity: 1 }],
        { name: 'Li' },
        otherClient,
        otherSlug,
      )
      const ids = {
        text: freshId('BATCH_A'),
        other: freshId('BATCH_B'),
        status: freshId('BATCH_S'),
      }
      const raw = readFixture('batch', {
        A7K2Q9: first.code,
        B8M3R1: second.code,
        [TEXT_ID]: ids.text,
        'wamid.HBgNOTHER_NUMBER_ID': ids.other,
        'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID': ids.status,
      })
      const res = await postWebhook(app, raw)
      expect(await res.json()).toEqual({ received: true })
      await processPending(t.db, config)
      expect((await ownerOrder(first.code)).status).toBe('confirmed')
      expect((await ownerOrder(second.code, otherClient, otherSlug)).status).toBe('confirmed')
      const rows = await t.db
        .selectFrom('inbound_messages')
        .select(['wa_message_id', 'shop_id', 'state', 'processed_at'])
        .where('wa_message_id', 'in', Object.values(ids))
        .execute()
      expect(rows).toHaveLength(3)
      expect(rows.every((r) => r.processed_at !== null)).toBe(true)
      const other = rows.find((r) => r.wa_message_id === ids.other)
      expect(other?.shop_id).toBe(await shopIdOf(t.db, otherSlug))
      expect(rows.find((r) => r.wa_message_id === ids.status)?.state).toBe('recorded')
    })
  })

  describe('matching rules', () => {
    it('should read a code in any case, with spaces, without # and in look-alike letters', async () => {
      for (const write of [
        (c: string) => `my order is ${c.toLowerCase()} thanks`,
        (c: string) => `order # ${c.slice(0, 3)} ${c.slice(3)}`,
        (c: string) => `Order ${c.replace(/A/g, 'А').replace(/K/g, 'К').replace(/2/g, '２')} pls`,
      ]) {
        // Without a #, only codes mixing letters and digits are read (so words are not codes).
        let order = await placeOrder()
        while (!/\d/.test(order.code) || !/[A-Z]/.test(order.code)) order = await placeOrder()
        const id = freshId('TOLERANT')
        const payload = JSON.parse(readFixture('text', { [TEXT_ID]: id }))
        payload.entry[0].changes[0].value.messages[0].text.body = write(order.code)
        await deliver(JSON.stringify(payload))
        expect((await ownerOrder(order.code)).status).toBe('confirmed')
      }
    })

    it('should match a reply to our own message about the order by its context id', async () => {
      const order = await placeOrder()
      const ours = freshId('OURS')
      await t.db
        .insertInto('outbound_messages')
        .values({
          shop_id: shopId,
          order_id: order.id,
          kind: 'question',
          dedupe_key: `test:${ours}`,
          to_wa_id: '5511987654321',
          payload: JSON.stringify({}),
          wa_message_id: ours,
          status: 'delivered',
        })
        .execute()
      const id = freshId('CONTEXT')
      await deliver(
        readFixture('interactive-button-reply', {
          'confirm:A7K2Q9': 'yes',
          'wamid.HBgNOUTBOUND_CONFIRM_MSG_ID': ours,
          'wamid.HBgNINBOUND_BUTTON_REPLY_ID': id,
        }),
      )
      expect(await ownerOrder(order.code)).toMatchObject({
        status: 'confirmed',
        match: { method: 'context', messageId: id },
      })
    })

    it('should only suggest, never confirm, the pending order whose checkout phone is the sender (Brazilian 9)', async () => {
      const order = await placeOrder(undefined, { name: 'Bia', phone: '+55 21 8765 4321' })
      const id = freshId('PHONE')
      const payload = JSON.parse(
        readFixture('text', { [TEXT_ID]: id, 5511987654321: '5521987654321' }),
      )
      payload.entry[0].changes[0].value.messages[0].text.body = 'Hi, I just ordered on your shop'
      await deliver(JSON.stringify(payload))
      expect(await ownerOrder(order.code)).toMatchObject({ status: 'pending' })
      const inbox = await client.get(`/api/shops/${slug}/inbox`)
      const message = inbox.body.messages.find((m: { waMessageId: string }) => m.waMessageId === id)
      expect(message).toMatchObject({ state: 'unmatched', suggestedOrderCode: order.code })
      // The merchant accepts the suggestion: the link route confirms it.
      const linked = await client.post(`/api/shops/${slug}/inbox/${message.id}/link`, {
        orderCode: order.code,
      })
      expect(linked.status).toBe(200)
      expect(await ownerOrder(order.code)).toMatchObject({
        status: 'confirmed',
        match: { method: 'manual' },
      })
    })

    it('should suggest a Mexican sender with the extra 1 the order that gave the number without it', async () => {
      const order = await placeOrder(undefined, { name: 'Lu', phone: '+52 55 1234 5678' })
      const id = freshId('MEXICO')
      const payload = JSON.parse(
        readFixture('text', { [TEXT_ID]: id, 5511987654321: '5215512345678' }),
      )
      payload.entry[0].changes[0].value.messages[0].text.body = 'Hola'
      await deliver(JSON.stringify(payload))
      expect((await ownerOrder(order.code)).status).toBe('pending')
      const inbox = await client.get(`/api/shops/${slug}/inbox`)
      expect(
        inbox.body.messages.find((m: { waMessageId: string }) => m.waMessageId === id),
      ).toMatchObject({ suggestedOrderCode: order.code })
    })

    it('should read at most 3 codes from one message', async () => {
      const orders = []
      for (let i = 0; i < 5; i++) orders.push(await placeOrder())
      const id = freshId('MANY')
      const payload = JSON.parse(readFixture('text', { [TEXT_ID]: id }))
      // Thousands of made-up codes first, then real ones: none of the real ones is reached.
      const junk = Array.from({ length: 1000 }, () => `#${generateOrderCode()}`)
      payload.entry[0].changes[0].value.messages[0].text.body = [
        ...junk,
        ...orders.map((o) => `#${o.code}`),
      ].join(' ')
      await deliver(JSON.stringify(payload))
      for (const o of orders) expect((await ownerOrder(o.code)).status).toBe('pending')
      const id2 = freshId('FIVE')
      const payload2 = JSON.parse(readFixture('text', { [TEXT_ID]: id2 }))
      payload2.entry[0].changes[0].value.messages[0].text.body = orders
        .map((o) => `#${o.code}`)
        .join(' ')
      await deliver(JSON.stringify(payload2))
      const statuses = await Promise.all(orders.map(async (o) => (await ownerOrder(o.code)).status))
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(1)
      expect(statuses.slice(3)).toEqual(['pending', 'pending'])
    })

    it('should confirm by code from another number than the checkout phone, and flag it', async () => {
      const order = await placeOrder(undefined, { name: 'Eva', phone: '+33 6 12 34 56 78' })
      const id = freshId('OTHERNUM')
      const payload = JSON.parse(readFixture('text', { [TEXT_ID]: id }))
      payload.entry[0].changes[0].value.messages[0].text.body = `Order #${order.code}`
      await deliver(JSON.stringify(payload))
      expect(await ownerOrder(order.code)).toMatchObject({
        status: 'confirmed',
        match: { method: 'code', senderDiffers: true },
      })
      const same = await placeOrder(undefined, { name: 'Ana', phone: '+55 11 98765 4321' })
      const id2 = freshId('SAMENUM')
      const payload2 = JSON.parse(readFixture('text', { [TEXT_ID]: id2 }))
      payload2.entry[0].changes[0].value.messages[0].text.body = `Order #${same.code}`
      await deliver(JSON.stringify(payload2))
      expect(await ownerOrder(same.code)).toMatchObject({
        status: 'confirmed',
        match: { method: 'code', senderDiffers: false },
      })
    })

    it('should match an edited message and flag what the customer changed', async () => {
      const order = await placeOrder([
        { sku: 'SKU-TSHIRT-BLU-M', quantity: 1 },
        { sku: 'SKU-MUG-01', quantity: 1 },
      ])
      const edited = formatOrderMessage({
        shopName: 'Test Shop',
        currency: 'EUR',
        locale: 'en',
        code: order.code,
        items: [{ name: 'Blue T-shirt (M)', quantity: 3, lineTotal: 5970 }],
        subtotal: 5970,
        shippingTotal: 0,
        total: 5970,
        customer: { name: 'Ana' },
      })
      const id = freshId('EDITED')
      const payload = JSON.parse(readFixture('text', { [TEXT_ID]: id }))
      payload.entry[0].changes[0].value.messages[0].text.body = edited
      await deliver(JSON.stringify(payload))
      const seen = await ownerOrder(order.code)
      expect(seen.status).toBe('confirmed')
      expect(seen.match).toEqual({
        messageId: id,
        method: 'code',
        edited: true,
        differences: [
          { kind: 'quantity', name: 'Blue T-shirt (M)', expected: 1, got: 3 },
          { kind: 'removed', name: 'Mug', quantity: 1 },
          { kind: 'total', expected: order.total, got: 5970 },
        ],
        senderDiffers: false,
      })
    })

    it('should record a second message for a confirmed order without applying it again', async () => {
      const order = await placeOrder()
      const first = freshId('FIRST')
      const second = freshId('SECOND')
      await deliver(readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: first }))
      const confirmedAt = (await ownerOrder(order.code)).confirmedAt
      await deliver(
        readFixture('image-caption', { A7K2Q9: order.code, 'wamid.HBgNIMAGE_ID': second }),
      )
      const seen = await ownerOrder(order.code)
      expect(seen.confirmedAt).toBe(confirmedAt)
      expect(seen.match.messageId).toBe(first)
      const [message] = await inboundByWaId(t.db, second)
      expect(message).toMatchObject({ state: 'recorded', order_id: order.id })
    })

    it('should never match a code of another shop', async () => {
      const foreign = await placeOrder(
        [{ sku: 'TEA', quantity: 1 }],
        { name: 'Li' },
        otherClient,
        otherSlug,
      )
      const id = freshId('FOREIGN')
      await deliver(readFixture('text', { A7K2Q9: foreign.code, [TEXT_ID]: id }))
      expect((await ownerOrder(foreign.code, otherClient, otherSlug)).status).toBe('pending')
      const [message] = await inboundByWaId(t.db, id)
      expect(message?.state).toBe('unmatched')
    })

    it('should keep unknown SKUs and stock that ran out as flagged lines of a native cart', async () => {
      const id = freshId('ODD_CART')
      const payload = JSON.parse(readFixture('order', { [ORDER_ID]: id }))
      payload.entry[0].changes[0].value.messages[0].order.product_items = [
        { product_retailer_id: 'SKU-LAST', quantity: 2, item_price: 7, currency: 'EUR' },
        { product_retailer_id: 'SKU-GHOST', quantity: 1, item_price: 5, currency: 'EUR' },
        { product_retailer_id: 'SKU-TSHIRT-BLU-M', quantity: 1, item_price: 19.9, currency: 'USD' },
      ]

      await deliver(JSON.stringify(payload))
      const [message] = await inboundByWaId(t.db, id)
      expect(message?.state).toBe('matched')
      const { order, items } = await orderWithItems(t.db, message?.order_id ?? '')
      expect(order).toMatchObject({ status: 'confirmed', source: 'whatsapp' })
      expect(items).toMatchObject([
        { sku: 'SKU-LAST', quantity: 2, unit_price: 700, flags: { outOfStock: true } },
        { sku: 'SKU-GHOST', product_id: null, unit_price: 500, flags: { unknownSku: true } },
        { sku: 'SKU-TSHIRT-BLU-M', unit_price: 1990, flags: { whatsappCurrency: 'USD' } },
      ])
      expect(order.match?.differences).toEqual(
        expect.arrayContaining([
          { kind: 'stock', sku: 'SKU-LAST', requested: 2 },
          { kind: 'unknown_sku', sku: 'SKU-GHOST' },
          { kind: 'currency', sku: 'SKU-TSHIRT-BLU-M', whatsapp: 'USD', catalog: 'EUR' },
        ]),
      )
      expect(await stockOf(t.db, shopId, 'SKU-LAST')).toBe(1)
    })
  })
})
