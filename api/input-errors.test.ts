import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, tableCounts, testEngines } from '../db/testing/test-db.ts'
import { createTestApp, TestClient } from './testing/test-client.ts'
import { ingestDeliveries } from './whatsapp/ingest.ts'
import { postWebhook, webhookConfig } from './whatsapp/webhook-test-kit.ts'

interface BadInput {
  what: string
  method: 'POST' | 'PATCH'
  /** `{slug}` stands for the merchant's shop. */
  path: string
  body: () => unknown
  headers?: Record<string, string>
  status: number
  code: string
  field?: string
}

const product = { sku: 'GOOD-1', name: 'Good', price: 100 }
const shop = {
  slug: 'fresh-shop',
  name: 'Fresh',
  whatsappPhone: '+33 6 12 34 56 78',
  currency: 'EUR',
}
const MB = 1024 * 1024

function textAsJpeg() {
  const form = new FormData()
  const text = new TextEncoder().encode('Dear diary, today I renamed a text file to .jpg')
  form.append('file', new Blob([text], { type: 'image/jpeg' }), 'holiday.jpg')
  return form
}

const CASES: BadInput[] = [
  {
    what: 'a negative price',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({ ...product, price: -1 }),
    status: 400,
    code: 'invalid',
    field: 'price',
  },
  {
    what: 'a fractional price',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({ ...product, price: 1.5 }),
    status: 400,
    code: 'invalid',
    field: 'price',
  },
  {
    what: 'a duplicate SKU',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({ ...product, sku: 'TAKEN-1' }),
    status: 409,
    code: 'sku_taken',
    field: 'sku',
  },
  {
    what: 'the reserved shop slug "admin"',
    method: 'POST',
    path: '/api/shops',
    body: () => ({ ...shop, slug: 'admin' }),
    status: 400,
    code: 'invalid',
    field: 'slug',
  },
  {
    what: 'the phone number "abc"',
    method: 'POST',
    path: '/api/shops',
    body: () => ({ ...shop, whatsappPhone: 'abc' }),
    status: 400,
    code: 'invalid',
    field: 'whatsappPhone',
  },
  {
    what: 'the currency "EURO"',
    method: 'POST',
    path: '/api/shops',
    body: () => ({ ...shop, currency: 'EURO' }),
    status: 400,
    code: 'invalid',
    field: 'currency',
  },
  {
    what: 'an unknown field',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({ ...product, discount: 10 }),
    status: 400,
    code: 'unknown_field',
    field: 'discount',
  },
  {
    what: 'a 12 MB JSON body',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => JSON.stringify({ ...product, description: 'x'.repeat(12 * MB) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    what: 'a 12 MB upload',
    method: 'POST',
    path: '/api/shops/{slug}/images',
    body: () => {
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(12 * MB)]), 'big.jpg')
      return form
    },
    status: 413,
    code: 'payload_too_large',
  },
  {
    what: 'malformed JSON',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => '{"sku": "GOOD-1", "name": ',
    status: 400,
    code: 'invalid_json',
  },
  {
    what: 'malformed JSON in a patch',
    method: 'PATCH',
    path: '/api/shops/{slug}',
    body: () => "{name: 'single quotes'}",
    status: 400,
    code: 'invalid_json',
  },
  {
    what: 'a text file renamed .jpg',
    method: 'POST',
    path: '/api/shops/{slug}/images',
    body: textAsJpeg,
    status: 400,
    code: 'unsupported_image',
    field: 'file',
  },
]

describe.each(testEngines())('bad input on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
    const taken = await c.post(`/api/shops/${slug}/products`, { ...product, sku: 'TAKEN-1' })
    if (taken.status !== 201) throw new Error(taken.text)
  })
  afterAll(() => t.destroy())

  it.each(CASES)(
    'should refuse $what with $status $code and change nothing',
    async ({ method, path, body, headers, status, code, field }) => {
      const before = await tableCounts(t.db)
      const res = await c.request(method, path.replace('{slug}', slug), body(), headers)
      expect(res.status, res.text).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.body.error.code).toBe(code)
      expect(res.body.error.message).toEqual(expect.any(String))
      if (field) expect(res.body.error.field).toBe(field)
      else expect(res.body.error.field).toBeUndefined()
      expect(res.text).not.toMatch(/\bat .+\.ts:\d+|select |insert |node_modules/i)
      expect(await tableCounts(t.db)).toEqual(before)
    },
  )
})

interface BadText {
  what: string
  method: 'GET' | 'POST' | 'PATCH'
  /** `{slug}` stands for the merchant's shop. */
  path: string
  body?: () => unknown
  headers?: Record<string, string>
  /** Signed out, as a shopper. */
  anonymous?: boolean
  code: string
  field: string
}

/** `depth` arrays inside one another, as JSON text. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`

// Text PostgreSQL cannot store (NUL), that is not Unicode (a lone surrogate), or shaped to
// exhaust the server: each one a 400 naming the field, whatever route it reaches.
const TEXT_CASES: BadText[] = [
  {
    what: 'a NUL in the name of an order',
    method: 'POST',
    path: '/api/shops/{slug}/orders',
    body: () => ({ items: [{ sku: 'GOOD-1', quantity: 1 }], customer: { name: 'Zo\u0000é' } }),
    anonymous: true,
    code: 'invalid_text',
    field: 'customer.name',
  },
  {
    what: 'a NUL in the SKU of an order line',
    method: 'POST',
    path: '/api/shops/{slug}/orders',
    body: () => ({ items: [{ sku: 'GOOD-1\u0000', quantity: 1 }], customer: { name: 'Zoé' } }),
    anonymous: true,
    code: 'invalid_text',
    field: 'items.0.sku',
  },
  {
    what: 'a NUL in a log-in e-mail',
    method: 'POST',
    path: '/api/auth/login',
    body: () => ({ email: 'a\u0000@example.com', password: 'whatever pw' }),
    anonymous: true,
    code: 'invalid_text',
    field: 'email',
  },
  {
    what: 'a lone surrogate in a product name',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({ ...product, sku: 'NEW-1', name: 'Broken \ud800 name' }),
    code: 'invalid_text',
    field: 'name',
  },
  {
    what: 'a lone low surrogate in a variant option value',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => ({
      ...product,
      sku: 'NEW-2',
      options: [{ name: 'Size', values: ['S', '\udc00'] }],
    }),
    code: 'invalid_text',
    field: 'options.0.values.1',
  },
  {
    what: 'JSON nested 5,000 deep',
    method: 'PATCH',
    path: '/api/shops/{slug}',
    body: () => `{"name": ${nested(5000)}}`,
    code: 'too_deep',
    field: 'name.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0',
  },
  {
    what: 'a __proto__ key',
    method: 'POST',
    path: '/api/shops/{slug}/products',
    body: () => `{"sku": "NEW-3", "name": "Proto", "price": 1, "__proto__": {"admin": true}}`,
    code: 'unknown_field',
    field: '__proto__',
  },
  {
    what: 'a NUL in the shop of a widget event',
    method: 'POST',
    path: '/api/events',
    body: () => JSON.stringify({ shop: '{slug}\u0000', type: 'open' }),
    headers: { 'content-type': 'text/plain' },
    anonymous: true,
    code: 'invalid_text',
    field: 'shop',
  },
  {
    what: 'a NUL in the search of the order list',
    method: 'GET',
    path: '/api/shops/{slug}/orders?q=Zo%00',
    code: 'invalid_text',
    field: 'q',
  },
  {
    what: 'a NUL in the name of a query parameter',
    method: 'GET',
    path: '/api/shops/{slug}/products?a%00b=1',
    code: 'invalid_text',
    field: 'query',
  },
  {
    what: 'a NUL in a shop slug',
    method: 'GET',
    path: '/api/shops/{slug}%00/catalog',
    anonymous: true,
    code: 'invalid_text',
    field: 'path',
  },
  {
    what: 'a NUL in an order token',
    method: 'GET',
    path: '/api/orders/abc%00def',
    anonymous: true,
    code: 'invalid_text',
    field: 'path',
  },
  {
    what: 'a NUL in a storefront page path',
    method: 'GET',
    path: '/{slug}/p/mug%00',
    anonymous: true,
    code: 'invalid_text',
    field: 'path',
  },
]

describe.each(testEngines())('text that cannot be stored on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let shopper: TestClient
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db })
    c = new TestClient(app)
    shopper = new TestClient(app)
    slug = await c.signupWithShop()
    const good = await c.post(`/api/shops/${slug}/products`, product)
    if (good.status !== 201) throw new Error(good.text)
  })
  afterAll(() => t.destroy())

  it.each(TEXT_CASES)(
    'should refuse $what with a 400 $code naming $field and change nothing',
    async ({ method, path, body, headers, anonymous, code, field }) => {
      const before = await tableCounts(t.db)
      const client = anonymous ? shopper : c
      const raw = body?.()
      const sent = typeof raw === 'string' ? raw.replaceAll('{slug}', slug) : raw
      const res = await client.request(method, path.replaceAll('{slug}', slug), sent, headers)
      expect(res.status, res.text).toBe(400)
      expect(res.body.error).toMatchObject({ code, field })
      expect(res.body.error.message).toEqual(expect.any(String))
      expect(await tableCounts(t.db)).toEqual(before)
    },
  )

  it('should still take text with emoji, accents and right-to-left script', async () => {
    const res = await c.post(`/api/shops/${slug}/products`, {
      ...product,
      sku: 'FINE-1',
      name: 'Tasse 🍵 café — كوب',
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.name).toBe('Tasse 🍵 café — كوب')
  })
})

describe.each(testEngines())('a signed webhook nested thousands deep on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  it('should be stored as text and acknowledged, not answered with a 500', async () => {
    const app = createTestApp({
      db: t.db,
      config: webhookConfig(undefined, { processDelayMs: 3_600_000 }),
    })
    const body = `{"object": ${nested(50_000)}}`
    const res = await postWebhook(app, body)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(await res.json()).toEqual({ received: true })
    await ingestDeliveries(t.db)
    const stored = await t.db
      .selectFrom('inbound_messages')
      .select(['kind', 'payload'])
      .executeTakeFirstOrThrow()
    expect(stored.kind).toBe('unknown')
    expect(stored.payload).toEqual({ unparsed: body })
  })
})
