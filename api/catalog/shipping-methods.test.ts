import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('shipping methods on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
  })
  afterAll(() => t.destroy())

  it('should create methods with defaults and list them in order', async () => {
    const pickup = await c.post(`/api/shops/${slug}/shipping-methods`, { name: 'Pickup', price: 0 })
    expect(pickup.status).toBe(201)
    expect(pickup.body).toMatchObject({
      name: 'Pickup',
      price: 0,
      freeOver: null,
      requiresAddress: false,
      active: true,
      position: 0,
    })
    const delivery = await c.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Delivery',
      price: 490,
      freeOver: 5000,
      requiresAddress: true,
    })
    expect(delivery.body).toMatchObject({ freeOver: 5000, requiresAddress: true, position: 1 })
    const list = await c.get(`/api/shops/${slug}/shipping-methods`)
    expect(list.status).toBe(200)
    expect(list.body.shippingMethods.map((m: { name: string }) => m.name)).toEqual([
      'Pickup',
      'Delivery',
    ])
  })

  it('should read, patch and clear freeOver', async () => {
    const created = await c.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Courier',
      price: 900,
      freeOver: 10000,
    })
    const id = created.body.id
    expect((await c.get(`/api/shops/${slug}/shipping-methods/${id}`)).body.name).toBe('Courier')
    const res = await c.patch(`/api/shops/${slug}/shipping-methods/${id}`, {
      price: 950,
      freeOver: null,
      active: false,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id, price: 950, freeOver: null, active: false })
    const empty = await c.patch(`/api/shops/${slug}/shipping-methods/${id}`, {})
    expect(empty.status).toBe(200)
    expect(empty.body.price).toBe(950)
  })

  it('should refuse bad amounts and unknown fields without writing', async () => {
    const before = await tableCounts(t.db)
    const cases: [object, string, string][] = [
      [{ name: 'X', price: -1 }, 'price', 'invalid'],
      [{ name: 'X', price: 4.9 }, 'price', 'invalid'],
      [{ name: 'X', price: 1, freeOver: -3 }, 'freeOver', 'invalid'],
      [{ name: '', price: 1 }, 'name', 'invalid'],
      [{ price: 1 }, 'name', 'required'],
      [{ name: 'X', price: 1, fee: 3 }, 'fee', 'unknown_field'],
    ]
    for (const [body, field, code] of cases) {
      const res = await c.post(`/api/shops/${slug}/shipping-methods`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error).toMatchObject({ code, field })
    }
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should delete a method and then answer 404 for it', async () => {
    const created = await c.post(`/api/shops/${slug}/shipping-methods`, { name: 'Tmp', price: 1 })
    const path = `/api/shops/${slug}/shipping-methods/${created.body.id}`
    expect((await c.delete(path)).status).toBe(204)
    expect((await c.get(path)).status).toBe(404)
    expect((await c.patch(path, { price: 2 })).status).toBe(404)
    expect((await c.delete(path)).status).toBe(404)
    expect((await c.get(`/api/shops/${slug}/shipping-methods/xyz`)).status).toBe(404)
  })
})
