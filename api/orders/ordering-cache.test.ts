import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { OrderingCache } from './ordering-cache.ts'

describe.each(testEngines())('OrderingCache (%s)', (engine) => {
  let t: TestDatabase
  const slugs: string[] = []

  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db })
    for (let i = 0; i < 3; i++) {
      const slug = await new TestClient(app).signupWithShop()
      slugs.push(slug)
      await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
        { sku: 'A', name: 'A', price: 100 },
        { sku: 'B', name: 'B', price: 200 },
        { sku: 'C', name: 'C', price: 300 },
      ])
    }
  })
  afterAll(() => t.destroy())

  const cachedFlag = async (cache: OrderingCache, slug: string | undefined, skus: string[]) =>
    (await cache.get(t.db, slug ?? '', skus, null))?.cached

  it('should answer from its copy only when it holds every SKU asked', async () => {
    const cache = new OrderingCache(60_000, 10, 10)
    expect(await cachedFlag(cache, slugs[0], ['A', 'B'])).toBe(false)
    expect(await cachedFlag(cache, slugs[0], ['B'])).toBe(true)
    expect(await cachedFlag(cache, slugs[0], ['B', 'C'])).toBe(false)
    expect(await cachedFlag(cache, slugs[0], ['A', 'C'])).toBe(true)
    // An unknown SKU is never kept: it is asked again each time.
    expect(await cachedFlag(cache, slugs[0], ['NOPE'])).toBe(false)
    expect(await cachedFlag(cache, slugs[0], ['NOPE'])).toBe(false)
    expect(await cache.get(t.db, 'no-such-shop', ['A'], null)).toBeUndefined()
  })

  it('should keep at most its number of shops and of SKUs per shop', async () => {
    const cache = new OrderingCache(60_000, 2, 2)
    for (const slug of slugs) expect(await cachedFlag(cache, slug, ['A'])).toBe(false)
    // The first shop was dropped to make room for the third.
    expect(await cachedFlag(cache, slugs[2], ['A'])).toBe(true)
    expect(await cachedFlag(cache, slugs[0], ['A'])).toBe(false)
    // A third SKU overflows the shop's copy, which starts over with what was just read.
    expect(await cachedFlag(cache, slugs[2], ['B'])).toBe(false)
    expect(await cachedFlag(cache, slugs[2], ['C'])).toBe(false)
    expect(await cachedFlag(cache, slugs[2], ['C'])).toBe(true)
    expect(await cachedFlag(cache, slugs[2], ['A'])).toBe(false)
  })
})
