import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const suggestion = (name: string) => `/api/slug-suggestion?name=${encodeURIComponent(name)}`

describe.each(testEngines())('shop address suggestions on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    await c.signup()
  })
  afterAll(() => t.destroy())

  it('should suggest epicerie-tokyo for Épicerie-TŌKYŌ', async () => {
    const res = await c.get(suggestion('Épicerie-TŌKYŌ'))
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ slug: 'epicerie-tokyo', available: true })
  })

  it('should suggest a readable Latin address for an Arabic name', async () => {
    expect((await c.get(suggestion('متجر الورد'))).body).toEqual({
      slug: 'mtjr-lwrd',
      available: true,
    })
  })

  it('should suggest the next numbered address when the plain one is taken', async () => {
    await c.signupWithShop('mtjr-lwrd')
    expect((await c.get(suggestion('متجر الورد'))).body).toEqual({
      slug: 'mtjr-lwrd-2',
      available: true,
    })
  })

  it('should not suggest a reserved address', async () => {
    expect((await c.get(suggestion('Admin'))).body).toEqual({ slug: 'admin-2', available: true })
  })

  it('should suggest nothing for a name with nothing readable', async () => {
    expect((await c.get(suggestion('★★★'))).body).toEqual({ slug: '', available: false })
  })

  it('should refuse a name over 100 characters with a 400 naming the field', async () => {
    const res = await c.get(suggestion('x'.repeat(101)))
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('name')
  })

  it('should answer 401 without a session', async () => {
    const anonymous = new TestClient(c.app)
    expect((await anonymous.get(suggestion('Olive'))).status).toBe(401)
  })

  it('should say why an address is unavailable with a code', async () => {
    expect((await c.get('/api/slug-availability/mtjr-lwrd')).body).toMatchObject({
      available: false,
      code: 'taken',
    })
    expect((await c.get('/api/slug-availability/admin')).body).toMatchObject({
      available: false,
      code: 'reserved',
    })
    expect((await c.get('/api/slug-availability/-bad-')).body).toMatchObject({
      available: false,
      code: 'invalid',
    })
  })
})
