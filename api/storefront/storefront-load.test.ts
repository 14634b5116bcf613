import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { PUBLIC_PAGE_SIZE } from '../catalog/catalog-page.ts'
import { insertBulkProducts } from '../testing/bulk-catalog.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

// A 10,000-product shop under 50 concurrent shoppers over real HTTP on 127.0.0.1. Before
// pagination each storefront request rendered all 10,000 products (6.8 MB), and a few at once
// exhausted a small heap. Bounded: 400 requests per engine, behaviour asserted, never timings.

const PRODUCTS = 10_000
const CONNECTIONS = 50
const REQUESTS = 400
/** A page of 60 cards is ~60 KB of HTML; the whole shop was 6.8 MB. */
const PAGE_BYTES_MAX = 150 * 1024

describe.each(testEngines())('storefront of a 10,000-product shop under load (%s)', (engine) => {
  let t: TestDatabase
  let owner: TestClient
  let slug: string
  let server: ServerType
  let base: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db, config: { publicUrl: 'https://shop.example' } })
    owner = new TestClient(app)
    slug = await owner.signupWithShop()
    const category = (await owner.post(`/api/shops/${slug}/categories`, { name: 'All' })).body.id
    await insertBulkProducts(t.db, await shopIdOf(t.db, slug), PRODUCTS, [category])
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 60_000)

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
    await t.destroy()
  })

  it('should serve one bounded page of products per storefront request', async () => {
    const res = await fetch(`${base}/${slug}`, { headers: { 'accept-encoding': 'identity' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/<li class="card"/g)).toHaveLength(PUBLIC_PAGE_SIZE)
    expect(Buffer.byteLength(html)).toBeLessThan(PAGE_BYTES_MAX)
    expect(html).toMatch(/<a class="btn" href="\/[a-z0-9-]+\?cursor=a\.[0-9a-f-]+" rel="next">/)
  })

  it('should answer 50 concurrent clients with no error', async () => {
    const first = await fetch(`${base}/${slug}`).then((r) => r.text())
    const next = /href="([^"]+)" rel="next"/.exec(first)?.[1]?.replace(/&amp;/g, '&')
    expect(next).toBeDefined()
    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      amount: REQUESTS,
      timeout: 30,
      headers: { 'accept-encoding': 'gzip' },
      // The first page (from the shared copy), a later page and a search (from the database).
      requests: [{ path: `/${slug}` }, { path: next ?? '/' }, { path: `/${slug}?q=product+9999` }],
    })
    expect({
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      total: result.requests.total,
    }).toEqual({ errors: 0, timeouts: 0, non2xx: 0, total: REQUESTS })
  }, 120_000)

  it('should open the admin product list as one bounded page', async () => {
    const res = await owner.get(`/api/shops/${slug}/products`)
    expect(res.status).toBe(200)
    expect(res.body.products).toHaveLength(50)
    expect(res.body.nextCursor).toMatch(/^a\./)
    const last = await owner.get(`/api/shops/${slug}/products?q=BULK-10000`)
    expect(last.body.products.map((p: { sku: string }) => p.sku)).toEqual(['BULK-10000'])
  })

  it('should list all 10,000 products in the sitemap', async () => {
    const xml = await fetch(`${base}/${slug}/sitemap.xml`).then((r) => r.text())
    expect(xml.match(/<loc>/g)).toHaveLength(PRODUCTS + 1)
  })
})
