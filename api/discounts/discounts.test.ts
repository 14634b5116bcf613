import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('discounts on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  let base: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
    base = `/api/shops/${slug}/discounts`
  })
  afterAll(() => t.destroy())

  it('should create a percentage code with defaults and list it', async () => {
    const res = await c.post(base, { code: 'Summer10', percentOff: 10 })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      code: 'Summer10',
      percentOff: 10,
      minSubtotal: null,
      startsAt: null,
      endsAt: null,
      maxUses: null,
      oncePerCustomer: false,
      categoryIds: [],
      uses: 0,
      createdAt: expect.any(String),
    })
    const list = await c.get(base)
    expect(list.status).toBe(200)
    expect(list.body.discounts.map((d: { code: string }) => d.code)).toContain('Summer10')
  })

  it('should create an amount code with every condition', async () => {
    const category = await c.post(`/api/shops/${slug}/categories`, { name: 'Cakes' })
    const res = await c.post(base, {
      code: 'CAKE5',
      amountOff: 500,
      minSubtotal: 2000,
      startsAt: '2026-01-01T00:00:00Z',
      endsAt: '2026-12-31T23:00:00-03:00',
      maxUses: 3,
      oncePerCustomer: true,
      categoryIds: [category.body.id],
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body).toMatchObject({
      code: 'CAKE5',
      amountOff: 500,
      minSubtotal: 2000,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2027-01-01T02:00:00.000Z',
      maxUses: 3,
      oncePerCustomer: true,
      categoryIds: [category.body.id],
    })
    expect(res.body).not.toHaveProperty('percentOff')
  })

  it('should refuse a code that differs only in case with 409 naming code', async () => {
    await c.post(base, { code: 'WELCOME', percentOff: 5 })
    const before = await tableCounts(t.db)
    const res = await c.post(base, { code: 'welcome', amountOff: 100 })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'code_taken', field: 'code' })
    expect(await tableCounts(t.db)).toEqual(before)
    const other = await c.post(base, { code: 'OTHER', percentOff: 5 })
    const renamed = await c.patch(`${base}/${other.body.id}`, { code: 'Welcome' })
    expect(renamed.status).toBe(409)
    expect(renamed.body.error.field).toBe('code')
  })

  it('should let the same code exist in another shop', async () => {
    const other = new TestClient(createTestApp({ db: t.db }))
    const otherSlug = await other.signupWithShop()
    const res = await other.post(`/api/shops/${otherSlug}/discounts`, {
      code: 'Summer10',
      percentOff: 20,
    })
    expect(res.status, res.text).toBe(201)
  })

  it('should refuse bad input naming the field, without writing', async () => {
    const before = await tableCounts(t.db)
    const cases: [object, string, string][] = [
      [{ code: 'X' }, 'percentOff', 'required'],
      [{ code: 'X', percentOff: 10, amountOff: 100 }, 'amountOff', 'invalid'],
      [{ code: 'X', percentOff: 0 }, 'percentOff', 'invalid'],
      [{ code: 'X', percentOff: 101 }, 'percentOff', 'invalid'],
      [{ code: 'X', percentOff: 12.5 }, 'percentOff', 'invalid'],
      [{ code: 'X', amountOff: 0 }, 'amountOff', 'invalid'],
      [{ code: 'X', amountOff: -5 }, 'amountOff', 'invalid'],
      [{ code: '', percentOff: 1 }, 'code', 'invalid'],
      [{ code: 'two words', percentOff: 1 }, 'code', 'invalid'],
      [{ percentOff: 1 }, 'code', 'required'],
      [{ code: 'X', percentOff: 1, minSubtotal: -1 }, 'minSubtotal', 'invalid'],
      [{ code: 'X', percentOff: 1, maxUses: 0 }, 'maxUses', 'invalid'],
      [{ code: 'X', percentOff: 1, startsAt: 'tomorrow' }, 'startsAt', 'invalid'],
      [
        {
          code: 'X',
          percentOff: 1,
          startsAt: '2026-05-02T00:00:00Z',
          endsAt: '2026-05-01T00:00:00Z',
        },
        'endsAt',
        'invalid',
      ],
      [{ code: 'X', percentOff: 1, categoryIds: ['nope'] }, 'categoryIds.0', 'invalid'],
      [
        { code: 'X', percentOff: 1, categoryIds: ['6f1c1d0e-8a3b-4c4e-9d55-3a1f2b7c9e01'] },
        'categoryIds.0',
        'invalid',
      ],
      [{ code: 'X', percentOff: 1, uses: 4 }, 'uses', 'unknown_field'],
    ]
    for (const [body, field, code] of cases) {
      const res = await c.post(base, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error, JSON.stringify(body)).toMatchObject({ code, field })
    }
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should patch, switching the kind of discount and clearing conditions', async () => {
    const created = await c.post(base, { code: 'SWITCH', percentOff: 15, maxUses: 10 })
    const path = `${base}/${created.body.id}`
    const res = await c.patch(path, { amountOff: 250, maxUses: null })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ code: 'SWITCH', amountOff: 250, maxUses: null })
    expect(res.body).not.toHaveProperty('percentOff')
    const cleared = await c.patch(path, { amountOff: null })
    expect(cleared.status).toBe(400)
    expect(cleared.body.error.field).toBe('percentOff')
    const window = await c.patch(path, { startsAt: '2027-01-01T00:00:00Z' })
    expect(window.status).toBe(200)
    const bad = await c.patch(path, { endsAt: '2026-01-01T00:00:00Z' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('endsAt')
    expect((await c.get(path)).body).toMatchObject({ amountOff: 250, endsAt: null })
  })

  it('should delete a code and then answer 404 for it', async () => {
    const created = await c.post(base, { code: 'GONE', percentOff: 1 })
    const path = `${base}/${created.body.id}`
    expect((await c.delete(path)).status).toBe(204)
    expect((await c.get(path)).status).toBe(404)
    expect((await c.patch(path, { percentOff: 2 })).status).toBe(404)
    expect((await c.delete(path)).status).toBe(404)
    expect((await c.get(`${base}/xyz`)).status).toBe(404)
    // The code is free again.
    expect((await c.post(base, { code: 'gone', percentOff: 1 })).status).toBe(201)
  })
})
