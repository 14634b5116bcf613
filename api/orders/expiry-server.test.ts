import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db.ts'
import type { Db } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { insertFixtureProducts, shopIdOf, stockOf } from '../../db/testing/catalog-fixture.ts'
import { createPostgresDatabase, testEngines } from '../../db/testing/test-db.ts'
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from '../testing/server-process.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

// Expiry end to end, in the real server process: an order whose deadline passed while the
// server was stopped lapses at start-up, one whose deadline passes while it runs lapses then,
// and both give their stock back. The deadlines live in the database only.

const SWEEP_MS = 300

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number) {
  const until = Date.now() + ms
  let value = await read()
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    value = await read()
  }
  return value
}

describe.each(testEngines())('order expiry in the running server (%s)', (engine) => {
  let dataDir: string | undefined
  let databaseUrl: string | undefined
  let drop: (() => Promise<void>) | undefined
  let server: ServerProcess | undefined
  let slug: string
  const orders: Record<'stopped' | 'running', { id: string; token: string }> = {
    stopped: { id: '', token: '' },
    running: { id: '', token: '' },
  }

  const open = (): Db => createDb({ databaseUrl, dataDir }).db
  const serverEnv = () => ({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir ?? '' }),
    SEED_DEMO: 'false',
    ORDER_EXPIRY_SWEEP_MS: String(SWEEP_MS),
  })
  const statusOf = async (token: string) => {
    const res = await fetch(`${server?.url}/api/orders/${token}`)
    return ((await res.json()) as { status: string }).status
  }

  beforeAll(async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase()
      databaseUrl = created.url
      drop = created.drop
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'chatcart-expiry-'))
    }
    // A shop with 10 mugs and two orders of them, placed through the real checkout.
    const db = open()
    try {
      await migrateToLatest(db)
      const client = new TestClient(createTestApp({ db }))
      slug = await client.signupWithShop()
      await insertFixtureProducts(db, await shopIdOf(db, slug), [
        { sku: 'MUG', name: 'Mug', price: 1200, stock: 10 },
      ])
      for (const [key, quantity] of [
        ['stopped', 3],
        ['running', 2],
      ] as const) {
        const res = await client.post(`/api/shops/${slug}/orders`, {
          items: [{ sku: 'MUG', quantity }],
          customer: { name: 'Ana' },
        })
        expect(res.status).toBe(201)
        orders[key] = { id: res.body.id, token: res.body.token }
      }
      expect(await stockOf(db, await shopIdOf(db, slug), 'MUG')).toBe(5)
    } finally {
      await db.destroy()
    }
  }, 60_000)

  afterAll(async () => {
    if (server) await stopServerProcess(server)
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    await drop?.()
  })

  it('should lapse orders due while it was stopped at start-up, and those due later while it runs', async () => {
    // First run: nothing is due, both orders stay pending.
    server = await startServerProcess(serverEnv())
    await new Promise((resolve) => setTimeout(resolve, SWEEP_MS * 3))
    expect(await statusOf(orders.stopped.token)).toBe('pending')
    expect(await statusOf(orders.running.token)).toBe('pending')
    expect(await stopServerProcess(server)).toBe(0)

    // While it is stopped, one deadline passes; the other comes a little after the next start.
    const db = open()
    const deadlineSet = Date.now()
    try {
      await sql`update orders set expires_at = now() - interval '1 minute'
                where id = ${orders.stopped.id}`.execute(db)
      await sql`update orders set expires_at = now() + interval '20 seconds'
                where id = ${orders.running.id}`.execute(db)
    } finally {
      await db.destroy()
    }

    server = await startServerProcess(serverEnv())
    expect(
      await waitFor(
        () => statusOf(orders.stopped.token),
        (s) => s === 'expired',
        10_000,
      ),
    ).toBe('expired')
    // Still before its deadline: the server is running when it passes. (A start-up slowed past
    // the deadline by a loaded machine cannot show that; the rest of the test still holds.)
    const status = await statusOf(orders.running.token)
    if (Date.now() - deadlineSet < 18_000) expect(status).toBe('pending')
    expect(
      await waitFor(
        () => statusOf(orders.running.token),
        (s) => s === 'expired',
        40_000,
      ),
    ).toBe('expired')
    expect(await stopServerProcess(server)).toBe(0)
    server = undefined

    const after = open()
    try {
      expect(await stockOf(after, await shopIdOf(after, slug), 'MUG')).toBe(10)
      const events = await after
        .selectFrom('order_events')
        .select(['order_id', 'type'])
        .where('type', '=', 'expired')
        .execute()
      expect(events.map((e) => e.order_id).sort()).toEqual(
        [orders.stopped.id, orders.running.id].sort(),
      )
    } finally {
      await after.destroy()
    }
  }, 150_000)
})
