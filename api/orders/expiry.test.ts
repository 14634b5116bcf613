import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { confirmPendingOrder } from '../../db/order-matching.queries.ts'
import { findShopOrderByCode } from '../../db/orders.queries.ts'
import { insertFixtureProducts, shopIdOf, stockOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { processPending } from '../whatsapp/process.ts'
import {
  fullWebhookConfig,
  PHONE_NUMBER_ID,
  postWebhook,
  readFixture,
  webhookConfig,
} from '../whatsapp/webhook-test-kit.ts'
import { expireDueOrders, reviveExpiredOrder } from './expiry.ts'

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const HOUR = 3_600_000

describe.each(testEngines())('order expiry (%s)', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let client: TestClient
  let slug: string
  let shopId: string
  let unique = 0
  const config = fullWebhookConfig()

  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({ db: t.db, config: webhookConfig() })
    client = new TestClient(app)
    // The shop's number is the one the webhook fixtures were sent to.
    slug = await client.signupWithShop(undefined, {
      whatsappPhone: '+1 555 078 3881',
      whatsappPhoneNumberId: PHONE_NUMBER_ID,
    })
    shopId = await shopIdOf(t.db, slug)
    await insertFixtureProducts(t.db, shopId, [
      { sku: 'MUG', name: 'Mug', price: 1200, stock: 10 },
      {
        sku: 'TEE',
        name: 'T-shirt',
        price: 1990,
        options: [{ name: 'Size', values: ['M'] }],
        variants: [{ sku: 'TEE-M', options: { Size: 'M' }, stock: 5 }],
      },
      { sku: 'LAST', name: 'Last one', price: 700, stock: 1 },
      { sku: 'FREE', name: 'Sticker', price: 100 },
    ])
  })
  afterAll(async () => {
    await processPending(t.db, config)
    await t.destroy()
  })

  const placeOrder = async (items: { sku: string; quantity: number }[]) => {
    const res = await client.post(`/api/shops/${slug}/orders`, { items, customer: { name: 'Ana' } })
    expect(res.status).toBe(201)
    return res.body as { id: string; code: string; token: string }
  }
  /** Moves an order's deadline, as if the clock had moved past (or before) it. */
  const setExpiry = (orderId: string, offsetMs: number) =>
    sql`update orders set expires_at = now() + ${`${offsetMs} milliseconds`}::interval
        where id = ${orderId}`.execute(t.db)
  const ownerOrder = async (code: string) => {
    const res = await client.get(`/api/shops/${slug}/orders/${code}`)
    expect(res.status).toBe(200)
    return res.body
  }
  const sendLateMessage = async (code: string) => {
    const raw = readFixture('text', { A7K2Q9: code, [TEXT_ID]: `wamid.late_${++unique}` })
    expect((await postWebhook(app, raw)).status).toBe(200)
    await processPending(t.db, config)
  }

  it('should give a new pending order a deadline 24 hours from its creation by default', async () => {
    const placed = await placeOrder([{ sku: 'FREE', quantity: 1 }])
    const row = await t.db
      .selectFrom('orders')
      .select(['created_at', 'expires_at'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow()
    expect(row.expires_at).not.toBeNull()
    const hours = ((row.expires_at?.getTime() ?? 0) - row.created_at.getTime()) / HOUR
    expect(hours).toBeCloseTo(24, 2)
    const pub = await client.get(`/api/orders/${placed.token}`)
    expect(pub.body.expiresAt).toBe(row.expires_at?.toISOString())
  })

  it("should use the shop's own expiry time and refuse one outside 1 to 720 hours", async () => {
    for (const bad of [0, 721, 1.5, '12']) {
      const res = await client.patch(`/api/shops/${slug}`, { orderExpiryHours: bad })
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe('orderExpiryHours')
    }
    const res = await client.patch(`/api/shops/${slug}`, { orderExpiryHours: 2 })
    expect(res.status).toBe(200)
    expect(res.body.orderExpiryHours).toBe(2)
    const placed = await placeOrder([{ sku: 'FREE', quantity: 1 }])
    const { created_at, expires_at } = await t.db
      .selectFrom('orders')
      .select(['created_at', 'expires_at'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow()
    expect(((expires_at?.getTime() ?? 0) - created_at.getTime()) / HOUR).toBeCloseTo(2, 2)
    expect((await client.patch(`/api/shops/${slug}`, { orderExpiryHours: 24 })).status).toBe(200)
  })

  it('should say on the order page when a pending order lapses', async () => {
    const placed = await placeOrder([{ sku: 'FREE', quantity: 1 }])
    const page = await client.get(`/o/${placed.token}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('data-expires')
    expect(page.text).toContain('If it is not sent by')
  })

  it('should lapse overdue pending orders, return their stock and record an expired event', async () => {
    const due = await placeOrder([
      { sku: 'MUG', quantity: 3 },
      { sku: 'TEE-M', quantity: 2 },
    ])
    const notDue = await placeOrder([{ sku: 'MUG', quantity: 1 }])
    const confirmed = await placeOrder([{ sku: 'MUG', quantity: 1 }])
    expect(
      (await client.patch(`/api/shops/${slug}/orders/${confirmed.code}`, { status: 'confirmed' }))
        .status,
    ).toBe(200)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(5)
    expect(await stockOf(t.db, shopId, 'TEE-M')).toBe(3)
    await setExpiry(due.id, -60_000)
    await setExpiry(confirmed.id, -60_000) // no longer pending: never lapses

    expect(await expireDueOrders(t.db)).toBe(1)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(8)
    expect(await stockOf(t.db, shopId, 'TEE-M')).toBe(5)
    const seen = await ownerOrder(due.code)
    expect(seen.status).toBe('expired')
    expect(seen.expiresAt).toBeNull()
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual(['created', 'expired'])
    expect(seen.events[1]).toMatchObject({ fromStatus: 'pending', toStatus: 'expired' })
    expect((await ownerOrder(notDue.code)).status).toBe('pending')
    expect((await ownerOrder(confirmed.code)).status).toBe('confirmed')

    // A second sweep finds nothing: the stock came back once.
    expect(await expireDueOrders(t.db)).toBe(0)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(8)

    // The shopper sees that it lapsed.
    const pub = await client.get(`/api/orders/${due.token}`)
    expect(pub.body).toMatchObject({ status: 'expired', expiresAt: null })
    const page = await client.get(`/o/${due.token}`)
    expect(page.text).toContain('data-status="expired"')
    expect(page.text).toContain('Lapsed')
    expect(page.text).toContain('it lapsed and its items went back on sale')
    expect(page.text).not.toContain('data-expires')

    // The merchant can no longer move it: its stock is already back.
    const cancel = await client.patch(`/api/shops/${slug}/orders/${due.code}`, {
      status: 'cancelled',
    })
    expect(cancel.status).toBe(409)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(8)
    const list = await client.get(`/api/shops/${slug}/orders?status=expired`)
    expect(list.body.orders.map((o: { code: string }) => o.code)).toContain(due.code)
  })

  it('should not lapse an order while a message for it is being applied', async () => {
    const placed = await placeOrder([{ sku: 'MUG', quantity: 1 }])
    const before = await stockOf(t.db, shopId, 'MUG')
    await setExpiry(placed.id, -1000)
    let sweep: Promise<number> | undefined
    await t.db.transaction().execute(async (trx) => {
      const row = await findShopOrderByCode(trx, shopId, placed.code)
      if (!row) throw new Error('order not found')
      expect((await reviveExpiredOrder(trx, row)).status).toBe('pending')
      // PostgreSQL: another connection sweeps now and skips the locked order. PGlite has one
      // connection, so its sweep simply runs after this transaction.
      sweep = expireDueOrders(t.db)
      if (engine === 'postgres') await sweep
      // As message processing does: confirms only an order still pending.
      const match = { messageId: 'wamid.race', method: 'code', edited: false, differences: [] }
      const confirmed = await confirmPendingOrder(trx, row.id, {
        waId: null,
        userId: null,
        profileName: null,
        match,
      })
      expect(confirmed?.status).toBe('confirmed')
    })
    await sweep
    expect((await ownerOrder(placed.code)).status).toBe('confirmed')
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(before)
  })

  it('should leave lapsed orders out of the dashboard counts and top products', async () => {
    const other = new TestClient(app)
    const otherSlug = await other.signupWithShop()
    await insertFixtureProducts(t.db, await shopIdOf(t.db, otherSlug), [
      { sku: 'JAM', name: 'Jam', price: 650 },
    ])
    const res = await other.post(`/api/shops/${otherSlug}/orders`, {
      items: [{ sku: 'JAM', quantity: 2 }],
      customer: { name: 'Ana' },
    })
    expect(res.status).toBe(201)
    let dash = await other.get(`/api/shops/${otherSlug}/dashboard`)
    expect(dash.body.totals.orders).toBe(1)
    expect(dash.body.topProducts).toHaveLength(1)
    await setExpiry(res.body.id, -1000)
    await expireDueOrders(t.db)
    dash = await other.get(`/api/shops/${otherSlug}/dashboard`)
    expect(dash.body.totals.orders).toBe(0)
    expect(dash.body.topProducts).toEqual([])
  })

  it('should return the stock exactly once when several sweeps run at the same time', async () => {
    const before = await stockOf(t.db, shopId, 'MUG')
    const orders = []
    for (let i = 0; i < 6; i++) orders.push(await placeOrder([{ sku: 'MUG', quantity: 1 }]))
    for (const o of orders) await setExpiry(o.id, -1000)
    const counts = await Promise.all([expireDueOrders(t.db), expireDueOrders(t.db)])
    expect(counts[0] + counts[1]).toBe(6)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(before)
    const events = await t.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(
        'order_id',
        'in',
        orders.map((o) => o.id),
      )
      .where('type', '=', 'expired')
      .executeTakeFirstOrThrow()
    expect(Number(events.n)).toBe(6)
  })

  it('should revive a lapsed order when its late WhatsApp message arrives and the stock is there', async () => {
    const placed = await placeOrder([{ sku: 'MUG', quantity: 2 }])
    const before = await stockOf(t.db, shopId, 'MUG')
    await setExpiry(placed.id, -1000)
    await expireDueOrders(t.db)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe((before ?? 0) + 2)

    await sendLateMessage(placed.code)
    const seen = await ownerOrder(placed.code)
    expect(seen.status).toBe('confirmed')
    expect(seen.outOfStockOnRevival).toBe(false)
    expect(seen.match).toMatchObject({ method: 'code' })
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'expired',
      'revived',
      'confirmed',
    ])
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(before)
    expect((await client.get(`/api/orders/${placed.token}`)).body.status).toBe('confirmed')
  })

  it('should still link a late order whose stock was sold meanwhile, flagged for the merchant', async () => {
    const late = await placeOrder([{ sku: 'LAST', quantity: 1 }])
    expect(await stockOf(t.db, shopId, 'LAST')).toBe(0)
    await setExpiry(late.id, -1000)
    await expireDueOrders(t.db)
    expect(await stockOf(t.db, shopId, 'LAST')).toBe(1)
    await placeOrder([{ sku: 'LAST', quantity: 1 }]) // someone else buys the last one
    expect(await stockOf(t.db, shopId, 'LAST')).toBe(0)

    await sendLateMessage(late.code)
    const seen = await ownerOrder(late.code)
    expect(seen.status).toBe('confirmed')
    expect(seen.outOfStockOnRevival).toBe(true)
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'expired',
      'out_of_stock_on_revival',
      'confirmed',
    ])
    expect(await stockOf(t.db, shopId, 'LAST')).toBe(0)

    // It holds no stock, so cancelling it gives none back.
    const cancel = await client.patch(`/api/shops/${slug}/orders/${late.code}`, {
      status: 'cancelled',
    })
    expect(cancel.status).toBe(200)
    expect(await stockOf(t.db, shopId, 'LAST')).toBe(0)
  })
})
