import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { seedDemoShop } from './seed-demo.ts'

describe.each(testEngines())('demo seed on %s', (engine) => {
  let t: TestDatabase
  let first: Awaited<ReturnType<typeof seedDemoShop>>
  beforeAll(async () => {
    t = await createTestDb(engine)
    first = await seedDemoShop(t.db)
  })
  afterAll(() => t.destroy())

  it('should create the demo merchant with a random password that logs in', async () => {
    expect(first).toMatchObject({ created: true, email: 'demo@chatcart.dev' })
    expect(first.password.length).toBeGreaterThanOrEqual(16)
    const c = new TestClient(createTestApp({ db: t.db }))
    const res = await c.post('/api/auth/login', { email: first.email, password: first.password })
    expect(res.status).toBe(200)
    expect((await c.get('/api/shops/demo')).body).toMatchObject({
      name: 'Maison Olive',
      currency: 'EUR',
      timezone: 'Europe/Paris',
    })
  })

  it('should publish a full catalog: categories, pictures, variants, a sold-out item, shipping', async () => {
    const c = new TestClient(createTestApp({ db: t.db }))
    const res = await c.get('/api/shops/demo/catalog')
    expect(res.status).toBe(200)
    const catalog = res.body
    expect(catalog.shop.logoUrl).toMatch(/\/media\/[0-9a-f]{32}\.webp$/)
    expect(catalog.shop.businessHours.tue).toEqual([
      ['10:00', '13:00'],
      ['15:00', '19:00'],
    ])
    expect(catalog.categories).toHaveLength(3)
    expect(catalog.products).toHaveLength(12)
    for (const product of catalog.products) {
      expect(product.description.length).toBeGreaterThan(10)
      expect(product.images).toHaveLength(1)
      expect(product.categoryId).not.toBeNull()
    }
    expect(catalog.products.filter((p: { inStock: boolean }) => !p.inStock)).toHaveLength(1)
    expect(catalog.products.some((p: { compareAtPrice: number | null }) => p.compareAtPrice)).toBe(
      true,
    )
    expect(
      catalog.products.filter((p: { variants: unknown[] }) => p.variants.length > 0).length,
    ).toBeGreaterThanOrEqual(3)
    expect(catalog.shippingMethods).toEqual([
      expect.objectContaining({ price: 0, freeOver: null, requiresAddress: false }),
      expect.objectContaining({ price: 490, freeOver: 5000, requiresAddress: true }),
    ])
    const picture = await c.app.request(new URL(catalog.products[0].images[0].url).pathname)
    expect(picture.status).toBe(200)
    expect(picture.headers.get('content-type')).toBe('image/webp')
  })

  it('should do nothing on the next start', async () => {
    const before = await tableCounts(t.db)
    const again = await seedDemoShop(t.db)
    expect(again).toEqual({ created: false, email: 'demo@chatcart.dev', password: '' })
    expect(await tableCounts(t.db)).toEqual(before)
  })
})
