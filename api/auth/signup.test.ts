import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { purgeExpired } from '../../db/merchants.queries.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createApp } from '../app.ts'
import type { SignupMode } from '../config.ts'
import { seedDemoShop } from '../demo/seed-demo.ts'
import { TestClient } from '../testing/test-client.ts'

const PASSWORD = 'correct horse battery'

describe.each(testEngines())('sign-up modes, invites and passwords (%s)', (engine) => {
  let t: TestDatabase
  beforeEach(async () => {
    t = await createTestDb(engine)
  })
  afterEach(() => t.destroy())

  const appWith = (signup?: SignupMode) =>
    createApp({
      db: t.db,
      config: {
        authRateLimit: { limit: 10_000, windowMs: 60_000 },
        ...(signup ? { signup } : {}),
      },
    })
  const signup = (client: TestClient, email: string, extra: object = {}) =>
    client.post('/api/auth/signup', { email, password: PASSWORD, ...extra })

  it('should let the first owner in freely, then ask for an invite by default', async () => {
    const app = appWith()
    // The demo shop's merchant is not the instance's owner.
    await seedDemoShop(t.db)
    const visitor = new TestClient(app)
    expect((await visitor.get('/api/auth/signup-mode')).body).toEqual({ mode: 'open' })
    const owner = new TestClient(app)
    expect((await signup(owner, 'owner@example.com')).status).toBe(201)
    expect((await visitor.get('/api/auth/signup-mode')).body).toEqual({ mode: 'invite' })
    const before = await tableCounts(t.db)
    const refused = await signup(new TestClient(app), 'second@example.com')
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({ code: 'invite_required', field: 'invite' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should admit one account per invite, and refuse a revoked or expired one', async () => {
    const app = appWith('invite')
    const owner = new TestClient(app)
    await signup(owner, 'owner@example.com')
    const made = await owner.post('/api/auth/invites')
    expect(made.status).toBe(201)
    const invite = new URL(made.body.url).searchParams.get('invite') ?? ''
    expect(made.body.url).toMatch(/\/admin\/signup\?invite=/)
    expect((await signup(new TestClient(app), 'guest@example.com', { invite })).status).toBe(201)
    const again = await signup(new TestClient(app), 'guest2@example.com', { invite })
    expect(again.status).toBe(403)
    expect(again.body.error).toMatchObject({ code: 'invalid_invite', field: 'invite' })
    const listed = await owner.get('/api/auth/invites')
    expect(listed.body.invites[0].usedAt).toEqual(expect.any(String))

    const revokedMade = await owner.post('/api/auth/invites')
    const revoked = new URL(revokedMade.body.url).searchParams.get('invite') ?? ''
    expect((await owner.delete(`/api/auth/invites/${revokedMade.body.id}`)).status).toBe(204)
    expect((await signup(new TestClient(app), 'g3@example.com', { invite: revoked })).status).toBe(
      403,
    )

    const expiredMade = await owner.post('/api/auth/invites')
    const expired = new URL(expiredMade.body.url).searchParams.get('invite') ?? ''
    await t.db
      .updateTable('invites')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expiredMade.body.id)
      .execute()
    expect((await signup(new TestClient(app), 'g4@example.com', { invite: expired })).status).toBe(
      403,
    )
    // Another merchant cannot revoke this merchant's invites.
    const stranger = new TestClient(app)
    await stranger.post('/api/auth/login', { email: 'guest@example.com', password: PASSWORD })
    const mine = await owner.post('/api/auth/invites')
    expect((await stranger.delete(`/api/auth/invites/${mine.body.id}`)).status).toBe(404)
  })

  it('should refuse every sign-up after the first when closed, and any when open', async () => {
    const closed = appWith('closed')
    expect((await signup(new TestClient(closed), 'first@example.com')).status).toBe(201)
    const refused = await signup(new TestClient(closed), 'late@example.com')
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('signup_closed')
    const open = appWith('open')
    expect((await signup(new TestClient(open), 'anyone@example.com')).status).toBe(201)
  })

  it('should give one first account to two sign-ups at once', async () => {
    const app = appWith('invite')
    const results = await Promise.all(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((email) =>
        signup(new TestClient(app), email),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403])
  })

  it.each([
    ['          ', 'password_blank'],
    ['zzzzzzzzzzzz', 'password_repeated'],
    ['1234567890', 'password_sequence'],
    ['qwertyuiop', 'password_sequence'],
    ['newcomer@example.com', 'password_email'],
    ['password123', 'password_common'],
  ])('should refuse the trivial password %j without writing', async (password, code) => {
    const app = appWith('open')
    const before = await tableCounts(t.db)
    const res = await new TestClient(app).post('/api/auth/signup', {
      email: 'newcomer@example.com',
      password,
    })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code, field: 'password' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should change the password, ending the other sessions and keeping this one', async () => {
    const app = appWith('open')
    const here = new TestClient(app)
    await signup(here, 'me@example.com')
    const elsewhere = new TestClient(app)
    await elsewhere.post('/api/auth/login', { email: 'me@example.com', password: PASSWORD })
    expect((await elsewhere.get('/api/me')).status).toBe(200)

    const wrong = await here.post('/api/auth/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.field).toBe('currentPassword')
    const trivial = await here.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'abcdefghijkl',
    })
    expect(trivial.body.error).toMatchObject({ field: 'newPassword' })

    const changed = await here.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    })
    expect(changed.status).toBe(200)
    expect(changed.body.endedSessions).toBe(1)
    expect((await here.get('/api/me')).status).toBe(200)
    expect((await elsewhere.get('/api/me')).status).toBe(401)
    const old = await new TestClient(app).post('/api/auth/login', {
      email: 'me@example.com',
      password: PASSWORD,
    })
    expect(old.status).toBe(401)
    const fresh = await new TestClient(app).post('/api/auth/login', {
      email: 'me@example.com',
      password: 'a brand new secret',
    })
    expect(fresh.status).toBe(200)
  })

  it('should end all other sessions on request', async () => {
    const app = appWith('open')
    const here = new TestClient(app)
    await signup(here, 'me@example.com')
    const others = [new TestClient(app), new TestClient(app)]
    for (const other of others) {
      await other.post('/api/auth/login', { email: 'me@example.com', password: PASSWORD })
    }
    const res = await here.post('/api/auth/sessions/revoke-others')
    expect(res.body).toEqual({ endedSessions: 2 })
    expect((await here.get('/api/me')).status).toBe(200)
    for (const other of others) expect((await other.get('/api/me')).status).toBe(401)
  })

  it('should purge expired sessions, spent rate-limit windows and lapsed invites only', async () => {
    const app = appWith('open')
    const live = new TestClient(app)
    await signup(live, 'live@example.com')
    const stale = new TestClient(app)
    await stale.post('/api/auth/login', { email: 'live@example.com', password: PASSWORD })
    await live.post('/api/auth/invites')
    const lapsed = await live.post('/api/auth/invites')
    const past = new Date(Date.now() - 60_000)
    await t.db
      .updateTable('invites')
      .set({ expires_at: past })
      .where('id', '=', lapsed.body.id)
      .execute()
    // Make the second session expired, and add one spent and one running rate-limit window.
    const sessions = await t.db.selectFrom('sessions').select('id').orderBy('created_at').execute()
    await t.db
      .updateTable('sessions')
      .set({ expires_at: past })
      .where('id', '=', sessions[1]?.id ?? '')
      .execute()
    await t.db
      .insertInto('rate_limits')
      .values([
        { key: 'test:spent', count: 3, reset_at: past },
        { key: 'test:running', count: 1, reset_at: new Date(Date.now() + 60_000) },
      ])
      .execute()
    const removed = await purgeExpired(t.db, 1000)
    expect(removed).toBeGreaterThanOrEqual(3)
    expect((await live.get('/api/me')).status).toBe(200)
    expect((await stale.get('/api/me')).status).toBe(401)
    const keys = (await t.db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key)
    expect(keys).toContain('test:running')
    expect(keys).not.toContain('test:spent')
    const invites = await live.get('/api/auth/invites')
    expect(invites.body.invites).toHaveLength(1)
  })
})
