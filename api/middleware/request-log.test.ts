import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { loggedPath } from './request-log.ts'

describe('loggedPath', () => {
  it('should replace order tokens and codes by their parameter names', () => {
    expect(loggedPath('/o/abc123')).toBe('/o/:token')
    expect(loggedPath('/api/orders/abc123')).toBe('/api/orders/:token')
    expect(loggedPath('/api/shops/my-shop/orders/K7Q2M9')).toBe('/api/shops/my-shop/orders/:code')
    expect(loggedPath('/api/shops/my-shop/orders/K7Q2M9/messages')).toBe(
      '/api/shops/my-shop/orders/:code/messages',
    )
  })

  it('should keep paths without a secret as they are', () => {
    for (const path of ['/api/shops/my-shop/orders', '/api/shops/my-shop/orders.csv', '/my-shop']) {
      expect(loggedPath(path)).toBe(path)
    }
  })
})

describe.each(testEngines())('request log on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())
  afterEach(() => vi.restoreAllMocks())

  it("should log an order's pages and API without its token or code", async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => lines.push(String(line)))
    const app = createTestApp({ db: t.db, config: { log: true } })
    const owner = new TestClient(app)
    const slug = await owner.signupWithShop()
    await owner.post(`/api/shops/${slug}/products`, { sku: 'LOG-1', name: 'Logged', price: 100 })
    const order = await new TestClient(app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'LOG-1', quantity: 1 }],
      customer: { name: 'Zoé' },
    })
    expect(order.status, order.text).toBe(201)
    const { token, code } = order.body as { token: string; code: string }

    lines.length = 0
    const shopper = new TestClient(app)
    expect((await shopper.get(`/o/${token}`)).status).toBe(200)
    expect((await shopper.get(`/api/orders/${token}`)).status).toBe(200)
    expect((await owner.get(`/api/shops/${slug}/orders/${code}`)).status).toBe(200)
    expect((await owner.get(`/api/shops/${slug}/orders/${code}/messages`)).status).toBe(200)

    const paths = lines.map((line) => JSON.parse(line).path)
    expect(paths).toEqual([
      '/o/:token',
      '/api/orders/:token',
      `/api/shops/${slug}/orders/:code`,
      `/api/shops/${slug}/orders/:code/messages`,
    ])
    for (const line of lines) {
      expect(line).not.toContain(token)
      expect(line).not.toContain(code)
    }
  })
})
