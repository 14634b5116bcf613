import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

// The widget checks out from the merchant's own site: checkout must answer other origins, and
// nothing it answers may depend on cookies.
describe.each(testEngines())('checkout from another site on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop()
  })
  afterAll(() => t.destroy())

  it('should answer the preflight for POST with Content-Type and Idempotency-Key', async () => {
    const res = await client.request('OPTIONS', `/api/shops/${slug}/orders`, undefined, {
      origin: 'https://merchant.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,idempotency-key',
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'idempotency-key',
    )
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
  })

  it('should let the browser read the answer, errors included', async () => {
    const res = await client.post(
      `/api/shops/${slug}/orders`,
      { items: [{ sku: 'NOPE', quantity: 1 }], customer: { name: 'Ana' } },
      { origin: 'https://merchant.example' },
    )
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('should not open owner order routes to other origins', async () => {
    const res = await client.get(`/api/shops/${slug}/orders`, {
      origin: 'https://merchant.example',
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})
