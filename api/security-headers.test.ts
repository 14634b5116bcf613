import { connect } from 'node:net'
import { gunzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../db/testing/test-db.ts'
import { createTestApp, TestClient } from './testing/test-client.ts'

describe.each(testEngines())('response headers (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let slug: string
  beforeAll(async () => {
    testDb = await createTestDb(engine)
    client = new TestClient(
      createTestApp({ db: testDb.db, config: { publicUrl: 'https://shop.example' } }),
    )
    slug = await client.signupWithShop()
    for (let i = 0; i < 40; i++) {
      const res = await client.post(`/api/shops/${slug}/products`, {
        sku: `SKU-${i}`,
        name: `A product with a fairly long name, number ${i}`,
        price: 1000 + i,
        description: 'Hand-made in small batches. '.repeat(4),
      })
      expect(res.status).toBe(201)
    }
  })
  afterAll(() => testDb.destroy())

  it.each(['/healthz', '/api/me', '/admin', '/widget.js', '/nowhere'])(
    'should send nosniff, a Referrer-Policy and HSTS on %s',
    async (path) => {
      const res = await client.get(path)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBeTruthy()
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    },
  )

  it('should send nosniff and a Referrer-Policy on the storefront', async () => {
    const res = await client.get(`/${slug}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  })

  it('should send no HSTS when the public URL is plain http', async () => {
    const plain = createTestApp({ db: testDb.db, config: { publicUrl: 'http://localhost:3000' } })
    const res = await plain.request('/healthz')
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })

  it("should keep no-referrer on an order's page and API", async () => {
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'SKU-0', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    for (const path of [`/o/${placed.body.token}`, `/api/orders/${placed.body.token}`]) {
      const res = await client.get(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  it.each([
    '/api/shops/{slug}/orders',
    '/api/shops/{slug}/products',
    '/api/me',
    '/api/shops/{slug}/inbox',
    '/api/shops/{slug}/orders.csv',
  ])('should forbid storing owner data from %s', async (path) => {
    const res = await client.get(path.replace('{slug}', slug))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('should keep the public catalog cacheable and send it compressed', async () => {
    const res = await client.get(`/api/shops/${slug}/catalog`, { 'accept-encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('public')
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })

  it('should send small answers uncompressed', async () => {
    const res = await client.get('/healthz', { 'accept-encoding': 'gzip' })
    expect(res.headers.get('content-encoding')).toBeNull()
  })

  it('should give a compressed catalog that reads back as the same JSON', async () => {
    const app = createTestApp({ db: testDb.db })
    const plain = await (await app.request(`/api/shops/${slug}/catalog`)).json()
    const zipped = await app.request(`/api/shops/${slug}/catalog`, {
      headers: { 'accept-encoding': 'gzip' },
    })
    const body = Buffer.from(await zipped.arrayBuffer())
    expect(JSON.parse(gunzipSync(body).toString())).toEqual(plain)
  })
})

describe('a refused body on a keep-alive connection', () => {
  let testDb: TestDatabase
  let server: ReturnType<typeof serve>
  let port = 0
  beforeAll(async () => {
    testDb = await createTestDb('pglite')
    const app = createTestApp({ db: testDb.db })
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port
        resolve()
      })
    })
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await testDb.destroy()
  })

  /** Writes raw bytes on one socket and resolves with everything read until it closes. */
  function exchange(chunks: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1')
      let text = ''
      socket.setTimeout(10_000, () => socket.destroy(new Error('timed out')))
      socket.on('data', (data) => {
        text += data.toString()
      })
      socket.on('error', (err) =>
        (err as NodeJS.ErrnoException).code === 'ECONNRESET'
          ? resolve(`${text}\n<RESET>`)
          : reject(err),
      )
      socket.on('close', () => resolve(text))
      socket.on('connect', () => {
        for (const chunk of chunks) socket.write(chunk)
      })
    })
  }

  it('should close the connection cleanly after a 413, and answer the next connection', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024)
    const text = await exchange([
      `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nConnection: keep-alive\r\n\r\n`,
      big,
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    ])
    expect(text).toMatch(/^HTTP\/1\.1 413/)
    expect(text.toLowerCase()).toContain('connection: close')
    expect(text).not.toContain('<RESET>')
    const next = await exchange([
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    ])
    expect(next).toMatch(/^HTTP\/1\.1 200/)
  })
})
