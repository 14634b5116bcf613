import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../db/create-db.ts'
import { createTestDb, type TestDatabase, testEngines } from '../db/testing/test-db.ts'
import { createTestApp } from './testing/test-client.ts'

describe.each(testEngines())('app on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  it('should answer /healthz when the database answers', async () => {
    const res = await createTestApp({ db: t.db }).request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
  })

  it('should give every response a request id, keeping a sane one from the client', async () => {
    const app = createTestApp({ db: t.db })
    const fresh = await app.request('/healthz')
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await app.request('/healthz', { headers: { 'x-request-id': 'req-12345678' } })
    expect(kept.headers.get('x-request-id')).toBe('req-12345678')
  })

  it('should log one line per request with its id', async () => {
    const lines: string[] = []
    const original = console.log
    console.log = (line: string) => lines.push(line)
    try {
      await createTestApp({ db: t.db, config: { log: true } }).request('/healthz', {
        headers: { 'x-request-id': 'log-test-1' },
      })
    } finally {
      console.log = original
    }
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      id: 'log-test-1',
      method: 'GET',
      path: '/healthz',
      status: 200,
    })
  })

  it('should answer unknown API paths with a JSON 404', async () => {
    const res = await createTestApp({ db: t.db }).request('/api/nothing-here')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } })
  })

  it('should refuse a body over 1 MB with 413 before reading it', async () => {
    const res = await createTestApp({ db: t.db }).request('/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2 * 1024 * 1024) }),
    })
    expect(res.status).toBe(413)
    expect((await res.json()).error.code).toBe('payload_too_large')
  })

  it('should answer 503, without details, while the database is unreachable', async () => {
    const { db: closed } = createDb({ databaseUrl: 'postgres://app:secret-pw@127.0.0.1:1/none' })
    try {
      const app = createTestApp({ db: closed })
      const health = await app.request('/healthz')
      expect(health.status).toBe(503)
      expect(await health.json()).toEqual({ ok: false, database: 'unavailable' })
      const res = await app.request('/api/shops/demo/catalog')
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('5')
      const text = await res.text()
      expect(text).not.toMatch(/secret-pw|ECONNREFUSED|127\.0\.0\.1/)
      expect(JSON.parse(text).error.code).toBe('database_unavailable')
    } finally {
      await closed.destroy()
    }
  })
})
