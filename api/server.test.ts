import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createPostgresDatabase, testEngines } from '../db/testing/test-db.ts'
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
} from './testing/server-process.ts'

// The newcomer's path: start on an empty data folder, get the demo shop, stop cleanly, start
// again and find the same data (and no second demo).

describe.each(testEngines())('the server on %s', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatcart-server-'))
  const running: ServerProcess[] = []
  let drop: (() => Promise<void>) | undefined

  afterAll(async () => {
    for (const server of running) await stopServerProcess(server, 'SIGKILL')
    await drop?.()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('should serve the demo shop, stop on SIGTERM and keep its data across a restart', async () => {
    const env: Record<string, string> = { DATA_DIR: dataDir, SEED_DEMO: 'true' }
    if (engine === 'postgres') {
      const created = await createPostgresDatabase()
      drop = created.drop
      env.DATABASE_URL = created.url
    }
    const first = await startServerProcess(env)
    running.push(first)
    await expect.poll(() => first.output()).toMatch(/demo log-in: demo@chatcart\.dev \/ \S{12,}/)
    expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ ok: true })
    const catalog = await (await fetch(`${first.url}/api/shops/demo/catalog`)).json()
    expect(catalog.shop.slug).toBe('demo')
    expect(catalog.categories).toHaveLength(3)
    expect(catalog.products.length).toBeGreaterThanOrEqual(10)
    expect(catalog.shippingMethods).toHaveLength(2)

    expect(await stopServerProcess(first, 'SIGTERM')).toBe(0)
    expect(first.output()).toMatch(/SIGTERM: finishing requests in flight/)

    const second = await startServerProcess(env)
    running.push(second)
    expect(second.output()).not.toMatch(/demo log-in/)
    const again = await (await fetch(`${second.url}/api/shops/demo/catalog`)).json()
    expect(again.products).toHaveLength(catalog.products.length)
    expect(await stopServerProcess(second, 'SIGINT')).toBe(0)
  }, 180_000)
})
