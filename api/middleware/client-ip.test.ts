import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createApp } from '../app.ts'
import { TestClient } from '../testing/test-client.ts'
import { isTrustedProxyAddress } from './client-ip.ts'

describe('isTrustedProxyAddress', () => {
  it('should trust loopback and private ranges only', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '::1',
      'fd00::1',
      'fe80::1',
    ]) {
      expect(isTrustedProxyAddress(address), address).toBe(true)
    }
    for (const address of [
      '203.0.113.9',
      '172.32.0.1',
      '8.8.8.8',
      '2001:db8::1',
      '11.0.0.1',
      'fd::1',
      'fe8::1',
    ]) {
      expect(isTrustedProxyAddress(address), address).toBe(false)
    }
  })
})

describe.each(testEngines())('client address behind a proxy on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  const login = { email: 'nobody@example.com', password: 'whatever pw' }
  const app = (trustProxy: boolean) =>
    createApp({ db: t.db, config: { authRateLimit: { limit: 3, windowMs: 60_000 }, trustProxy } })
  const randomIp = () =>
    Array.from({ length: 4 }, () => Math.floor(Math.random() * 254) + 1).join('.')

  it('should rate-limit a client that rotates its own X-Forwarded-For as one client', async () => {
    const c = new TestClient(app(true))
    const real = engine === 'pglite' ? '198.51.100.7' : '198.51.100.8'
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      // What the client sent, then what our proxies appended: its address and an inner hop.
      const forwarded = `${randomIp()}, ${randomIp()}, ${real}, 10.0.0.2`
      const res = await c.post('/api/auth/login', login, { 'x-forwarded-for': forwarded })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429])
  })

  it('should count clients the proxy saw at different addresses apart', async () => {
    const c = new TestClient(app(true))
    const base = engine === 'pglite' ? '198.51.100.' : '192.0.2.'
    for (let i = 10; i < 16; i++) {
      const res = await c.post('/api/auth/login', login, {
        'x-forwarded-for': `${randomIp()}, ${base}${i}:443`,
      })
      expect(res.status).toBe(401)
    }
  })

  it('should take the nearest hop when the whole chain is on our network', async () => {
    const c = new TestClient(app(true))
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/api/auth/login', login, {
        'x-forwarded-for': `10.9.${i}.1, ${engine === 'pglite' ? '192.168.7.7' : '192.168.7.8'}`,
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
  })

  it('should ignore X-Forwarded-For without TRUST_PROXY', async () => {
    const c = new TestClient(app(false))
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await c.post('/api/auth/login', login, { 'x-forwarded-for': randomIp() })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
  })
})
