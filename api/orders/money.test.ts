import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_AMOUNT } from '../../core/money.ts'
import { shopIdOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const INT32_MAX = 2_147_483_647

describe.each(testEngines())('large amounts and positions (%s)', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop(undefined, { currency: 'VND' })
    shopId = await shopIdOf(t.db, slug)
  })
  afterAll(() => t.destroy())

  const product = (values: object) => client.post(`/api/shops/${slug}/products`, values)
  const order = (items: { sku: string; quantity: number }[]) =>
    client.post(`/api/shops/${slug}/orders`, { items, customer: { name: 'Ana' } })

  it('should take an order whose total passes 2^31 minor units and read it back as a number', async () => {
    expect((await product({ sku: 'BIKE', name: 'Bike', price: 2_150_000 })).status).toBe(201)
    expect((await product({ sku: 'SCOOTER', name: 'Scooter', price: 45_000_000_000 })).status).toBe(
      201,
    )
    const placed = await order([
      { sku: 'BIKE', quantity: 999 },
      { sku: 'SCOOTER', quantity: 3 },
    ])
    expect(placed.status).toBe(201)
    const total = 999 * 2_150_000 + 3 * 45_000_000_000
    expect(total).toBeGreaterThan(INT32_MAX)
    expect(placed.body).toMatchObject({ subtotal: total, total })
    const owner = await client.get(`/api/shops/${slug}/orders/${placed.body.code}`)
    expect(owner.body.total).toBe(total)
    expect(owner.body.items[0]).toMatchObject({ unitPrice: 2_150_000, lineTotal: 999 * 2_150_000 })
    const pub = await client.get(`/api/orders/${placed.body.token}`)
    expect(pub.body.total).toBe(total)
    const catalog = await client.get(`/api/shops/${slug}/catalog`)
    const scooter = catalog.body.products.find((p: { sku: string }) => p.sku === 'SCOOTER')
    expect(scooter.price).toBe(45_000_000_000)
    expect(typeof scooter.price).toBe('number')
  })

  it('should refuse a price above the cap with amount_too_large naming the field', async () => {
    const counts = await tableCounts(t.db)
    const cases: [string, object, string][] = [
      [`/api/shops/${slug}/products`, { sku: 'X1', name: 'X', price: MAX_AMOUNT + 1 }, 'price'],
      [
        `/api/shops/${slug}/products`,
        { sku: 'X2', name: 'X', price: 1, compareAtPrice: 2 ** 62 },
        'compareAtPrice',
      ],
      [`/api/shops/${slug}/shipping-methods`, { name: 'Ship', price: MAX_AMOUNT * 10 }, 'price'],
      [
        `/api/shops/${slug}/shipping-methods`,
        { name: 'Ship', price: 0, freeOver: MAX_AMOUNT + 1 },
        'freeOver',
      ],
    ]
    for (const [path, body, field] of cases) {
      const res = await client.post(path, body)
      expect(res.status, `${path} ${field}`).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'amount_too_large', field })
    }
    expect(await tableCounts(t.db)).toEqual(counts)
  })

  it('should refuse an order whose total passes the cap', async () => {
    expect((await product({ sku: 'YACHT', name: 'Yacht', price: MAX_AMOUNT })).status).toBe(201)
    const counts = await tableCounts(t.db)
    const res = await order([{ sku: 'YACHT', quantity: 2 }])
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'amount_too_large', field: 'items' })
    expect(await tableCounts(t.db)).toEqual(counts)
  })

  it('should refuse a position near the integer limit and still add after a row that holds it', async () => {
    for (const [path, body] of [
      [`/api/shops/${slug}/categories`, { name: 'Far', position: INT32_MAX }],
      [`/api/shops/${slug}/products`, { sku: 'FAR', name: 'Far', price: 1, position: INT32_MAX }],
      [`/api/shops/${slug}/shipping-methods`, { name: 'Far', price: 1, position: INT32_MAX }],
    ] as const) {
      const res = await client.post(path, body)
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe('position')
    }
    // Rows already at the limit (an old import, a hand edit): the next one still goes in.
    for (const table of ['categories', 'products', 'shipping_methods'] as const) {
      await sql`update ${sql.table(table)} set position = ${INT32_MAX} where shop_id = ${shopId}`.execute(
        t.db,
      )
    }
    expect((await client.post(`/api/shops/${slug}/categories`, { name: 'A' })).status).toBe(201)
    await sql`update categories set position = ${INT32_MAX} where shop_id = ${shopId}`.execute(t.db)
    expect((await client.post(`/api/shops/${slug}/categories`, { name: 'B' })).status).toBe(201)
    expect((await product({ sku: 'NEXT', name: 'Next', price: 1 })).status).toBe(201)
    const ship = await client.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Next',
      price: 1,
    })
    expect(ship.status).toBe(201)
    await sql`update shipping_methods set position = ${INT32_MAX} where shop_id = ${shopId}`.execute(
      t.db,
    )
    expect(
      (await client.post(`/api/shops/${slug}/shipping-methods`, { name: 'Again', price: 1 }))
        .status,
    ).toBe(201)
  })
})
