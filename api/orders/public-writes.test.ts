import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SUPPORTED_LOCALES } from '../../core/locale.ts'
import { insertFixtureProducts, shopIdOf, stockOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  holdTransaction,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { shopStrings } from '../../shop/strings.ts'
import { createApp } from '../app.ts'
import { defaultConfig } from '../config.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { ORDER_WRITES_AT_ONCE, ORDER_WRITES_WAITING } from './checkout.ts'

describe.each(testEngines())('public writes are limited (%s)', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop()
    shopId = await shopIdOf(t.db, slug)
    await insertFixtureProducts(t.db, shopId, [
      { sku: 'MUG', name: 'Mug', price: 1200, stock: 5000 },
      { sku: 'PIN', name: 'Pin', price: 100 },
    ])
  })
  afterAll(() => t.destroy())

  const body = (items: { sku: string; quantity: number }[]) => ({
    items,
    customer: { name: 'Ana' },
  })

  it('should refuse an order past 20 per client in 10 minutes by default, with Retry-After', async () => {
    expect(defaultConfig().publicRateLimits.orders).toEqual({ limit: 20, windowMs: 600_000 })
    // The production defaults, not the test client's raised ones.
    const shopper = new TestClient(createApp({ db: t.db }))
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) {
      statuses.push(
        (await shopper.post(`/api/shops/${slug}/orders`, body([{ sku: 'PIN', quantity: 1 }])))
          .status,
      )
    }
    expect(statuses.every((s) => s === 201)).toBe(true)
    const before = await tableCounts(t.db)
    const refused = await shopper.post(
      `/api/shops/${slug}/orders`,
      body([{ sku: 'PIN', quantity: 1 }]),
    )
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500)
    expect(refused.body.error.code).toBe('rate_limited')
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should take its limits from the app configuration', async () => {
    const strict = new TestClient(
      createTestApp({
        db: t.db,
        config: {
          publicRateLimits: {
            orders: { limit: 2, windowMs: 60_000 },
            events: { limit: 3, windowMs: 60_000 },
          },
        },
      }),
    )
    // Another bucket than the test above: a different address behind a trusted proxy is not
    // needed, the counters are per route name and address, and this app shares the database.
    await t.db.deleteFrom('rate_limits').execute()
    const orders = []
    for (let i = 0; i < 3; i++) {
      orders.push(
        (await strict.post(`/api/shops/${slug}/orders`, body([{ sku: 'PIN', quantity: 1 }])))
          .status,
      )
    }
    expect(orders).toEqual([201, 201, 429])
    const events = []
    for (let i = 0; i < 4; i++) {
      const res = await strict.request(
        'POST',
        '/api/events',
        JSON.stringify({ shop: slug, type: 'open' }),
        {
          'content-type': 'text/plain',
        },
      )
      events.push(res.status)
    }
    expect(events).toEqual([204, 204, 204, 429])
    await t.db.deleteFrom('rate_limits').execute()
  })

  it('should refuse orders at once past those waiting for their turn, and write none of them', async () => {
    // Holding the stock row (on PGlite, its one connection) keeps every admitted order waiting.
    await client.post(`/api/shops/${slug}/orders`, body([{ sku: 'MUG', quantity: 1 }]))
    const before = await stockOf(t.db, shopId, 'MUG')
    const counts = await tableCounts(t.db)
    const hold = holdTransaction(t.db, (trx) =>
      trx
        .selectFrom('products')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('sku', '=', 'MUG')
        .forUpdate()
        .execute(),
    )
    await hold.holding
    const admitted = ORDER_WRITES_AT_ONCE + ORDER_WRITES_WAITING
    const sent = admitted + 30
    let answered = 0
    const orders = Array.from({ length: sent }, () =>
      client.post(`/api/shops/${slug}/orders`, body([{ sku: 'MUG', quantity: 1 }])).finally(() => {
        answered++
      }),
    )
    // The refusals come back while the admitted orders still wait.
    await vi.waitFor(() => expect(answered).toBe(sent - admitted), { timeout: 10_000 })
    hold.release()
    await hold.done
    const answers = await Promise.all(orders)
    const refused = answers.filter((a) => a.status === 503)
    expect(refused).toHaveLength(sent - admitted)
    expect(refused[0]?.body.error.code).toBe('busy')
    expect(refused[0]?.headers.get('retry-after')).toBe('1')
    expect(answers.filter((a) => a.status === 201)).toHaveLength(admitted)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe((before ?? 0) - admitted)
    const after = await tableCounts(t.db)
    expect(after.orders).toBe((counts.orders ?? 0) + admitted)
  })

  it('should have the refusal in every language of the shop', () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(shopStrings(locale).rateLimited.length).toBeGreaterThan(10)
    }
  })

  it('should cap the quantity of a SKU after merging its lines, naming the line', async () => {
    const before = await stockOf(t.db, shopId, 'MUG')
    const counts = await tableCounts(t.db)
    const twice = await client.post(
      `/api/shops/${slug}/orders`,
      body([
        { sku: 'PIN', quantity: 1 },
        { sku: 'MUG', quantity: 999 },
        { sku: 'MUG', quantity: 999 },
      ]),
    )
    expect(twice.status).toBe(400)
    expect(twice.body.error).toMatchObject({
      code: 'quantity_too_large',
      field: 'items.1.quantity',
    })
    const hundred = await client.post(
      `/api/shops/${slug}/orders`,
      body(Array.from({ length: 100 }, () => ({ sku: 'MUG', quantity: 999 }))),
    )
    expect(hundred.status).toBe(400)
    expect(hundred.body.error.field).toBe('items.0.quantity')
    expect(await stockOf(t.db, shopId, 'MUG')).toBe(before)
    expect(await tableCounts(t.db)).toEqual(counts)

    const atCap = await client.post(
      `/api/shops/${slug}/orders`,
      body([
        { sku: 'MUG', quantity: 500 },
        { sku: 'MUG', quantity: 499 },
      ]),
    )
    expect(atCap.status).toBe(201)
    expect(await stockOf(t.db, shopId, 'MUG')).toBe((before ?? 0) - 999)
  })
})
