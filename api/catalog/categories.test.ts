import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('categories on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
  })
  afterAll(() => t.destroy())

  const createCategory = async (name: string) => {
    const res = await c.post(`/api/shops/${slug}/categories`, { name })
    expect(res.status).toBe(201)
    return res.body as { id: string; name: string; position: number }
  }

  it('should create categories one after the other and list them in order', async () => {
    const a = await createCategory('Pantry')
    const b = await createCategory('Kitchen')
    expect(b.position).toBe(a.position + 1)
    const res = await c.get(`/api/shops/${slug}/categories`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    const names = res.body.categories.map((x: { name: string }) => x.name)
    expect(names.indexOf('Pantry')).toBeLessThan(names.indexOf('Kitchen'))
  })

  it('should read, rename and move one category', async () => {
    const cat = await createCategory('Old name')
    const got = await c.get(`/api/shops/${slug}/categories/${cat.id}`)
    expect(got.status).toBe(200)
    expect(got.body).toMatchObject({ id: cat.id, name: 'Old name' })
    const res = await c.patch(`/api/shops/${slug}/categories/${cat.id}`, {
      name: '  New name ',
      position: 40,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ id: cat.id, name: 'New name', position: 40 })
  })

  it('should answer an empty patch with the category unchanged', async () => {
    const cat = await createCategory('Untouched')
    const res = await c.patch(`/api/shops/${slug}/categories/${cat.id}`, {})
    expect(res.status).toBe(200)
    expect(res.body.name).toBe('Untouched')
  })

  it('should refuse a blank name and unknown fields without writing', async () => {
    const before = await tableCounts(t.db)
    const blank = await c.post(`/api/shops/${slug}/categories`, { name: '   ' })
    expect(blank.status).toBe(400)
    expect(blank.body.error).toMatchObject({ code: 'invalid', field: 'name' })
    const extra = await c.post(`/api/shops/${slug}/categories`, { name: 'X', color: 'red' })
    expect(extra.body.error).toMatchObject({ code: 'unknown_field', field: 'color' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should answer 404 for a missing or malformed category id', async () => {
    const missing = await c.get(
      `/api/shops/${slug}/categories/00000000-0000-4000-8000-000000000000`,
    )
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
    const malformed = await c.patch(`/api/shops/${slug}/categories/not-a-uuid`, { name: 'x' })
    expect(malformed.status).toBe(404)
  })

  it('should reorder all categories with PUT /categories/order', async () => {
    const list = (await c.get(`/api/shops/${slug}/categories`)).body.categories as { id: string }[]
    const reversed = list.map((x) => x.id).reverse()
    const res = await c.put(`/api/shops/${slug}/categories/order`, { ids: reversed })
    expect(res.status).toBe(200)
    expect(res.body.categories.map((x: { id: string }) => x.id)).toEqual(reversed)
    expect(res.body.categories.map((x: { position: number }) => x.position)).toEqual(
      reversed.map((_, i) => i),
    )
  })

  it('should refuse a reorder that misses, repeats or invents a category', async () => {
    const list = (await c.get(`/api/shops/${slug}/categories`)).body.categories as { id: string }[]
    const ids = list.map((x) => x.id)
    const missing = await c.put(`/api/shops/${slug}/categories/order`, { ids: ids.slice(1) })
    expect(missing.status).toBe(400)
    expect(missing.body.error).toMatchObject({ code: 'invalid', field: 'ids' })
    const repeated = await c.put(`/api/shops/${slug}/categories/order`, {
      ids: [...ids.slice(1), ids[1]],
    })
    expect(repeated.status).toBe(400)
    const foreign = await c.put(`/api/shops/${slug}/categories/order`, {
      ids: [...ids.slice(1), '00000000-0000-4000-8000-000000000000'],
    })
    expect(foreign.status).toBe(400)
    const after = (await c.get(`/api/shops/${slug}/categories`)).body.categories
    expect(after.map((x: { id: string }) => x.id)).toEqual(ids)
  })

  it('should leave products uncategorised when their category is deleted', async () => {
    const cat = await createCategory('Gone')
    const product = await c.post(`/api/shops/${slug}/products`, {
      sku: 'GONE-1',
      name: 'Orphan',
      price: 100,
      categoryId: cat.id,
    })
    const res = await c.delete(`/api/shops/${slug}/categories/${cat.id}`)
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    const after = await c.get(`/api/shops/${slug}/products/${product.body.id}`)
    expect(after.body.categoryId).toBeNull()
    expect((await c.get(`/api/shops/${slug}/categories/${cat.id}`)).status).toBe(404)
  })

  it('should move products to ?moveTo when their category is deleted', async () => {
    const from = await createCategory('From')
    const to = await createCategory('To')
    const product = await c.post(`/api/shops/${slug}/products`, {
      sku: 'MOVE-1',
      name: 'Mover',
      price: 100,
      categoryId: from.id,
    })
    const res = await c.delete(`/api/shops/${slug}/categories/${from.id}?moveTo=${to.id}`)
    expect(res.status).toBe(204)
    const after = await c.get(`/api/shops/${slug}/products/${product.body.id}`)
    expect(after.body.categoryId).toBe(to.id)
  })

  it('should refuse ?moveTo naming the deleted or an unknown category, deleting nothing', async () => {
    const cat = await createCategory('Stays')
    const before = await tableCounts(t.db)
    const self = await c.delete(`/api/shops/${slug}/categories/${cat.id}?moveTo=${cat.id}`)
    expect(self.status).toBe(400)
    expect(self.body.error.field).toBe('moveTo')
    const unknown = await c.delete(
      `/api/shops/${slug}/categories/${cat.id}?moveTo=00000000-0000-4000-8000-000000000000`,
    )
    expect(unknown.status).toBe(400)
    const garbage = await c.delete(`/api/shops/${slug}/categories/${cat.id}?moveTo=nope`)
    expect(garbage.status).toBe(400)
    expect(garbage.body.error.field).toBe('moveTo')
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should answer 404 when deleting a missing category', async () => {
    const res = await c.delete(`/api/shops/${slug}/categories/00000000-0000-4000-8000-000000000000`)
    expect(res.status).toBe(404)
  })

  it('should ask for a session', async () => {
    const anonymous = new TestClient(c.app)
    const res = await anonymous.get(`/api/shops/${slug}/categories`)
    expect(res.status).toBe(401)
  })
})
