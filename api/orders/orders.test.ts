import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOrderCode } from '../../core/order-code.ts'
import { parseOrderMessage } from '../../core/order-message.ts'
import {
  insertFixtureProducts,
  insertFixtureShipping,
  shopIdOf,
  stockOf,
} from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('orders API (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string
  let delivery: string
  let pickup: string

  const order = (body: unknown, headers: Record<string, string> = {}) =>
    client.post(`/api/shops/${slug}/orders`, body, headers)
  const customer = { name: 'Jane Doe', phone: '+33 6 11 22 33 44', address: '1 rue de Rivoli' }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: testDb.db }))
    slug = await client.signupWithShop()
    shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [
      {
        sku: 'TEE',
        name: 'T-shirt',
        price: 1990,
        stock: 100,
        options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
        variants: [
          { sku: 'TEE-S', options: { Size: 'S' }, stock: 10 },
          { sku: 'TEE-M', options: { Size: 'M' }, stock: 10, price: 2190 },
          { sku: 'TEE-L', options: { Size: 'L' }, stock: 10, active: false },
        ],
      },
      { sku: 'MUG', name: 'Mug', price: 1200, stock: 50 },
      { sku: 'STICKER', name: 'Sticker', price: 150 },
      { sku: 'OLD', name: 'Retired', price: 500, stock: 5, active: false },
      { sku: 'GONE', name: 'Sold out', price: 500, stock: 0 },
    ])
    delivery = await insertFixtureShipping(testDb.db, shopId, {
      name: 'Courier',
      price: 500,
      freeOver: 5000,
      requiresAddress: true,
    })
    pickup = await insertFixtureShipping(testDb.db, shopId, { name: 'Pick-up', price: 0 })
  })
  afterAll(() => testDb.destroy())

  describe('POST /api/shops/:slug/orders', () => {
    it('should price the order from the database and answer 201 with code, token and link', async () => {
      const res = await order({
        items: [
          { sku: 'TEE-M', quantity: 1 },
          { sku: 'MUG', quantity: 1 },
        ],
        customer,
        shippingMethodId: delivery,
      })
      expect(res.status).toBe(201)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.body).toEqual({
        id: expect.any(String),
        code: expect.any(String),
        token: expect.any(String),
        status: 'pending',
        subtotal: 2190 + 1200,
        shippingTotal: 500,
        discountCode: null,
        discountTotal: 0,
        slot: null,
        total: 2190 + 1200 + 500,
        currency: 'EUR',
        message: expect.any(String),
        whatsappUrl: expect.stringMatching(/^https:\/\/wa\.me\/33612345678\?text=[^+]+$/),
        orderUrl: `http://localhost:3000/o/${res.body.token}`,
      })
      expect(isOrderCode(res.body.code)).toBe(true)
    })

    it('should snapshot variant names and fall back to the product price', async () => {
      const res = await order({ items: [{ sku: 'TEE-S', quantity: 1 }], customer })
      const items = await testDb.db
        .selectFrom('order_items')
        .selectAll()
        .where('order_id', '=', res.body.id)
        .execute()
      expect(items).toMatchObject([
        { sku: 'TEE-S', name: 'T-shirt (S)', quantity: 1, unit_price: 1990, line_total: 1990 },
      ])
    })

    it('should give a token of at least 128 random bits, base64url', async () => {
      const res = await order({ items: [{ sku: 'STICKER', quantity: 1 }], customer })
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{22,}$/)
      expect(Buffer.from(res.body.token, 'base64url').length).toBeGreaterThanOrEqual(16)
    })

    it('should take the stock of products and variants', async () => {
      const before = [
        await stockOf(testDb.db, shopId, 'MUG'),
        await stockOf(testDb.db, shopId, 'TEE-S'),
      ]
      const res = await order({
        items: [
          { sku: 'MUG', quantity: 3 },
          { sku: 'TEE-S', quantity: 2 },
        ],
        customer,
      })
      expect(res.status).toBe(201)
      expect(await stockOf(testDb.db, shopId, 'MUG')).toBe((before[0] ?? 0) - 3)
      expect(await stockOf(testDb.db, shopId, 'TEE-S')).toBe((before[1] ?? 0) - 2)
    })

    it('should merge lines that repeat a SKU', async () => {
      const res = await order({
        items: [
          { sku: 'STICKER', quantity: 2 },
          { sku: 'STICKER', quantity: 3 },
        ],
        customer,
      })
      expect(res.status).toBe(201)
      const items = await testDb.db
        .selectFrom('order_items')
        .select(['sku', 'quantity', 'line_total'])
        .where('order_id', '=', res.body.id)
        .execute()
      expect(items).toEqual([{ sku: 'STICKER', quantity: 5, line_total: 750 }])
    })

    it('should make shipping free from the method threshold', async () => {
      const res = await order({
        items: [{ sku: 'MUG', quantity: 5 }],
        customer,
        shippingMethodId: delivery,
      })
      expect(res.body).toMatchObject({ subtotal: 6000, shippingTotal: 0, total: 6000 })
    })

    it('should accept a method without address when none is needed', async () => {
      const res = await order({
        items: [{ sku: 'STICKER', quantity: 1 }],
        customer: { name: 'Sam' },
        shippingMethodId: pickup,
      })
      expect(res.status).toBe(201)
      expect(res.body.shippingTotal).toBe(0)
    })

    it('should write the order message with the code, the total and the order page link', async () => {
      const res = await order({ items: [{ sku: 'MUG', quantity: 2 }], customer })
      const text = decodeURIComponent(new URL(res.body.whatsappUrl).search.slice('?text='.length))
      expect(text).toBe(res.body.message)
      expect(text).toContain(res.body.orderUrl)
      const parsed = parseOrderMessage(text, 'EUR')
      expect(parsed).toMatchObject({ code: res.body.code, total: 2400 })
    })

    it("should write the message in the shopper's locale", async () => {
      const res = await order({ items: [{ sku: 'MUG', quantity: 1 }], customer, locale: 'fr' })
      expect(res.body.message).toContain('Commande')
      expect(res.body.message).toMatch(/12,00\s€/)
    })

    it("should read a national phone number in the shop's country", async () => {
      // The test shop's WhatsApp number is French: "06 …" is a French mobile.
      const res = await order({
        items: [{ sku: 'MUG', quantity: 1 }],
        customer: { name: 'Chloé', phone: '06 12 34 56 78' },
      })
      expect(res.status).toBe(201)
      const row = await testDb.db
        .selectFrom('orders')
        .select('customer_phone')
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow()
      expect(row.customer_phone).toBe('33612345678')
      // A number with its own country code keeps it.
      const abroad = await order({
        items: [{ sku: 'MUG', quantity: 1 }],
        customer: { name: 'Kenji', phone: '+81 90-1234-5678' },
      })
      expect(abroad.status).toBe(201)
    })

    it('should store the order with its source, event and customer', async () => {
      const res = await order({
        items: [{ sku: 'MUG', quantity: 1 }],
        customer,
        note: 'Ring twice',
        source: 'widget',
      })
      const row = await testDb.db
        .selectFrom('orders')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({
        source: 'widget',
        status: 'pending',
        customer_name: 'Jane Doe',
        customer_phone: '33611223344',
        customer_address: '1 rue de Rivoli',
        note: 'Ring twice',
        message: res.body.message,
      })
      const events = await testDb.db
        .selectFrom('order_events')
        .selectAll()
        .where('order_id', '=', res.body.id)
        .execute()
      expect(events).toMatchObject([{ type: 'created', to_status: 'pending', actor: 'shopper' }])
    })

    const refusals: [string, () => unknown, number, unknown, string][] = [
      [
        'an unknown SKU',
        () => ({ items: [{ sku: 'NOPE', quantity: 1 }], customer }),
        400,
        'unknown_sku',
        'items.0.sku',
      ],
      [
        'an inactive product',
        () => ({
          items: [
            { sku: 'MUG', quantity: 1 },
            { sku: 'OLD', quantity: 1 },
          ],
          customer,
        }),
        400,
        'unknown_sku',
        'items.1.sku',
      ],
      [
        'an inactive variant',
        () => ({ items: [{ sku: 'TEE-L', quantity: 1 }], customer }),
        400,
        'unknown_sku',
        'items.0.sku',
      ],
      [
        'quantity 0',
        () => ({ items: [{ sku: 'MUG', quantity: 0 }], customer }),
        400,
        'invalid',
        'items.0.quantity',
      ],
      [
        'quantity -1',
        () => ({ items: [{ sku: 'MUG', quantity: -1 }], customer }),
        400,
        'invalid',
        'items.0.quantity',
      ],
      [
        'quantity 1.5',
        () => ({ items: [{ sku: 'MUG', quantity: 1.5 }], customer }),
        400,
        'invalid',
        'items.0.quantity',
      ],
      [
        'quantity 100000',
        () => ({ items: [{ sku: 'MUG', quantity: 100000 }], customer }),
        400,
        'invalid',
        'items.0.quantity',
      ],
      [
        'a quantity given as text',
        () => ({ items: [{ sku: 'MUG', quantity: '2' }], customer }),
        400,
        expect.any(String),
        'items.0.quantity',
      ],
      [
        '200 lines',
        () => ({
          items: Array.from({ length: 200 }, () => ({ sku: 'MUG', quantity: 1 })),
          customer,
        }),
        400,
        'invalid',
        'items',
      ],
      ['no items', () => ({ items: [], customer }), 400, 'invalid', 'items'],
      [
        'a sold-out product',
        () => ({
          items: [
            { sku: 'MUG', quantity: 1 },
            { sku: 'GONE', quantity: 1 },
          ],
          customer,
        }),
        409,
        'out_of_stock',
        'items.1.sku',
      ],
      [
        'more than the stock',
        () => ({
          items: [
            { sku: 'MUG', quantity: 1 },
            { sku: 'TEE-M', quantity: 11 },
          ],
          customer,
        }),
        409,
        'out_of_stock',
        'items.1.sku',
      ],
      [
        'a price field',
        () => ({ items: [{ sku: 'MUG', quantity: 1, price: 1 }], customer }),
        400,
        'unknown_field',
        'items.0.price',
      ],
      [
        'a total field',
        () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer, total: 1 }),
        400,
        'unknown_field',
        'total',
      ],
      [
        'a missing name',
        () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer: { phone: '33611223344' } }),
        400,
        'required',
        'customer.name',
      ],
      [
        'a blank name',
        () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer: { name: '   ' } }),
        400,
        'invalid',
        'customer.name',
      ],
      [
        'a bad phone',
        () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer: { name: 'Jo', phone: '06 12' } }),
        400,
        'invalid_phone',
        'customer.phone',
      ],
      [
        'a missing address when the method needs one',
        () => ({
          items: [{ sku: 'MUG', quantity: 1 }],
          customer: { name: 'Jo' },
          shippingMethodId: delivery,
        }),
        400,
        'required',
        'customer.address',
      ],
      [
        'an unknown shipping method',
        () => ({
          items: [{ sku: 'MUG', quantity: 1 }],
          customer,
          shippingMethodId: crypto.randomUUID(),
        }),
        400,
        'not_found',
        'shippingMethodId',
      ],
      [
        'an unknown source',
        () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer, source: 'whatsapp' }),
        400,
        'invalid',
        'source',
      ],
    ]

    it.each(refusals)(
      'should refuse %s with a field-naming error and change nothing',
      async (_name, body, status, code, field) => {
        const counts = await tableCounts(testDb.db)
        const stock = await Promise.all(
          ['MUG', 'TEE-M', 'OLD', 'GONE'].map((sku) => stockOf(testDb.db, shopId, sku)),
        )
        const res = await order(body())
        expect(res.status).toBe(status)
        expect(res.headers.get('content-type')).toMatch(/application\/json/)
        expect(res.body.error).toMatchObject({ code, field })
        expect(await tableCounts(testDb.db)).toEqual(counts)
        expect(
          await Promise.all(
            ['MUG', 'TEE-M', 'OLD', 'GONE'].map((sku) => stockOf(testDb.db, shopId, sku)),
          ),
        ).toEqual(stock)
      },
    )

    it('should answer 404 for an unpublished shop and change nothing', async () => {
      const other = new TestClient(client.app)
      const hidden = await other.signupWithShop(undefined, { published: false })
      const hiddenId = await shopIdOf(testDb.db, hidden)
      await insertFixtureProducts(testDb.db, hiddenId, [
        { sku: 'MUG', name: 'Mug', price: 1, stock: 3 },
      ])
      const counts = await tableCounts(testDb.db)
      const res = await client.post(`/api/shops/${hidden}/orders`, {
        items: [{ sku: 'MUG', quantity: 1 }],
        customer,
      })
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
      expect(await tableCounts(testDb.db)).toEqual(counts)
      expect(await stockOf(testDb.db, hiddenId, 'MUG')).toBe(3)
    })

    it('should refuse a body that is not JSON with 400 and no order', async () => {
      const counts = await tableCounts(testDb.db)
      const res = await client.post(`/api/shops/${slug}/orders`, '{"items": [', {
        'content-type': 'application/json',
      })
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_json')
      expect(await tableCounts(testDb.db)).toEqual(counts)
    })
  })

  describe('Idempotency-Key', () => {
    const body = () => ({ items: [{ sku: 'MUG', quantity: 1 }], customer })

    it('should replay the first response for the same key and body', async () => {
      const key = crypto.randomUUID()
      const first = await order(body(), { 'idempotency-key': key })
      const stock = await stockOf(testDb.db, shopId, 'MUG')
      const again = await order(body(), { 'idempotency-key': key })
      expect(again.status).toBe(201)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      expect(again.body).toEqual(first.body)
      expect(await stockOf(testDb.db, shopId, 'MUG')).toBe(stock)
    })

    it('should refuse the same key with a different body with 409', async () => {
      const key = crypto.randomUUID()
      await order(body(), { 'idempotency-key': key })
      const counts = await tableCounts(testDb.db)
      const res = await order({ ...body(), note: 'changed' }, { 'idempotency-key': key })
      expect(res.status).toBe(409)
      expect(res.body.error).toMatchObject({
        code: 'idempotency_conflict',
        field: 'Idempotency-Key',
      })
      expect(await tableCounts(testDb.db)).toEqual(counts)
    })

    it('should forget a key after 24 hours', async () => {
      const key = crypto.randomUUID()
      const first = await order(body(), { 'idempotency-key': key })
      await testDb.db
        .updateTable('idempotency_keys')
        .set({ created_at: new Date(Date.now() - 25 * 3_600_000) })
        .where('key', '=', key)
        .execute()
      const again = await order(body(), { 'idempotency-key': key })
      expect(again.status).toBe(201)
      expect(again.body.id).not.toBe(first.body.id)
    })

    it('should not keep the key of a refused request', async () => {
      const key = crypto.randomUUID()
      const refused = await order(
        { items: [{ sku: 'GONE', quantity: 1 }], customer },
        { 'idempotency-key': key },
      )
      expect(refused.status).toBe(409)
      const accepted = await order(body(), { 'idempotency-key': key })
      expect(accepted.status).toBe(201)
    })

    it('should refuse a malformed key', async () => {
      const res = await order(body(), { 'idempotency-key': 'x'.repeat(300) })
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe('Idempotency-Key')
    })

    it('should make one order of two concurrent requests with one key', async () => {
      const key = crypto.randomUUID()
      const before = await tableCounts(testDb.db)
      const [a, b] = await Promise.all([
        order(body(), { 'idempotency-key': key }),
        order(body(), { 'idempotency-key': key }),
      ])
      expect([a.status, b.status]).toEqual([201, 201])
      expect(a.body).toEqual(b.body)
      const after = await tableCounts(testDb.db)
      expect(after.orders).toBe((before.orders ?? 0) + 1)
    })
  })

  describe('concurrency', () => {
    it('should sell exactly the stock to concurrent shoppers', async () => {
      await insertFixtureProducts(testDb.db, shopId, [
        { sku: 'LAST5', name: 'Rare', price: 100, stock: 5 },
      ])
      const results = await Promise.all(
        Array.from({ length: 25 }, () =>
          order({ items: [{ sku: 'LAST5', quantity: 1 }], customer }),
        ),
      )
      const statuses = results.map((r) => r.status)
      expect(statuses.filter((s) => s === 201)).toHaveLength(5)
      expect(statuses.filter((s) => s === 409)).toHaveLength(20)
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.error).toMatchObject({ code: 'out_of_stock', field: 'items.0.sku' })
      }
      expect(await stockOf(testDb.db, shopId, 'LAST5')).toBe(0)
      const sold = await testDb.db
        .selectFrom('order_items')
        .select((eb) => eb.fn.sum<number>('quantity').as('n'))
        .where('sku', '=', 'LAST5')
        .executeTakeFirstOrThrow()
      expect(Number(sold.n)).toBe(5)
    })

    it('should place concurrent carts that share products and variants in any line order', async () => {
      await insertFixtureProducts(testDb.db, shopId, [
        { sku: 'HOTA', name: 'Hot A', price: 100, stock: 1000 },
        {
          sku: 'HOTB',
          name: 'Hot B',
          price: 100,
          stock: 1000,
          options: [{ name: 'Size', values: ['S'] }],
          variants: [{ sku: 'HOTB-S', options: { Size: 'S' }, stock: 1000 }],
        },
      ])
      // Each order locks what it takes while its lines hold key-share locks on the same
      // products: a wrong lock order or lock strength would deadlock some of them.
      const lines = [
        { sku: 'HOTA', quantity: 1 },
        { sku: 'HOTB-S', quantity: 2 },
        { sku: 'HOTB', quantity: 1 },
      ]
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          order({ items: i % 2 ? [...lines].reverse() : lines, customer }),
        ),
      )
      expect(results.map((r) => r.status)).toEqual(Array(30).fill(201))
      expect(await stockOf(testDb.db, shopId, 'HOTA')).toBe(1000 - 30)
      expect(await stockOf(testDb.db, shopId, 'HOTB-S')).toBe(1000 - 60)
      expect(await stockOf(testDb.db, shopId, 'HOTB')).toBe(1000 - 30)
    })

    it('should leave no trace of concurrent orders that roll back', async () => {
      await insertFixtureProducts(testDb.db, shopId, [
        { sku: 'PLENTY', name: 'Plenty', price: 100, stock: 100 },
        { sku: 'FEW', name: 'Few', price: 100, stock: 3 },
      ])
      const before = await tableCounts(testDb.db)
      // PLENTY is taken first (lock order by id may vary), then FEW runs out for most.
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          order({
            items: [
              { sku: 'PLENTY', quantity: 2 },
              { sku: 'FEW', quantity: 1 },
            ],
            customer,
          }),
        ),
      )
      const placed = results.filter((r) => r.status === 201)
      expect(placed).toHaveLength(3)
      expect(results.filter((r) => r.status === 409)).toHaveLength(7)
      expect(await stockOf(testDb.db, shopId, 'PLENTY')).toBe(100 - 3 * 2)
      expect(await stockOf(testDb.db, shopId, 'FEW')).toBe(0)
      const after = await tableCounts(testDb.db)
      expect((after.orders ?? 0) - (before.orders ?? 0)).toBe(3)
      expect((after.order_items ?? 0) - (before.order_items ?? 0)).toBe(6)
      expect((after.order_events ?? 0) - (before.order_events ?? 0)).toBe(3)
      const orphans = await testDb.db
        .selectFrom('order_items')
        .select('order_id')
        .where('sku', '=', 'FEW')
        .execute()
      expect(orphans.map((o) => o.order_id).sort()).toEqual(placed.map((r) => r.body.id).sort())
    })
  })

  describe('catalog changed behind the process copy', () => {
    // Each change is made in the database directly, as another server process would: this
    // process's copy of the catalog is not told, and the write must notice.
    const lines = [{ sku: 'COPY', quantity: 2 }]

    it('should price with the new price', async () => {
      await insertFixtureProducts(testDb.db, shopId, [
        { sku: 'COPY', name: 'Copy', price: 1000, stock: 50 },
      ])
      expect((await order({ items: lines, customer })).body.subtotal).toBe(2000)
      await testDb.db
        .updateTable('products')
        .set({ price: 1500 })
        .where('sku', '=', 'COPY')
        .execute()
      const res = await order({ items: lines, customer })
      expect(res.status).toBe(201)
      expect(res.body.subtotal).toBe(3000)
      expect(await stockOf(testDb.db, shopId, 'COPY')).toBe(46)
    })

    it('should follow a new shipping price and refuse a product taken off sale', async () => {
      const body = { items: lines, customer, shippingMethodId: pickup }
      expect((await order(body)).body.shippingTotal).toBe(0)
      await testDb.db
        .updateTable('shipping_methods')
        .set({ price: 300 })
        .where('id', '=', pickup)
        .execute()
      expect((await order(body)).body.shippingTotal).toBe(300)
      await testDb.db
        .updateTable('shipping_methods')
        .set({ price: 0 })
        .where('id', '=', pickup)
        .execute()

      await testDb.db
        .updateTable('products')
        .set({ active: false })
        .where('sku', '=', 'COPY')
        .execute()
      const counts = await tableCounts(testDb.db)
      const refused = await order({ items: lines, customer })
      expect(refused.status).toBe(400)
      expect(refused.body.error).toMatchObject({ code: 'unknown_sku', field: 'items.0.sku' })
      expect(await tableCounts(testDb.db)).toEqual(counts)
    })

    it('should answer 404 once the shop is hidden', async () => {
      expect((await order({ items: [{ sku: 'MUG', quantity: 1 }], customer })).status).toBe(201)
      await testDb.db
        .updateTable('shops')
        .set({ published: false })
        .where('id', '=', shopId)
        .execute()
      try {
        const counts = await tableCounts(testDb.db)
        const res = await order({ items: [{ sku: 'MUG', quantity: 1 }], customer })
        expect(res.status).toBe(404)
        expect(await tableCounts(testDb.db)).toEqual(counts)
      } finally {
        await testDb.db
          .updateTable('shops')
          .set({ published: true })
          .where('id', '=', shopId)
          .execute()
      }
    })
  })

  describe('GET /api/orders/:token', () => {
    it("should show the shopper the order's status without private data", async () => {
      const placed = await order({
        items: [{ sku: 'TEE-M', quantity: 1 }],
        customer,
        note: 'secret',
      })
      const res = await client.get(`/api/orders/${placed.body.token}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.body).toEqual({
        code: placed.body.code,
        status: 'pending',
        items: [
          { sku: 'TEE-M', name: 'T-shirt (M)', quantity: 1, unitPrice: 2190, lineTotal: 2190 },
        ],
        subtotal: 2190,
        shippingTotal: 0,
        discountCode: null,
        discountTotal: 0,
        deliveryArea: null,
        slot: null,
        total: 2190,
        currency: 'EUR',
        whatsappUrl: placed.body.whatsappUrl,
        message: placed.body.message,
        createdAt: expect.any(String),
        confirmedAt: null,
        expiresAt: expect.any(String),
        shop: { slug, name: 'Test Shop' },
        // The shop offers no payment methods.
        payment: { status: 'unpaid', methods: [] },
      })
    })

    it('should answer 404 for an unknown token', async () => {
      const res = await client.get(`/api/orders/${'A'.repeat(24)}`)
      expect(res.status).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    })
  })

  describe('owner orders', () => {
    let owner: TestClient
    let ownerSlug: string
    let ownerShopId: string
    const codes: string[] = []

    beforeAll(async () => {
      owner = new TestClient(client.app)
      ownerSlug = await owner.signupWithShop()
      ownerShopId = await shopIdOf(testDb.db, ownerSlug)
      await insertFixtureProducts(testDb.db, ownerShopId, [
        { sku: 'CAP', name: 'Cap', price: 900, stock: 20 },
        {
          sku: 'SOCK',
          name: 'Socks',
          price: 500,
          variants: [{ sku: 'SOCK-R', options: { Colour: 'Red' }, stock: 8 }],
        },
      ])
      const names = ['Alice Martin', 'Bob Stone', 'Chloé Dupont']
      for (const [i, name] of names.entries()) {
        const res = await owner.post(`/api/shops/${ownerSlug}/orders`, {
          items: [
            { sku: 'CAP', quantity: i + 1 },
            { sku: 'SOCK-R', quantity: 1 },
          ],
          customer: { name, phone: `+4477009001${i}0` },
        })
        codes.push(res.body.code)
      }
    })

    it('should list the shop orders newest first', async () => {
      const res = await owner.get(`/api/shops/${ownerSlug}/orders`)
      expect(res.status).toBe(200)
      expect(res.body.orders.map((o: { code: string }) => o.code)).toEqual([...codes].reverse())
      expect(res.body.nextCursor).toBeNull()
      expect(res.body.orders[0]).toMatchObject({
        code: codes[2],
        status: 'pending',
        source: 'shop',
        items: [
          { sku: 'CAP', name: 'Cap', quantity: 3, unitPrice: 900, lineTotal: 2700 },
          { sku: 'SOCK-R', name: 'Socks (Red)', quantity: 1, unitPrice: 500, lineTotal: 500 },
        ],
        subtotal: 3200,
        customer: { name: 'Chloé Dupont', phone: '447700900120', waId: null, address: null },
        match: null,
      })
    })

    it('should page with a cursor', async () => {
      const first = await owner.get(`/api/shops/${ownerSlug}/orders?limit=2`)
      expect(first.body.orders).toHaveLength(2)
      expect(first.body.nextCursor).toEqual(expect.any(String))
      const second = await owner.get(
        `/api/shops/${ownerSlug}/orders?limit=2&cursor=${first.body.nextCursor}`,
      )
      expect(second.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[0]])
      expect(second.body.nextCursor).toBeNull()
    })

    it('should page by page number', async () => {
      const res = await owner.get(`/api/shops/${ownerSlug}/orders?limit=2&page=2`)
      expect(res.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[0]])
      expect(res.body.page).toBe(2)
    })

    it('should search by code, customer name and phone', async () => {
      const byCode = await owner.get(`/api/shops/${ownerSlug}/orders?q=${codes[1]?.toLowerCase()}`)
      expect(byCode.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[1]])
      const byName = await owner.get(`/api/shops/${ownerSlug}/orders?q=alice`)
      expect(byName.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[0]])
      const byPhone = await owner.get(`/api/shops/${ownerSlug}/orders?q=900120`)
      expect(byPhone.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[2]])
    })

    it('should refuse an unknown query parameter', async () => {
      const res = await owner.get(`/api/shops/${ownerSlug}/orders?sort=asc`)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'unknown_field', field: 'sort' })
    })

    it("should answer 404 for another merchant's orders", async () => {
      const res = await client.get(`/api/shops/${ownerSlug}/orders`)
      expect(res.status).toBe(404)
      const one = await client.get(`/api/shops/${ownerSlug}/orders/${codes[0]}`)
      expect(one.status).toBe(404)
    })

    it('should answer 401 without a session', async () => {
      const res = await new TestClient(client.app).get(`/api/shops/${ownerSlug}/orders`)
      expect(res.status).toBe(401)
    })

    it('should show one order with its events, by code in any case', async () => {
      const res = await owner.get(`/api/shops/${ownerSlug}/orders/${codes[0]?.toLowerCase()}`)
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({
        code: codes[0],
        events: [{ type: 'created', toStatus: 'pending', actor: 'shopper' }],
      })
    })

    it('should move an order along the allowed transitions and log who did it', async () => {
      const me = await owner.get('/api/me')
      const path = `/api/shops/${ownerSlug}/orders/${codes[1]}`
      for (const status of ['confirmed', 'paid', 'shipped', 'completed']) {
        const res = await owner.patch(path, { status })
        expect(res.status).toBe(200)
        expect(res.body.status).toBe(status)
      }
      const res = await owner.get(path)
      // Confirmed by hand: no WhatsApp message arrived, so it has no time of arrival.
      expect(res.body.confirmedAt).toBeNull()
      expect(res.body.events.at(-1)).toMatchObject({
        type: 'status_changed',
        fromStatus: 'shipped',
        toStatus: 'completed',
        actor: `merchant:${me.body.id}`,
      })
    })

    it('should refuse a transition that skips a step with 409', async () => {
      const res = await owner.patch(`/api/shops/${ownerSlug}/orders/${codes[2]}`, {
        status: 'shipped',
      })
      expect(res.status).toBe(409)
      expect(res.body.error).toMatchObject({ code: 'invalid_transition', field: 'status' })
    })

    it('should refuse to reopen a completed order', async () => {
      const res = await owner.patch(`/api/shops/${ownerSlug}/orders/${codes[1]}`, {
        status: 'cancelled',
      })
      expect(res.status).toBe(409)
    })

    it('should return the stock when an order is cancelled', async () => {
      const cap = await stockOf(testDb.db, ownerShopId, 'CAP')
      const sock = await stockOf(testDb.db, ownerShopId, 'SOCK-R')
      const res = await owner.patch(`/api/shops/${ownerSlug}/orders/${codes[2]}`, {
        status: 'cancelled',
      })
      expect(res.status).toBe(200)
      expect(await stockOf(testDb.db, ownerShopId, 'CAP')).toBe((cap ?? 0) + 3)
      expect(await stockOf(testDb.db, ownerShopId, 'SOCK-R')).toBe((sock ?? 0) + 1)
    })

    it('should filter by status', async () => {
      const res = await owner.get(`/api/shops/${ownerSlug}/orders?status=cancelled`)
      expect(res.body.orders.map((o: { code: string }) => o.code)).toEqual([codes[2]])
    })

    it('should refuse an unknown status', async () => {
      const res = await owner.patch(`/api/shops/${ownerSlug}/orders/${codes[0]}`, {
        status: 'lost',
      })
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe('status')
    })
  })
})
