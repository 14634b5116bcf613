import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TestClient } from './testing/test-client.ts'
import { createTestDb, type TestDatabase, tableCounts, testEngines } from './testing/test-db.ts'

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
