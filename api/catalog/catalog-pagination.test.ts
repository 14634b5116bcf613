import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { insertBulkProducts } from '../testing/bulk-catalog.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { PUBLIC_PAGE_SIZE } from './catalog-page.ts'
import { PublicCatalogCache } from './public-catalog-cache.ts'

const COUNT = 250
const UNKNOWN = '00000000-0000-4000-8000-000000000000'

/** Card names of a storefront page, in order. */
function cardNames(html: string): string[] {
  return [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1] ?? '')
}

/** The href of the element with this rel (a `<link>` or an `<a>`). */
function relHref(html: string, tag: 'a' | 'link', rel: string): string | undefined {
  const re = new RegExp(`<${tag}[^>]*\\brel="${rel}"[^>]*>`)
  const el = re.exec(html)?.[0]
  return el ? /\bhref="([^"]*)"/.exec(el)?.[1]?.replace(/&amp;/g, '&') : undefined
}

describe.each(testEngines())('catalog pagination on %s', (engine) => {
  let t: TestDatabase
  let owner: TestClient
  let shopper: TestClient
  let slug: string
  let shopId: string
  let fruit: string
  let other: TestClient
  let otherSlug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db, config: { publicUrl: 'https://shop.example' } })
    owner = new TestClient(app)
    shopper = new TestClient(app)
    other = new TestClient(app)
    slug = await owner.signupWithShop()
    otherSlug = await other.signupWithShop('other-shop')
    shopId = await shopIdOf(t.db, slug)
    fruit = (await owner.post(`/api/shops/${slug}/categories`, { name: 'Fruit' })).body.id
    const veg = (await owner.post(`/api/shops/${slug}/categories`, { name: 'Veg' })).body.id
    // Products 1…250: odd ones are Veg, even ones Fruit; product 3 is hidden.
    await insertBulkProducts(t.db, shopId, COUNT, [fruit, veg])
    await t.db
      .updateTable('products')
      .set({ active: false })
      .where('shop_id', '=', shopId)
      .where('sku', '=', 'BULK-3')
      .execute()
    // Two products at one position: ties fall back to creation order, across a page boundary too.
    await t.db
      .updateTable('products')
      .set({ position: 60 })
      .where('shop_id', '=', shopId)
      .where('sku', '=', 'BULK-61')
      .execute()
  })
  afterAll(() => t.destroy())

  const activeNames = () =>
    Array.from({ length: COUNT }, (_, i) => `Bulk product ${i + 1}`).filter(
      (name) => name !== 'Bulk product 3',
    )

  it('should serve the public catalog a page at a time and walk every product once, in order', async () => {
    const first = await shopper.get(`/api/shops/${slug}/catalog`)
    expect(first.status).toBe(200)
    expect(first.body.products).toHaveLength(PUBLIC_PAGE_SIZE)
    expect(first.body.prevCursor).toBeNull()
    expect(first.body.categories).toHaveLength(2)
    expect(first.body.shippingMethods).toEqual([])
    const names: string[] = first.body.products.map((p: { name: string }) => p.name)
    let cursor: string | null = first.body.nextCursor
    let pages = 1
    while (cursor) {
      const res = await shopper.get(`/api/shops/${slug}/catalog?cursor=${cursor}`)
      expect(res.status).toBe(200)
      expect(res.body.products.length).toBeLessThanOrEqual(PUBLIC_PAGE_SIZE)
      expect(res.body.prevCursor).not.toBeNull()
      names.push(...res.body.products.map((p: { name: string }) => p.name))
      cursor = res.body.nextCursor
      pages++
    }
    expect(pages).toBe(Math.ceil((COUNT - 1) / PUBLIC_PAGE_SIZE))
    expect(new Set(names).size).toBe(COUNT - 1)
    expect(names.filter((n) => n !== 'Bulk product 61')).toEqual(
      activeNames().filter((n) => n !== 'Bulk product 61'),
    )
  })

  it('should go back a page with prevCursor', async () => {
    const first = await shopper.get(`/api/shops/${slug}/catalog?limit=20`)
    const second = await shopper.get(
      `/api/shops/${slug}/catalog?limit=20&cursor=${first.body.nextCursor}`,
    )
    const back = await shopper.get(
      `/api/shops/${slug}/catalog?limit=20&cursor=${second.body.prevCursor}`,
    )
    expect(back.status).toBe(200)
    expect(back.body.products).toEqual(first.body.products)
    // Back at the start: nothing before it.
    expect(back.body.prevCursor).toBeNull()
    expect(back.body.nextCursor).toBe(first.body.nextCursor)
  })

  it('should search and filter by category over the whole catalog, not one page', async () => {
    const found = await shopper.get(`/api/shops/${slug}/catalog?q=product%20249`)
    expect(found.body.products.map((p: { name: string }) => p.name)).toEqual(['Bulk product 249'])
    const bySku = await shopper.get(`/api/shops/${slug}/catalog?q=bulk-250`)
    expect(bySku.body.products.map((p: { sku: string }) => p.sku)).toEqual(['BULK-250'])
    const hidden = await shopper.get(`/api/shops/${slug}/catalog?q=product%203`)
    expect(hidden.body.products.map((p: { name: string }) => p.name)).not.toContain(
      'Bulk product 3',
    )
    let cursor = ''
    let count = 0
    do {
      const res = await shopper.get(
        `/api/shops/${slug}/catalog?categoryId=${fruit}&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(res.status).toBe(200)
      for (const p of res.body.products) expect(p.categoryId).toBe(fruit)
      count += res.body.products.length
      cursor = res.body.nextCursor ?? ''
    } while (cursor)
    expect(count).toBe(COUNT / 2)
  })

  it('should refuse a bad cursor, limit, search or category with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['cursor=nope', 'cursor'],
      [`cursor=${UNKNOWN}`, 'cursor'],
      [`cursor=a.${UNKNOWN}`, 'cursor'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=1e2', 'limit'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['categoryId=fruit', 'categoryId'],
    ]
    for (const [query, field] of cases) {
      const res = await shopper.get(`/api/shops/${slug}/catalog?${query}`)
      expect({ query, status: res.status, field: res.body.error?.field }).toEqual({
        query,
        status: 400,
        field,
      })
    }
    // A cursor from another shop is no cursor of this one.
    const theirs = (
      await t.db
        .selectFrom('products')
        .select('id')
        .where('shop_id', '=', shopId)
        .executeTakeFirstOrThrow()
    ).id
    const res = await shopper.get(`/api/shops/${otherSlug}/catalog?cursor=a.${theirs}`)
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('cursor')
    expect((await shopper.get(`/api/shops/${slug}/catalog?limit=200`)).body.products).toHaveLength(
      200,
    )
  })

  it('should keep one page, not the whole catalog, in the per-process copy', async () => {
    const cache = new PublicCatalogCache(60_000)
    const rendered = await cache.get(t.db, slug, 'https://shop.example')
    expect(rendered?.catalog.products).toHaveLength(PUBLIC_PAGE_SIZE)
    expect(rendered?.nextCursor).toMatch(/^a\./)
    expect(Buffer.byteLength(rendered?.body ?? '')).toBeLessThan(64 * 1024)
  })

  it('should render the storefront a page at a time with real links to the next and previous pages', async () => {
    const first = await shopper.get(`/${slug}`)
    expect(first.status).toBe(200)
    expect(cardNames(first.text)).toHaveLength(PUBLIC_PAGE_SIZE)
    expect(relHref(first.text, 'link', 'prev')).toBeUndefined()
    const nextLink = relHref(first.text, 'link', 'next')
    const nextA = relHref(first.text, 'a', 'next')
    expect(nextA).toMatch(new RegExp(`^/${slug}\\?cursor=a\\.`))
    expect(nextLink).toBe(`https://shop.example${nextA}`)
    const seen = cardNames(first.text)
    let href = nextA
    while (href) {
      const page = await shopper.get(href)
      expect(page.status).toBe(200)
      expect(cardNames(page.text).length).toBeLessThanOrEqual(PUBLIC_PAGE_SIZE)
      expect(relHref(page.text, 'a', 'prev')).toMatch(new RegExp(`^/${slug}\\?cursor=b\\.`))
      seen.push(...cardNames(page.text))
      href = relHref(page.text, 'a', 'next')
    }
    expect(new Set(seen).size).toBe(COUNT - 1)
    // Campaign tags do not break the page.
    expect((await shopper.get(`/${slug}?utm_source=ig&fbclid=x`)).status).toBe(200)
  })

  it('should search and filter the storefront on the server, with category links', async () => {
    const found = await shopper.get(`/${slug}?q=product+249`)
    expect(found.status).toBe(200)
    expect(cardNames(found.text)).toEqual(['Bulk product 249'])
    expect(found.text).toContain('<meta name="robots" content="noindex"/>')
    expect(found.text).toContain('value="product 249"')
    const byCategory = await shopper.get(`/${slug}?category=${fruit}`)
    expect(cardNames(byCategory.text)).toHaveLength(PUBLIC_PAGE_SIZE)
    expect(cardNames(byCategory.text).every((n) => Number(n.split(' ').at(-1)) % 2 === 0)).toBe(
      true,
    )
    expect(byCategory.text).toContain(`href="/${slug}?category=${fruit}" aria-current="page"`)
    expect(relHref(byCategory.text, 'a', 'next')).toMatch(
      new RegExp(`^/${slug}\\?category=${fruit}&cursor=a\\.`),
    )
    const none = await shopper.get(`/${slug}?q=no-such-thing`)
    expect(cardNames(none.text)).toEqual([])
    expect(none.text).toMatch(/<p data-empty="true">No product/)
    const bad = await shopper.get(`/${slug}?cursor=zzz`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('cursor')
    expect((await shopper.get(`/${slug}?limit=999`)).body.error.field).toBe('limit')
  })

  it('should open a product page beyond the first page', async () => {
    const res = await shopper.get(`/${slug}/p/bulk-240`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('Bulk product 240')
    expect((await shopper.get(`/${slug}/p/bulk-3`)).status).toBe(404)
  })

  it('should list every active product in the sitemap', async () => {
    const res = await shopper.get(`/${slug}/sitemap.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
    const locs = [...res.text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])
    expect(locs).toHaveLength(COUNT)
    expect(locs[0]).toBe(`https://shop.example/${slug}`)
    expect(new Set(locs).size).toBe(COUNT)
    expect(locs).toContain(`https://shop.example/${slug}/p/bulk-250`)
    expect(locs).not.toContain(`https://shop.example/${slug}/p/bulk-3`)
    expect(res.text.trimEnd().endsWith('</urlset>')).toBe(true)
  })

  it('should page the admin product list, search over every page and refuse a bad cursor', async () => {
    const first = await owner.get(`/api/shops/${slug}/products`)
    expect(first.status).toBe(200)
    expect(first.body.products).toHaveLength(50)
    expect(first.body.nextCursor).toMatch(/^a\./)
    let cursor: string | null = first.body.nextCursor
    let total = first.body.products.length
    while (cursor) {
      const res = await owner.get(`/api/shops/${slug}/products?limit=200&cursor=${cursor}`)
      expect(res.status).toBe(200)
      total += res.body.products.length
      cursor = res.body.nextCursor
    }
    // Inactive products included: the owner sees them all.
    expect(total).toBe(COUNT)
    const found = await owner.get(`/api/shops/${slug}/products?q=BULK-3&active=false`)
    expect(found.body.products.map((p: { sku: string }) => p.sku)).toEqual(['BULK-3'])
    const bad = await owner.get(`/api/shops/${slug}/products?cursor=b.${UNKNOWN}`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('cursor')
    const big = await owner.get(`/api/shops/${slug}/products?limit=500`)
    expect(big.status).toBe(400)
    expect(big.body.error.field).toBe('limit')
  })
})
