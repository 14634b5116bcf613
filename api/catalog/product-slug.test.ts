import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { slugifyProductName } from './product-slug.ts'

describe('slugifyProductName', () => {
  it('should keep accented Latin names readable', () => {
    expect(slugifyProductName('Épicerie-TŌKYŌ')).toBe('epicerie-tokyo')
  })

  it('should fall back to product when the name has nothing readable', () => {
    expect(slugifyProductName('★★★')).toBe('product')
  })
})

describe.each(testEngines())('product slugs on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let shop: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    shop = await c.signupWithShop(undefined, { locale: 'ar' })
  })
  afterAll(() => t.destroy())

  it('should give Arabic and Japanese products readable, distinct slugs', async () => {
    const rose = await c.post(`/api/shops/${shop}/products`, {
      sku: 'ROSE',
      name: 'عطر الورد',
      price: 1500,
    })
    const oud = await c.post(`/api/shops/${shop}/products`, { sku: 'OUD', name: 'عود', price: 900 })
    const tea = await c.post(`/api/shops/${shop}/products`, {
      sku: 'TEA',
      name: 'さくら もち',
      price: 700,
    })
    expect([rose.status, oud.status, tea.status]).toEqual([201, 201, 201])
    expect(rose.body.slug).toBe('aatr-lwrd')
    expect(oud.body.slug).toBe('aawd')
    expect(tea.body.slug).toBe('sakura-moti')
  })

  it('should serve the product page at its transliterated slug', async () => {
    const res = await c.get(`/${shop}/p/aatr-lwrd`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('عطر الورد')
  })
})
