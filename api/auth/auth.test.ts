import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createApp } from '../app.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('auth on %s', (engine) => {
  let t: TestDatabase
  let client: () => TestClient
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db })
    client = () => new TestClient(app)
  })
  afterAll(() => t.destroy())

  it('should sign up, set a safe session cookie and answer /api/me', async () => {
    const c = client()
    const res = await c.post('/api/auth/signup', {
      email: 'Ana@Example.com',
      password: 'long enough pw',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ email: 'Ana@Example.com' })
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^cc_session=[\w-]{40,};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    const me = await c.get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body.email).toBe('Ana@Example.com')
  })

  it('should store only a hash of the session token and a salted scrypt hash of the password', async () => {
    const c = client()
    await c.post('/api/auth/signup', { email: 'hash@example.com', password: 'long enough pw' })
    const token = c.cookie.split('=')[1] ?? ''
    const sessions = await t.db.selectFrom('sessions').select('token_hash').execute()
    expect(sessions.some((s) => s.token_hash === token)).toBe(false)
    const m = await t.db
      .selectFrom('merchants')
      .select('password_hash')
      .where('email', '=', 'hash@example.com')
      .executeTakeFirstOrThrow()
    expect(m.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(m.password_hash).not.toContain('long enough pw')
  })

  it('should mark the cookie Secure when the public URL is https', async () => {
    const app = createApp({
      db: t.db,
      config: { publicUrl: 'https://shop.example.com', signup: 'open' },
    })
    const res = await app.request('/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'secure@example.com', password: 'long enough pw' }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('should refuse short passwords, bad e-mails and unknown fields without writing', async () => {
    const c = client()
    const before = await tableCounts(t.db)
    const short = await c.post('/api/auth/signup', { email: 'a@example.com', password: 'short' })
    expect(short.status).toBe(400)
    expect(short.body.error).toMatchObject({ code: 'invalid', field: 'password' })
    const email = await c.post('/api/auth/signup', { email: 'nope', password: 'long enough pw' })
    expect(email.body.error.field).toBe('email')
    const extra = await c.post('/api/auth/signup', {
      email: 'b@example.com',
      password: 'long enough pw',
      admin: true,
    })
    expect(extra.status).toBe(400)
    expect(extra.body.error).toMatchObject({ code: 'unknown_field', field: 'admin' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse a second account with the same e-mail in any case', async () => {
    const c = client()
    await c.post('/api/auth/signup', { email: 'twice@example.com', password: 'long enough pw' })
    const again = await client().post('/api/auth/signup', {
      email: 'TWICE@example.com',
      password: 'long enough pw',
    })
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({ code: 'taken', field: 'email' })
  })

  it('should log in, and give one answer for a wrong e-mail and a wrong password', async () => {
    await client().post('/api/auth/signup', {
      email: 'login@example.com',
      password: 'long enough pw',
    })
    const ok = await client().post('/api/auth/login', {
      email: 'LOGIN@example.com',
      password: 'long enough pw',
    })
    expect(ok.status).toBe(200)
    const wrongPassword = await client().post('/api/auth/login', {
      email: 'login@example.com',
      password: 'wrong password',
    })
    const wrongEmail = await client().post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'long enough pw',
    })
    expect(wrongPassword.status).toBe(401)
    expect(wrongEmail.status).toBe(401)
    expect(wrongEmail.body).toEqual(wrongPassword.body)
  })

  it('should revoke the session on logout', async () => {
    const c = client()
    await c.signup()
    const cookie = c.cookie
    expect((await c.post('/api/auth/logout')).status).toBe(204)
    const stale = new TestClient(c.app)
    stale.cookie = cookie
    expect((await stale.get('/api/me')).status).toBe(401)
  })

  it('should answer 401 without a session', async () => {
    const res = await client().get('/api/me')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthenticated')
  })

  it('should refuse a cookie-authenticated change sent from another site', async () => {
    const c = client()
    await c.signup()
    const body = { slug: 'csrf-shop', name: 'X', whatsappPhone: '33612345678', currency: 'EUR' }
    const bySite = await c.post('/api/shops', body, { 'sec-fetch-site': 'cross-site' })
    expect(bySite.status).toBe(403)
    expect(bySite.body.error.code).toBe('cross_site')
    const byOrigin = await c.post('/api/shops', body, { origin: 'https://evil.example' })
    expect(byOrigin.status).toBe(403)
    const same = await c.post('/api/shops', body, { 'sec-fetch-site': 'same-origin' })
    expect(same.body).toMatchObject({ slug: 'csrf-shop' })
    expect(same.status).toBe(201)
  })

  it('should rate-limit log-in attempts with a 429 and Retry-After', async () => {
    const app = createApp({
      db: t.db,
      config: { authRateLimit: { limit: 3, windowMs: 60_000 }, trustProxy: true },
    })
    const c = new TestClient(app)
    const headers = { 'x-forwarded-for': `203.0.113.${engine === 'pglite' ? 7 : 8}` }
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await c.post(
            '/api/auth/login',
            { email: 'x@example.com', password: 'whatever pw' },
            headers,
          )
        ).status,
      )
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    const limited = await c.post(
      '/api/auth/login',
      { email: 'x@example.com', password: 'whatever pw' },
      headers,
    )
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.body.error.code).toBe('rate_limited')
  })
})
