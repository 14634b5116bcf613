import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  insertFixtureProducts,
  insertFixtureShipping,
  shopIdOf,
} from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { expireDueOrders } from './expiry.ts'

describe.each(testEngines())('checkout with discounts and minimums on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string
  let courier: string
  let cakesId: string

  const order = (body: Record<string, unknown>) =>
    client.post(`/api/shops/${slug}/orders`, {
      customer: { name: 'Ana', phone: '+33 6 11 22 33 44' },
      ...body,
    })
  const discount = async (body: Record<string, unknown>) => {
    const res = await client.post(`/api/shops/${slug}/discounts`, body)
    if (res.status !== 201) throw new Error(res.text)
    return res.body as { id: string; code: string }
  }
  const uses = async (id: string) =>
    (await client.get(`/api/shops/${slug}/discounts/${id}`)).body.uses as number

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop()
    shopId = await shopIdOf(t.db, slug)
    const cakes = await client.post(`/api/shops/${slug}/categories`, { name: 'Cakes' })
    cakesId = cakes.body.id
    await insertFixtureProducts(t.db, shopId, [
      { sku: 'CAKE', name: 'Cake', price: 2000, categoryId: cakesId },
      { sku: 'MUG', name: 'Mug', price: 1000 },
      { sku: 'PIN', name: 'Pin', price: 100 },
    ])
    courier = await insertFixtureShipping(t.db, shopId, { name: 'Courier', price: 500 })
  })
  afterAll(() => t.destroy())

  it('should take a percentage off, matching the code in any case, and show it', async () => {
    const d = await discount({ code: 'Hello10', percentOff: 10 })
    const res = await order({
      items: [
        { sku: 'CAKE', quantity: 1 },
        { sku: 'MUG', quantity: 1 },
      ],
      shippingMethodId: courier,
      discountCode: ' hello10 ',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      subtotal: 3000,
      discountCode: 'Hello10',
      discountTotal: 300,
      shippingTotal: 500,
      total: 3200,
    })
    expect(res.body.message).toContain('Discount (Hello10): -€3.00')
    expect(await uses(d.id)).toBe(1)
    const owner = await client.get(`/api/shops/${slug}/orders/${res.body.code}`)
    expect(owner.body).toMatchObject({ discountCode: 'Hello10', discountTotal: 300, total: 3200 })
    const plain = await order({ items: [{ sku: 'MUG', quantity: 1 }] })
    expect(plain.body).toMatchObject({ discountCode: null, discountTotal: 0, total: 1000 })
  })

  it('should limit a category discount to its lines and never go below zero', async () => {
    await discount({ code: 'CAKES', amountOff: 5000, categoryIds: [cakesId] })
    const res = await order({
      items: [
        { sku: 'CAKE', quantity: 1 },
        { sku: 'MUG', quantity: 2 },
      ],
      discountCode: 'cakes',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({ subtotal: 4000, discountTotal: 2000, total: 2000 })
  })

  it('should refuse unknown, expired, future and under-minimum codes naming discountCode', async () => {
    await discount({ code: 'OLD', percentOff: 5, endsAt: '2020-01-01T00:00:00Z' })
    await discount({ code: 'LATER', percentOff: 5, startsAt: '2999-01-01T00:00:00Z' })
    await discount({ code: 'BIG', percentOff: 5, minSubtotal: 5000 })
    const before = await tableCounts(t.db)
    const cases: [string, string][] = [
      ['NOPE', 'invalid_discount'],
      ['OLD', 'invalid_discount'],
      ['LATER', 'invalid_discount'],
      ['BIG', 'below_discount_minimum'],
    ]
    for (const [code, error] of cases) {
      const res = await order({ items: [{ sku: 'CAKE', quantity: 1 }], discountCode: code })
      expect(res.status, code).toBe(400)
      expect(res.body.error).toMatchObject({ code: error, field: 'discountCode' })
    }
    const big = await order({ items: [{ sku: 'CAKE', quantity: 1 }], discountCode: 'BIG' })
    expect(big.body.error).toMatchObject({ missing: 3000 })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse an order below the shop or method minimum with below_minimum', async () => {
    const shop = await client.patch(`/api/shops/${slug}`, { minOrderAmount: 500 })
    expect(shop.status, shop.text).toBe(200)
    expect(shop.body.minOrderAmount).toBe(500)
    const method = await client.patch(`/api/shops/${slug}/shipping-methods/${courier}`, {
      minOrderAmount: 1500,
    })
    expect(method.body.minOrderAmount).toBe(1500)
    const catalog = await client.get(`/api/shops/${slug}/catalog`)
    expect(catalog.body.shop.minOrderAmount).toBe(500)
    expect(catalog.body.shippingMethods[0].minOrderAmount).toBe(1500)
    const bad = await client.patch(`/api/shops/${slug}`, { minOrderAmount: -1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('minOrderAmount')
    try {
      const before = await tableCounts(t.db)
      const small = await order({ items: [{ sku: 'PIN', quantity: 2 }] })
      expect(small.status).toBe(400)
      expect(small.body.error).toMatchObject({ code: 'below_minimum', missing: 300 })
      const byMethod = await order({
        items: [{ sku: 'MUG', quantity: 1 }],
        shippingMethodId: courier,
      })
      expect(byMethod.status).toBe(400)
      expect(byMethod.body.error).toMatchObject({ code: 'below_minimum', missing: 500 })
      expect(await tableCounts(t.db)).toEqual(before)
      const enough = await order({ items: [{ sku: 'PIN', quantity: 5 }] })
      expect(enough.status).toBe(201)
    } finally {
      await client.patch(`/api/shops/${slug}`, { minOrderAmount: null })
      await client.patch(`/api/shops/${slug}/shipping-methods/${courier}`, { minOrderAmount: null })
    }
  })

  it('should quote the saving and the amount missing for the minimum, writing nothing', async () => {
    await discount({ code: 'QUOTE20', percentOff: 20 })
    await client.patch(`/api/shops/${slug}`, { minOrderAmount: 2500 })
    try {
      const before = await tableCounts(t.db)
      const quote = await client.post(`/api/shops/${slug}/quote`, {
        items: [{ sku: 'CAKE', quantity: 1 }],
        shippingMethodId: courier,
        discountCode: 'quote20',
      })
      expect(quote.status, quote.text).toBe(200)
      expect(quote.body).toEqual({
        subtotal: 2000,
        discountTotal: 400,
        shippingTotal: 500,
        total: 2100,
        discountCode: 'QUOTE20',
        missingForMinimum: 500,
      })
      const plain = await client.post(`/api/shops/${slug}/quote`, {
        items: [{ sku: 'CAKE', quantity: 2 }],
      })
      expect(plain.body).toMatchObject({ discountCode: null, discountTotal: 0, total: 4000 })
      expect(plain.body.missingForMinimum).toBeNull()
      const bad = await client.post(`/api/shops/${slug}/quote`, {
        items: [{ sku: 'CAKE', quantity: 1 }],
        discountCode: 'NOPE',
      })
      expect(bad.status).toBe(400)
      expect(bad.body.error).toMatchObject({ code: 'invalid_discount', field: 'discountCode' })
      const unknown = await client.post(`/api/shops/${slug}/quote`, {
        items: [{ sku: 'NOPE', quantity: 1 }],
      })
      expect(unknown.status).toBe(400)
      expect(unknown.body.error.field).toBe('items.0.sku')
      expect(await tableCounts(t.db)).toEqual(before)
    } finally {
      await client.patch(`/api/shops/${slug}`, { minOrderAmount: null })
    }
  })

  it('should price a method with areas by the area named, its district or a postal code', async () => {
    const created = await client.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'City courier',
      price: 900,
      areas: [
        {
          name: 'Centre',
          postalPrefixes: ['750'],
          districts: ['Marais'],
          fee: 300,
          freeOver: 2500,
        },
        { name: 'Suburbs', postalPrefixes: ['92', '93'], districts: [], fee: 700, freeOver: null },
      ],
    })
    expect(created.status, created.text).toBe(201)
    expect(created.body.areas).toHaveLength(2)
    const method = created.body.id
    const place = (deliveryArea?: string) =>
      order({ items: [{ sku: 'MUG', quantity: 1 }], shippingMethodId: method, deliveryArea })
    const byPostal = await place('92 100')
    expect(byPostal.status, byPostal.text).toBe(201)
    expect(byPostal.body).toMatchObject({ shippingTotal: 700, total: 1700 })
    const owner = await client.get(`/api/shops/${slug}/orders/${byPostal.body.code}`)
    expect(owner.body.deliveryArea).toBe('Suburbs')
    expect((await place('marais')).body).toMatchObject({ shippingTotal: 300 })
    expect((await place('centre')).body).toMatchObject({ shippingTotal: 300 })
    const free = await order({
      items: [{ sku: 'CAKE', quantity: 2 }],
      shippingMethodId: method,
      deliveryArea: '75011',
    })
    expect(free.body).toMatchObject({ shippingTotal: 0 })
    const before = await tableCounts(t.db)
    const outside = await place('13001')
    expect(outside.status).toBe(400)
    expect(outside.body.error).toMatchObject({ code: 'outside_areas', field: 'deliveryArea' })
    const missing = await place()
    expect(missing.status).toBe(400)
    expect(missing.body.error.field).toBe('deliveryArea')
    expect(await tableCounts(t.db)).toEqual(before)
    const quote = await client.post(`/api/shops/${slug}/quote`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      shippingMethodId: method,
      deliveryArea: '93200',
    })
    expect(quote.body).toMatchObject({ shippingTotal: 700, total: 1700 })
    // Before the shopper picks an area, a quote prices the method's own fee.
    const early = await client.post(`/api/shops/${slug}/quote`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      shippingMethodId: method,
    })
    expect(early.status, early.text).toBe(200)
    const bad = await client.patch(`/api/shops/${slug}/shipping-methods/${method}`, {
      areas: [{ name: 'X', postalPrefixes: [], districts: [], fee: -1, freeOver: null }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('areas.0.fee')
    await client.patch(`/api/shops/${slug}/shipping-methods/${method}`, { active: false })
  })

  it('should place exactly maxUses of 12 concurrent orders and refuse the rest with 409', async () => {
    const d = await discount({ code: 'THREE', amountOff: 100, maxUses: 3 })
    const before = await t.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.post(`/api/shops/${slug}/orders`, {
          items: [{ sku: 'MUG', quantity: 1 }],
          customer: { name: `Buyer ${i}` },
          discountCode: 'THREE',
        }),
      ),
    )
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([...Array(3).fill(201), ...Array(9).fill(409)])
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.body.error).toMatchObject({ code: 'discount_exhausted', field: 'discountCode' })
    }
    const after = await t.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n) - Number(before.n)).toBe(3)
    const discounted = await t.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('discount_id', '=', d.id)
      .executeTakeFirstOrThrow()
    expect(Number(discounted.n)).toBe(3)
    expect(await uses(d.id)).toBe(3)
  })

  it('should give the use back when an order lapses or is cancelled', async () => {
    const d = await discount({ code: 'ONE', percentOff: 50, maxUses: 1 })
    const first = await order({ items: [{ sku: 'MUG', quantity: 1 }], discountCode: 'ONE' })
    expect(first.status).toBe(201)
    const full = await order({ items: [{ sku: 'MUG', quantity: 1 }], discountCode: 'ONE' })
    expect(full.status).toBe(409)
    await t.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('code', '=', first.body.code)
      .execute()
    await expireDueOrders(t.db)
    expect(await uses(d.id)).toBe(0)
    const second = await order({ items: [{ sku: 'MUG', quantity: 1 }], discountCode: 'ONE' })
    expect(second.status, second.text).toBe(201)
    const cancelled = await client.patch(`/api/shops/${slug}/orders/${second.body.code}`, {
      status: 'cancelled',
    })
    expect(cancelled.status, cancelled.text).toBe(200)
    expect(await uses(d.id)).toBe(0)
  })

  it('should let a once-per-customer code be used once per phone', async () => {
    await discount({ code: 'FIRST', percentOff: 10, oncePerCustomer: true })
    const first = await order({ items: [{ sku: 'MUG', quantity: 1 }], discountCode: 'FIRST' })
    expect(first.status).toBe(201)
    const again = await order({ items: [{ sku: 'MUG', quantity: 1 }], discountCode: 'first' })
    expect(again.status).toBe(400)
    expect(again.body.error).toMatchObject({ code: 'discount_used', field: 'discountCode' })
    const other = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Bo', phone: '+33 6 99 88 77 66' },
      discountCode: 'FIRST',
    })
    expect(other.status, other.text).toBe(201)
  })
})
