import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const page = { origin: 'https://merchant-site.example' }

describe.each(testEngines())('public widget API on %s', (engine) => {
  let testDb: TestDatabase
  let owner: TestClient
  let visitor: TestClient
  let slug: string
  let shopId: string

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    const app = createTestApp({
      db: testDb.db,
      config: { publicUrl: 'https://chat.example', trustProxy: true },
    })
    owner = new TestClient(app)
    visitor = new TestClient(app)
    slug = await owner.signupWithShop(undefined, {
      channels: { instagram: 'acme', email: 'hi@acme.example' },
      timezone: 'Europe/Paris',
      locale: 'fr',
    })
    const shop = await testDb.db
      .selectFrom('shops')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    shopId = shop.id
    const mug = await testDb.db
      .insertInto('products')
      .values({ shop_id: shopId, sku: 'MUG', slug: 'mug', name: 'Mug', price: 1200, stock: 3 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const tee = await testDb.db
      .insertInto('products')
      .values({ shop_id: shopId, sku: 'TEE', slug: 'tee', name: 'T-shirt', price: 2000 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await testDb.db
      .insertInto('product_variants')
      .values([
        { shop_id: shopId, product_id: tee.id, sku: 'TEE-M', options: '{"Size":"M"}', stock: 0 },
        {
          shop_id: shopId,
          product_id: tee.id,
          sku: 'TEE-L',
          options: '{"Size":"L"}',
          price: 2200,
        },
      ])
      .execute()
    await testDb.db
      .insertInto('products')
      .values({ shop_id: shopId, sku: 'OLD', slug: 'old', name: 'Old', price: 1, active: false })
      .execute()
    expect(mug.id).toBeTruthy()
  })
  afterAll(() => testDb.destroy())

  describe('GET /api/widget/{slug}', () => {
    it('should answer what the bubble needs, for any origin, cacheable', async () => {
      const res = await visitor.get(`/api/widget/${slug}`, page)
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('cache-control')).toBe('public, max-age=60')
      expect(res.headers.get('etag')).toMatch(/^(W\/)?"/)
      expect(res.headers.get('set-cookie')).toBeNull()
      expect(res.body).toMatchObject({
        shop: {
          slug,
          name: 'Test Shop',
          currency: 'EUR',
          locale: 'fr',
          timezone: 'Europe/Paris',
          whatsappPhone: '33612345678',
        },
        avatarUrl: null,
        position: 'right',
        // Black on the default WhatsApp green, where white reads at about 2:1.
        color: '#25d366',
        textColor: '#000',
        channels: [
          { type: 'whatsapp', value: '33612345678' },
          { type: 'instagram', value: 'acme' },
          { type: 'email', value: 'hi@acme.example' },
        ],
        teams: [],
        consent: { enabled: false },
      })
    })

    it('should keep private data out', async () => {
      const res = await visitor.get(`/api/widget/${slug}`)
      for (const word of ['merchant', 'phoneNumberId', 'email":"m', 'id"', 'published']) {
        expect(res.text).not.toContain(word)
      }
    })

    it('should stay small', async () => {
      const res = await visitor.get(`/api/widget/${slug}`)
      expect(res.text.length).toBeLessThan(1500)
    })

    it('should answer 304 when the ETag still matches', async () => {
      const first = await visitor.get(`/api/widget/${slug}`)
      const etag = first.headers.get('etag') ?? ''
      const res = await visitor.get(`/api/widget/${slug}`, { 'if-none-match': etag })
      expect(res.status).toBe(304)
      expect(res.text).toBe('')
    })

    it('should show the owner settings with the team hours and their URLs', async () => {
      await owner.put(`/api/shops/${slug}/widget`, {
        greeting: 'Bonjour !',
        channels: [
          { type: 'whatsapp', value: '+34 612 345 678' },
          { type: 'phone', value: '33612345678' },
        ],
        teams: [
          { name: 'Ana', channel: 'telegram', value: 'ana', hours: { mon: [['09:00', '18:00']] } },
        ],
        rules: [{ pattern: '/cart', hide: true }],
      })
      const res = await visitor.get(`/api/widget/${slug}`)
      expect(res.body).toMatchObject({
        greeting: 'Bonjour !',
        channels: [
          { type: 'whatsapp', value: '34612345678' },
          { type: 'phone', value: '33612345678' },
        ],
        teams: [
          {
            name: 'Ana',
            role: '',
            photoUrl: null,
            channel: 'telegram',
            value: 'ana',
            hours: { mon: [['09:00', '18:00']] },
          },
        ],
        rules: [{ pattern: '/cart', hide: true }],
      })
      // When the hours are open, as instants: the next Mondays 09:00–18:00 in the shop's zone.
      const open = (res.body as { teams: { open: [number, number][] }[] }).teams[0]?.open ?? []
      expect(open.length).toBeGreaterThanOrEqual(1)
      expect(open.length).toBeLessThanOrEqual(2)
      for (const [start, end] of open) {
        expect(end - start).toBe(9 * 3_600_000)
        expect(end).toBeGreaterThan(Date.now())
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Paris',
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
        }).format(start)
        expect(local).toBe('Mon 09:00')
      }
      await owner.put(`/api/shops/${slug}/widget`, {})
    })

    it('should answer 404 for an unknown or unpublished shop, still with CORS', async () => {
      const res = await visitor.get('/api/widget/no-such-shop', page)
      expect(res.status).toBe(404)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      await owner.patch(`/api/shops/${slug}`, { published: false })
      expect((await visitor.get(`/api/widget/${slug}`)).status).toBe(404)
      await owner.patch(`/api/shops/${slug}`, { published: true })
    })
  })

  describe('GET /api/widget/{slug}/skus', () => {
    it('should list every orderable SKU with name, price and stock, for any origin', async () => {
      const res = await visitor.get(`/api/widget/${slug}/skus`, page)
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.body).toEqual({
        skus: [
          { sku: 'MUG', name: 'Mug', price: 1200, inStock: true },
          { sku: 'TEE-M', name: 'T-shirt (M)', price: 2000, inStock: false },
          { sku: 'TEE-L', name: 'T-shirt (L)', price: 2200, inStock: true },
        ],
        shipping: [],
      })
    })

    it("should send the shop's active shipping methods with the prices, as checkout offers them", async () => {
      const [post] = await testDb.db
        .insertInto('shipping_methods')
        .values([
          {
            shop_id: shopId,
            name: 'Colissimo',
            price: 500,
            free_over: 5000,
            requires_address: true,
            position: 1,
          },
          { shop_id: shopId, name: 'Retrait', price: 0, position: 0 },
          { shop_id: shopId, name: 'Old courier', price: 900, active: false, position: 2 },
          // Priced by area or booked by slot: only the storefront's checkout asks for those.
          {
            shop_id: shopId,
            name: 'By area',
            price: 0,
            position: 3,
            areas: JSON.stringify([
              { name: 'Centre', postalPrefixes: [], districts: [], fee: 300, freeOver: null },
            ]),
          },
          {
            shop_id: shopId,
            name: 'By slot',
            price: 0,
            position: 4,
            slots: JSON.stringify({ weekly: {}, durationMinutes: 60, leadMinutes: 0, capacity: 1 }),
          },
        ])
        .returning('id')
        .execute()
      const res = await visitor.get(`/api/widget/${slug}/skus?sku=MUG`, page)
      expect(res.status).toBe(200)
      expect(res.body.shipping).toEqual([
        {
          id: expect.any(String),
          name: 'Retrait',
          price: 0,
          freeOver: null,
          requiresAddress: false,
        },
        { id: post?.id, name: 'Colissimo', price: 500, freeOver: 5000, requiresAddress: true },
      ])
      await testDb.db.deleteFrom('shipping_methods').where('shop_id', '=', shopId).execute()
    })

    it('should list only the SKUs asked for, so a cart never downloads the whole catalog', async () => {
      const res = await visitor.get(`/api/widget/${slug}/skus?sku=TEE-L&sku=NOPE`, page)
      expect(res.status).toBe(200)
      expect(res.body).toEqual({
        skus: [{ sku: 'TEE-L', name: 'T-shirt (L)', price: 2200, inStock: true }],
        shipping: [],
      })
      // A product with variants is ordered by its variants, not by its own SKU.
      const product = await visitor.get(`/api/widget/${slug}/skus?sku=TEE&sku=MUG`, page)
      expect(product.body.skus).toEqual([{ sku: 'MUG', name: 'Mug', price: 1200, inStock: true }])
      const many = Array.from({ length: 101 }, (_, i) => `sku=S${i}`).join('&')
      const refused = await visitor.get(`/api/widget/${slug}/skus?${many}`, page)
      expect(refused.status).toBe(400)
      expect(refused.body.error.field).toBe('sku')
    })
  })

  describe('POST /api/events', () => {
    const countEvents = async () =>
      (
        await testDb.db
          .selectFrom('analytics_events')
          .selectAll()
          .where('shop_id', '=', shopId)
          .orderBy('created_at')
          .execute()
      ).map((e) => ({ type: e.type, channel: e.channel }))

    it('should store a beacon sent as text/plain, without cookies', async () => {
      const before = (await countEvents()).length
      const res = await visitor.request(
        'POST',
        '/api/events',
        JSON.stringify({ shop: slug, type: 'channel', channel: 'whatsapp' }),
        { 'content-type': 'text/plain;charset=UTF-8', ...page, 'x-forwarded-for': '10.0.0.1' },
      )
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('set-cookie')).toBeNull()
      const events = await countEvents()
      expect(events.length).toBe(before + 1)
      expect(events.at(-1)).toEqual({ type: 'channel', channel: 'whatsapp' })
    })

    it('should store an event sent as JSON', async () => {
      const res = await visitor.post(
        '/api/events',
        { shop: slug, type: 'open' },
        { 'x-forwarded-for': '10.0.0.2' },
      )
      expect(res.status).toBe(204)
      expect((await countEvents()).at(-1)).toEqual({ type: 'open', channel: null })
    })

    it('should answer a CORS preflight from any site', async () => {
      const res = await visitor.request('OPTIONS', '/api/events', undefined, {
        ...page,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    })

    it.each([
      [{ shop: 'x', type: 'open', email: 'a@b.c' }, 'email'],
      [{ shop: 'x', type: 'purchase' }, 'type'],
      [{ type: 'open' }, 'shop'],
      [{ shop: 'x', type: 'channel', channel: 'fax' }, 'channel'],
    ])('should refuse %j naming the field and store nothing', async (body, field) => {
      const before = (await countEvents()).length
      const res = await visitor.post('/api/events', body, { 'x-forwarded-for': '10.0.0.3' })
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe(field)
      expect((await countEvents()).length).toBe(before)
    })

    it('should refuse an unknown shop', async () => {
      const res = await visitor.post(
        '/api/events',
        { shop: 'no-such-shop', type: 'open' },
        { 'x-forwarded-for': '10.0.0.3' },
      )
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'not_found', field: 'shop' })
    })

    it('should refuse malformed JSON and other media types', async () => {
      const bad = await visitor.request('POST', '/api/events', '{"shop":', {
        'content-type': 'text/plain',
        'x-forwarded-for': '10.0.0.3',
      })
      expect(bad.status).toBe(400)
      expect(bad.body.error.code).toBe('invalid_json')
      const form = await visitor.request('POST', '/api/events', 'shop=x', {
        'content-type': 'application/x-www-form-urlencoded',
        'x-forwarded-for': '10.0.0.3',
      })
      expect(form.status).toBe(415)
    })

    it('should refuse a body over 1 KB', async () => {
      const res = await visitor.request(
        'POST',
        '/api/events',
        JSON.stringify({ shop: slug, type: 'open', pad: 'x'.repeat(2000) }),
        { 'content-type': 'text/plain', 'x-forwarded-for': '10.0.0.3' },
      )
      expect(res.status).toBe(413)
    })

    it('should rate-limit one visitor without touching others', async () => {
      const send = (ip: string) =>
        visitor.request('POST', '/api/events', JSON.stringify({ shop: slug, type: 'add' }), {
          'content-type': 'text/plain',
          'x-forwarded-for': ip,
        })
      const statuses: number[] = []
      for (let i = 0; i < 120; i++) statuses.push((await send('10.9.9.9')).status)
      expect(statuses.every((s) => s === 204)).toBe(true)
      const limited = await send('10.9.9.9')
      expect(limited.status).toBe(429)
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/)
      expect((await send('10.9.9.10')).status).toBe(204)
    })
  })
})
