import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPostgresDatabase, testEngines } from '../../db/testing/test-db.ts'
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../testing/server-process.ts'

// Crash safety of checkout, end to end: the real server is killed with SIGKILL while orders are
// in flight; after a restart the shoppers retry with their Idempotency-Keys. Every key must end
// with exactly one whole order (its lines, its event, its stock taken once) and every answer
// given before the crash must be the one replayed after it.

const ORDERS = 120
const STOCK = 10_000

/** A tiny HTTP client that keeps one merchant's session cookie. */
function client(base: () => string) {
  let cookie = ''
  return async (method: string, path: string, body?: unknown, headers = {}) => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const set = res.headers.get('set-cookie')
    if (set?.startsWith('cc_session=')) cookie = set.split(';')[0] ?? ''
    const text = await res.text()
    // Tests read the JSON answers field by field.
    // biome-ignore lint/suspicious/noExplicitAny: a test reads answers of several shapes
    const json: any = text.startsWith('{') ? JSON.parse(text) : text
    return { status: res.status, body: json }
  }
}

describe.each(testEngines())('checkout crash safety on %s', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatcart-order-crash-'))
  let database: Record<string, string> = { DATA_DIR: dataDir }
  let dropDatabase: (() => Promise<void>) | undefined
  let server: ServerProcess | undefined

  beforeAll(async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase()
      database = { DATA_DIR: dataDir, DATABASE_URL: created.url }
      dropDatabase = created.drop
    }
  })
  afterAll(async () => {
    if (server) await stopServerProcess(server, 'SIGKILL')
    await dropDatabase?.()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('should keep each order whole, and once, across a SIGKILL mid-burst', async () => {
    const env = { ...database, SEED_DEMO: 'false', RATE_LIMIT_ORDERS: '1000000' }
    server = await startServerProcess(env)
    const api = client(() => server?.url ?? '')
    const slug = `crash-${randomBytes(4).toString('hex')}`
    const email = `${slug}@example.com`
    const password = 'correct horse battery'
    expect((await api('POST', '/api/auth/signup', { email, password })).status).toBe(201)
    expect(
      (
        await api('POST', '/api/shops', {
          slug,
          name: 'Crash Shop',
          whatsappPhone: '+1 555 078 3881',
          currency: 'EUR',
        })
      ).status,
    ).toBe(201)
    for (const product of [
      { sku: 'MUG', name: 'Mug', price: 1200, stock: STOCK },
      { sku: 'PIN', name: 'Pin', price: 150 },
    ]) {
      expect((await api('POST', `/api/shops/${slug}/products`, product)).status).toBe(201)
    }

    const keys = Array.from({ length: ORDERS }, (_, i) => `crash-${slug}-${i}`)
    const body = (i: number) => ({
      items: [
        { sku: 'MUG', quantity: 1 + (i % 3) },
        { sku: 'PIN', quantity: 1 },
      ],
      customer: { name: `Shopper ${i}` },
    })
    const place = (i: number) =>
      api('POST', `/api/shops/${slug}/orders`, body(i), { 'idempotency-key': keys[i] }).catch(
        () => ({ status: 0, body: undefined }),
      )

    // The burst; the server dies once a quarter of it has been answered.
    const answered = new Map<number, unknown>()
    const burst = Promise.all(
      keys.map((_, i) =>
        place(i).then((res) => {
          if (res.status === 201) answered.set(i, res.body)
          if (answered.size === ORDERS / 4 && server) stopServerProcess(server, 'SIGKILL')
        }),
      ),
    )
    await burst
    await stopServerProcess(server, 'SIGKILL')
    expect(answered.size).toBeGreaterThanOrEqual(ORDERS / 4)
    expect(answered.size).toBeLessThan(ORDERS)

    // The shoppers retry after the restart, every one with the key it used.
    server = await startServerProcess(env)
    const retried = await Promise.all(keys.map((_, i) => place(i)))
    expect(retried.map((r) => r.status)).toEqual(Array(ORDERS).fill(201))
    for (const [i, first] of answered) expect(retried[i]?.body).toEqual(first)

    expect((await api('POST', '/api/auth/login', { email, password })).status).toBe(200)
    const codes = new Set(retried.map((r) => r.body.code))
    expect(codes.size).toBe(ORDERS)
    let listed = 0
    for (let page = 1; ; page++) {
      const list = await api('GET', `/api/shops/${slug}/orders?limit=100&page=${page}`)
      listed += list.body.orders.length
      for (const order of list.body.orders) {
        expect(codes.has(order.code)).toBe(true)
        expect(order.items.map((item: { sku: string }) => item.sku)).toEqual(['MUG', 'PIN'])
      }
      if (list.body.orders.length < 100) break
    }
    expect(listed).toBe(ORDERS)
    for (const code of [...codes].slice(0, 10)) {
      const order = await api('GET', `/api/shops/${slug}/orders/${code}`)
      expect(order.body.events.filter((e: { type: string }) => e.type === 'created')).toHaveLength(
        1,
      )
    }
    const sold = keys.reduce((sum, _, i) => sum + 1 + (i % 3), 0)
    const products = await api('GET', `/api/shops/${slug}/products`)
    const mug = products.body.products.find((p: { sku: string }) => p.sku === 'MUG')
    expect(mug.stock).toBe(STOCK - sold)
  }, 240_000)
})
