import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import { createTestDb, type TestDatabase, tableCounts, testEngines } from '../db/testing/test-db.ts'
import type { App } from './app.ts'
import { createTestApp, TestClient } from './testing/test-client.ts'

/** Merchant A's resources that merchant B will try to reach. */
interface Fixture {
  slug: string
  categoryId: string
  productId: string
  shippingMethodId: string
  discountId: string
  imageHash: string
  orderCode: string
  /** Inbox messages only come from webhooks; any id will do, the shop must not match first. */
  inboundId: string
  /** A one-tap reply that applies to the (pending) order. */
  replyKind: string
  png: Uint8Array
}

interface OwnerRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The path exactly as registered in Hono. */
  path: string
  /** A body that would be accepted, so that only ownership can refuse the request. */
  body?: (f: Fixture) => unknown
  headers?: Record<string, string>
}

// Every route under /api/shops/:slug that needs the shop's owner. A new owner route fails the
// guard test below until it gets a row here.
const OWNER_ROUTES: OwnerRoute[] = [
  // shops
  { method: 'GET', path: '/api/shops/:slug' },
  { method: 'PATCH', path: '/api/shops/:slug', body: () => ({ name: 'Taken over' }) },
  // catalog
  { method: 'GET', path: '/api/shops/:slug/categories' },
  { method: 'POST', path: '/api/shops/:slug/categories', body: () => ({ name: 'Intruder' }) },
  {
    method: 'PUT',
    path: '/api/shops/:slug/categories/order',
    body: (f) => ({ ids: [f.categoryId] }),
  },
  { method: 'GET', path: '/api/shops/:slug/categories/:id' },
  { method: 'PATCH', path: '/api/shops/:slug/categories/:id', body: () => ({ name: 'Renamed' }) },
  { method: 'DELETE', path: '/api/shops/:slug/categories/:id' },
  { method: 'GET', path: '/api/shops/:slug/products' },
  {
    method: 'POST',
    path: '/api/shops/:slug/products',
    body: () => ({ sku: 'INTRUDER', name: 'Intruder', price: 1 }),
  },
  { method: 'GET', path: '/api/shops/:slug/products/:id' },
  { method: 'PATCH', path: '/api/shops/:slug/products/:id', body: () => ({ price: 0 }) },
  { method: 'DELETE', path: '/api/shops/:slug/products/:id' },
  { method: 'GET', path: '/api/shops/:slug/shipping-methods' },
  {
    method: 'POST',
    path: '/api/shops/:slug/shipping-methods',
    body: () => ({ name: 'Intruder', price: 1 }),
  },
  { method: 'GET', path: '/api/shops/:slug/shipping-methods/:id' },
  { method: 'PATCH', path: '/api/shops/:slug/shipping-methods/:id', body: () => ({ price: 0 }) },
  { method: 'DELETE', path: '/api/shops/:slug/shipping-methods/:id' },
  { method: 'GET', path: '/api/shops/:slug/discounts' },
  {
    method: 'POST',
    path: '/api/shops/:slug/discounts',
    body: () => ({ code: 'INTRUDER', percentOff: 10 }),
  },
  { method: 'GET', path: '/api/shops/:slug/discounts/:id' },
  { method: 'PATCH', path: '/api/shops/:slug/discounts/:id', body: () => ({ percentOff: 50 }) },
  { method: 'DELETE', path: '/api/shops/:slug/discounts/:id' },
  { method: 'GET', path: '/api/shops/:slug/images' },
  { method: 'POST', path: '/api/shops/:slug/images', body: (f) => imageForm(f.png) },
  { method: 'GET', path: '/api/shops/:slug/images/:hash' },
  { method: 'DELETE', path: '/api/shops/:slug/images/:hash' },
  // orders
  { method: 'GET', path: '/api/shops/:slug/orders' },
  { method: 'GET', path: '/api/shops/:slug/orders/:code' },
  {
    method: 'PATCH',
    path: '/api/shops/:slug/orders/:code',
    body: () => ({ status: 'confirmed' }),
  },
  {
    method: 'POST',
    path: '/api/shops/:slug/orders/:code/payment',
    body: () => ({ method: 'cash' }),
  },
  { method: 'GET', path: '/api/shops/:slug/orders/:code/messages' },
  { method: 'GET', path: '/api/shops/:slug/orders/:code/replies' },
  { method: 'POST', path: '/api/shops/:slug/orders/:code/replies/:kind/tap', body: () => ({}) },
  // widget settings
  { method: 'GET', path: '/api/shops/:slug/widget' },
  { method: 'PUT', path: '/api/shops/:slug/widget', body: () => ({}) },
  // whatsapp inbox
  { method: 'GET', path: '/api/shops/:slug/inbox' },
  {
    method: 'POST',
    path: '/api/shops/:slug/inbox/:id/link',
    body: (f) => ({ orderCode: f.orderCode }),
  },
  { method: 'POST', path: '/api/shops/:slug/inbox/:id/create-order', body: () => ({}) },
  { method: 'GET', path: '/api/shops/:slug/whatsapp' },
  { method: 'GET', path: '/api/shops/:slug/whatsapp/usage' },
  // admin data
  { method: 'GET', path: '/api/shops/:slug/dashboard' },
  { method: 'GET', path: '/api/shops/:slug/products.csv' },
  {
    method: 'POST',
    path: '/api/shops/:slug/products/import',
    body: () => 'sku,name,price\nCSV-1,From CSV,1.00\n',
    headers: { 'content-type': 'text/csv' },
  },
  { method: 'GET', path: '/api/shops/:slug/meta-feed.csv' },
  { method: 'GET', path: '/api/shops/:slug/orders.csv' },
]

/** Routes under /api/shops/:slug that anyone may call. */
const PUBLIC_ROUTES = new Set([
  'GET /api/shops/:slug/catalog',
  'POST /api/shops/:slug/orders',
  // The CORS preflight of checkout: headers only, no data.
  'OPTIONS /api/shops/:slug/orders',
  // What checkout would charge for a cart: prices only, nothing of the owner's.
  'POST /api/shops/:slug/quote',
  'OPTIONS /api/shops/:slug/quote',
  // A method's time slots with the places left: what checkout lists, nothing of the owner's.
  'GET /api/shops/:slug/shipping-methods/:id/slots',
  'OPTIONS /api/shops/:slug/shipping-methods/:id/slots',
])

// Which fixture fills a path parameter, by the segment before it (`/products/:id` → productId).
const PARAM_SOURCES: Record<string, keyof Fixture> = {
  'categories/:id': 'categoryId',
  'products/:id': 'productId',
  'shipping-methods/:id': 'shippingMethodId',
  'discounts/:id': 'discountId',
  'images/:hash': 'imageHash',
  'orders/:code': 'orderCode',
  'inbox/:id': 'inboundId',
  'replies/:kind': 'replyKind',
}

function fillPath(template: string, slug: string, f: Fixture): string {
  return template
    .replace(/(^|\/)([\w-]+)\/(:\w+)/g, (whole, lead: string, segment: string, param: string) => {
      if (param === ':slug') return whole
      const source = PARAM_SOURCES[`${segment}/${param}`]
      if (!source) throw new Error(`add "${segment}/${param}" to PARAM_SOURCES`)
      return `${lead}${segment}/${String(f[source])}`
    })
    .replace(':slug', slug)
}

function imageForm(png: Uint8Array) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)]), 'intruder.png')
  return form
}

const key = (route: { method: string; path: string }) => `${route.method} ${route.path}`

/** Every method + path the app registers under a shop, middleware excluded. */
function shopRoutesOf(app: App): string[] {
  const found = new Set<string>()
  for (const route of app.routes) {
    if (route.method === 'ALL') continue
    if (!/^\/api\/shops\/:slug($|[/.])/.test(route.path)) continue
    found.add(key(route))
  }
  return [...found].sort()
}

describe('tenant isolation table', () => {
  let db: Db
  let registered: string[]
  beforeAll(() => {
    db = createDb().db
    registered = shopRoutesOf(createTestApp({ db }))
  })
  afterAll(() => db.destroy())

  it('should list every owner route of the app under /api/shops/:slug', () => {
    const listed = new Set(OWNER_ROUTES.map(key))
    const unlisted = registered.filter((r) => !listed.has(r) && !PUBLIC_ROUTES.has(r))
    expect(
      unlisted,
      'add these owner routes to OWNER_ROUTES in api/tenant-isolation.test.ts',
    ).toEqual([])
  })

  it('should list only routes the app really has', () => {
    const known = new Set(registered)
    expect(OWNER_ROUTES.map(key).filter((r) => !known.has(r))).toEqual([])
  })
})

describe.each(testEngines())('tenant isolation on %s', (engine) => {
  let t: TestDatabase
  let a: TestClient
  let b: TestClient
  let f: Fixture
  let bSlug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db })
    a = new TestClient(app)
    b = new TestClient(app)
    const slug = await a.signupWithShop()
    bSlug = await b.signupWithShop()
    const png = new Uint8Array(
      await sharp({ create: { width: 10, height: 10, channels: 3, background: '#884422' } })
        .png()
        .toBuffer(),
    )
    const image = await a.post(`/api/shops/${slug}/images`, imageForm(png))
    const category = await a.post(`/api/shops/${slug}/categories`, { name: 'Mine' })
    const product = await a.post(`/api/shops/${slug}/products`, {
      sku: 'A-1',
      name: 'Mine',
      price: 500,
      categoryId: category.body.id,
      images: [image.body.hash],
    })
    const method = await a.post(`/api/shops/${slug}/shipping-methods`, { name: 'Mine', price: 1 })
    const discount = await a.post(`/api/shops/${slug}/discounts`, { code: 'MINE', amountOff: 100 })
    const order = await new TestClient(app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'A-1', quantity: 1 }],
      customer: { name: 'Zoé' },
    })
    if (order.status !== 201) throw new Error(`order fixture failed: ${order.text}`)
    const png2 = new Uint8Array(
      await sharp({ create: { width: 12, height: 12, channels: 3, background: '#224488' } })
        .png()
        .toBuffer(),
    )
    f = {
      slug,
      categoryId: category.body.id,
      productId: product.body.id,
      shippingMethodId: method.body.id,
      discountId: discount.body.id,
      imageHash: image.body.hash,
      orderCode: order.body.code,
      inboundId: '6f1c1d0e-8a3b-4c4e-9d55-3a1f2b7c9e01',
      replyKind: 'confirm',
      png: png2,
    }
  })
  afterAll(() => t.destroy())

  // Shows the table's paths are real ones; writes are covered by each feature's own tests.
  it.each(OWNER_ROUTES.filter((r) => r.method === 'GET'))(
    'should let the owner read $method $path',
    async (route) => {
      const res = await a.get(fillPath(route.path, f.slug, f))
      expect(res.status, res.text).toBeLessThan(400)
    },
  )

  it.each(OWNER_ROUTES)(
    "should answer 404 to another merchant on $method $path with A's shop",
    async (route) => {
      const before = await tableCounts(t.db)
      const res = await b.request(
        route.method,
        fillPath(route.path, f.slug, f),
        route.body?.(f),
        route.headers,
      )
      expect(res.status, res.text).toBe(404)
      expect(res.body.error.code).toBe('not_found')
      expect(await tableCounts(t.db)).toEqual(before)
    },
  )

  it.each(OWNER_ROUTES.filter((r) => /:(?!slug)\w+/.test(r.path)))(
    "should answer 404 to another merchant on $method $path with A's ids in B's shop",
    async (route) => {
      const before = await tableCounts(t.db)
      const res = await b.request(
        route.method,
        fillPath(route.path, bSlug, f),
        route.body?.(f),
        route.headers,
      )
      expect(res.status, res.text).toBe(404)
      expect(res.body.error.code).toBe('not_found')
      expect(await tableCounts(t.db)).toEqual(before)
    },
  )

  it("should leave A's shop exactly as it was", async () => {
    const shop = await a.get(`/api/shops/${f.slug}`)
    expect(shop.body.name).toBe('Test Shop')
    const product = await a.get(`/api/shops/${f.slug}/products/${f.productId}`)
    expect(product.body).toMatchObject({ price: 500, categoryId: f.categoryId })
    expect(product.body.images.map((i: { hash: string }) => i.hash)).toEqual([f.imageHash])
    const category = await a.get(`/api/shops/${f.slug}/categories/${f.categoryId}`)
    expect(category.body.name).toBe('Mine')
    const method = await a.get(`/api/shops/${f.slug}/shipping-methods/${f.shippingMethodId}`)
    expect(method.body.price).toBe(1)
    const discount = await a.get(`/api/shops/${f.slug}/discounts/${f.discountId}`)
    expect(discount.body).toMatchObject({ code: 'MINE', amountOff: 100 })
  })
})
