import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { PublicCatalogCache } from './public-catalog-cache.ts'

describe.each(testEngines())('public catalog on %s', (engine) => {
  let t: TestDatabase
  let owner: TestClient
  let shopper: TestClient
  let slug: string
  let hash: string
  let categoryId: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db, config: { publicUrl: 'https://shop.example' } })
    owner = new TestClient(app)
    shopper = new TestClient(app)
    slug = await owner.signupWithShop(undefined, {
      description: 'Fresh things',
      channels: { instagram: 'fresh' },
    })
    const form = new FormData()
    const png = await sharp({
      create: { width: 40, height: 20, channels: 3, background: '#336699' },
    })
      .png()
      .toBuffer()
    form.append('file', new Blob([new Uint8Array(png)]), 'a.png')
    hash = (await owner.post(`/api/shops/${slug}/images`, form)).body.hash
    categoryId = (await owner.post(`/api/shops/${slug}/categories`, { name: 'Fruit' })).body.id
    const products = [
      { sku: 'B', name: 'Banana', price: 120, position: 2, stock: 0, categoryId },
      {
        sku: 'A',
        name: 'Apple',
        price: 100,
        compareAtPrice: 150,
        position: 1,
        images: [hash],
        categoryId,
        options: [{ name: 'Kind', values: ['Red', 'Green', 'Gold'] }],
        variants: [
          { sku: 'A-RED', options: { Kind: 'Red' }, stock: 0 },
          { sku: 'A-GREEN', options: { Kind: 'Green' }, price: 110 },
          { sku: 'A-GOLD', options: { Kind: 'Gold' }, active: false },
        ],
      },
      { sku: 'H', name: 'Hidden', price: 1, active: false },
    ]
    for (const p of products) {
      const res = await owner.post(`/api/shops/${slug}/products`, p)
      if (res.status !== 201) throw new Error(res.text)
    }
    await owner.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Courier',
      price: 500,
      freeOver: 3000,
      requiresAddress: true,
      position: 1,
    })
    await owner.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Pickup',
      price: 0,
      position: 0,
    })
    await owner.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Off',
      price: 1,
      active: false,
    })
  })
  afterAll(() => t.destroy())

  it('should show active products, variants and methods in order, without signing in', async () => {
    const res = await shopper.get(`/api/shops/${slug}/catalog`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.body).toEqual({
      shop: {
        slug,
        name: 'Test Shop',
        description: 'Fresh things',
        logoUrl: null,
        currency: 'EUR',
        locale: 'en',
        timezone: 'UTC',
        whatsappPhone: '33612345678',
        businessHours: null,
        closedDates: [],
        channels: { instagram: 'fresh' },
        address: '',
        minOrderAmount: null,
      },
      categories: [{ id: categoryId, name: 'Fruit' }],
      products: [
        {
          id: expect.any(String),
          sku: 'A',
          slug: 'apple',
          name: 'Apple',
          description: '',
          price: 100,
          compareAtPrice: 150,
          categoryId,
          images: [
            {
              url: `https://shop.example/media/${hash}.webp`,
              thumbUrl: `https://shop.example/media/${hash}-thumb.webp`,
              width: 40,
              height: 20,
            },
          ],
          options: [{ name: 'Kind', values: ['Red', 'Green', 'Gold'] }],
          variants: [
            {
              sku: 'A-RED',
              options: { Kind: 'Red' },
              price: 100,
              compareAtPrice: 150,
              inStock: false,
              stock: 0,
            },
            {
              sku: 'A-GREEN',
              options: { Kind: 'Green' },
              price: 110,
              compareAtPrice: null,
              inStock: true,
              stock: null,
            },
          ],
          inStock: true,
          stock: null,
        },
        expect.objectContaining({ sku: 'B', inStock: false, stock: 0, variants: [], images: [] }),
      ],
      shippingMethods: [
        {
          id: expect.any(String),
          name: 'Pickup',
          price: 0,
          freeOver: null,
          requiresAddress: false,
          minOrderAmount: null,
          areas: [],
          hasSlots: false,
        },
        {
          id: expect.any(String),
          name: 'Courier',
          price: 500,
          freeOver: 3000,
          requiresAddress: true,
          minOrderAmount: null,
          areas: [],
          hasSlots: false,
        },
      ],
      nextCursor: null,
      prevCursor: null,
    })
  })

  it('should never expose private shop settings', async () => {
    const res = await shopper.get(`/api/shops/${slug}/catalog`)
    for (const secret of ['merchant', 'whatsappPhoneNumberId', 'widgetSettings', 'published']) {
      expect(res.text).not.toContain(secret)
    }
  })

  it('should send a weak ETag and a 30 s public cache, and answer 304 when it matches', async () => {
    const res = await shopper.get(`/api/shops/${slug}/catalog`)
    const etag = res.headers.get('etag') ?? ''
    expect(etag).toMatch(/^W\/"[\w-]+"$/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=30')
    const again = await shopper.get(`/api/shops/${slug}/catalog`, { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.text).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    const other = await shopper.get(`/api/shops/${slug}/catalog`, { 'if-none-match': 'W/"nope"' })
    expect(other.status).toBe(200)
  })

  it('should change the ETag when the catalog changes', async () => {
    const before = (await shopper.get(`/api/shops/${slug}/catalog`)).headers.get('etag')
    await owner.post(`/api/shops/${slug}/categories`, { name: 'Veg' })
    const after = await shopper.get(`/api/shops/${slug}/catalog`, { 'if-none-match': before ?? '' })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
  })

  it('should answer 404 for an unknown shop and for an unpublished one', async () => {
    const unknown = await shopper.get('/api/shops/no-such-shop/catalog')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('not_found')
    const hiddenOwner = new TestClient(owner.app)
    const hidden = await hiddenOwner.signupWithShop(undefined, { published: false })
    const res = await shopper.get(`/api/shops/${hidden}/catalog`)
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})

describe.each(testEngines())('public catalog cache on %s', (engine) => {
  let t: TestDatabase
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    const c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
    await c.post(`/api/shops/${slug}/products`, { sku: 'C-1', name: 'Cached', price: 100 })
  })
  afterAll(() => t.destroy())

  it('should share one load between concurrent requests and keep it for the TTL', async () => {
    const cache = new PublicCatalogCache(60_000)
    const [first, second] = await Promise.all([
      cache.get(t.db, slug, 'http://x'),
      cache.get(t.db, slug, 'http://x'),
    ])
    expect(second).toBe(first)
    await t.db.updateTable('products').set({ price: 999 }).where('sku', '=', 'C-1').execute()
    expect(await cache.get(t.db, slug, 'http://x')).toBe(first)
    cache.invalidate(slug)
    expect((await cache.get(t.db, slug, 'http://x'))?.body).toContain('"price":999')
  })

  it('should reload once the TTL is over', async () => {
    const cache = new PublicCatalogCache(0)
    const before = await cache.get(t.db, slug, 'http://x')
    await t.db.updateTable('products').set({ price: 555 }).where('sku', '=', 'C-1').execute()
    const after = await cache.get(t.db, slug, 'http://x')
    expect(after?.etag).not.toBe(before?.etag)
    expect(after?.body).toContain('"price":555')
  })

  it('should not remember a shop it could not find', async () => {
    const cache = new PublicCatalogCache(60_000)
    expect(await cache.get(t.db, 'later-shop', 'http://x')).toBeUndefined()
    const c = new TestClient(createTestApp({ db: t.db }))
    await c.signupWithShop('later-shop')
    expect(await cache.get(t.db, 'later-shop', 'http://x')).toBeDefined()
  })

  it('should show a successful catalog write at once', async () => {
    const app = createTestApp({ db: t.db })
    const owner = new TestClient(app)
    const own = await owner.signupWithShop()
    const created = await owner.post(`/api/shops/${own}/products`, {
      sku: 'NOW',
      name: 'Now',
      price: 100,
    })
    expect((await owner.get(`/api/shops/${own}/catalog`)).body.products[0].price).toBe(100)
    await owner.patch(`/api/shops/${own}/products/${created.body.id}`, { price: 250 })
    expect((await owner.get(`/api/shops/${own}/catalog`)).body.products[0].price).toBe(250)
    const refused = await owner.patch(`/api/shops/${own}/products/${created.body.id}`, {
      price: -1,
    })
    expect(refused.status).toBe(400)
    expect((await owner.get(`/api/shops/${own}/catalog`)).body.products[0].price).toBe(250)
  })
})
