import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db.ts'
import { createPostgresDatabase, testEngines } from '../../db/testing/test-db.ts'
import { signWebhookBody } from './signature.ts'
import { APP_SECRET, PHONE_NUMBER_ID, readFixture } from './webhook-test-kit.ts'

// Crash safety, end to end: the real server acknowledges a burst of signed webhooks, is killed
// with SIGKILL before it processes them (WHATSAPP_PROCESS_DELAY_MS holds processing back), and
// after a restart on the same data every message is processed exactly once.

const REPO = join(import.meta.dirname, '..', '..')
const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
const BURST = 12

interface RunningServer {
  child: ChildProcess
  url: string
}

/** Starts `api/server.ts` and resolves with its address once it listens. */
function startServer(extraEnv: Record<string, string>): Promise<RunningServer> {
  const childEnv: Record<string, string | undefined> = { ...process.env }
  delete childEnv.DATABASE_URL
  // One process (node with the tsx loader), so SIGKILL really kills the server: the tsx CLI
  // would run it as a grandchild that outlives its parent.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: REPO,
    env: {
      ...childEnv,
      HOST: '127.0.0.1',
      PORT: '0',
      // One process, so the kill takes the whole server and the log shows the real port.
      WORKERS: '1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      WHATSAPP_APP_SECRET: APP_SECRET,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /on (http:\/\/127\.0\.0\.1:\d+)\s/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve({ child, url: match[1] })
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
}

function kill(server: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.once('exit', () => resolve())
    server.child.kill('SIGKILL')
  })
}

/** A tiny HTTP client that keeps one merchant's session cookie. */
function merchantClient(base: string) {
  let cookie = ''
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const set = res.headers.get('set-cookie')
    if (set?.startsWith('cc_session=')) cookie = set.split(';')[0] ?? ''
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : undefined }
  }
}

describe.each(testEngines())('WhatsApp crash safety on %s', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatcart-crash-'))
  const servers: RunningServer[] = []
  let database: Record<string, string> = { DATA_DIR: dataDir }
  let dropDatabase: (() => Promise<void>) | undefined

  beforeAll(async () => {
    if (engine === 'postgres') {
      const created = await createPostgresDatabase()
      database = { DATA_DIR: dataDir, DATABASE_URL: created.url }
      dropDatabase = created.drop
    }
  })
  afterAll(async () => {
    for (const server of servers) await kill(server)
    await dropDatabase?.()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('should process each acknowledged webhook exactly once after a SIGKILL and a restart', async () => {
    const first = await startServer({ ...database, WHATSAPP_PROCESS_DELAY_MS: '600000' })
    servers.push(first)
    const api = merchantClient(first.url)
    const slug = `crash-${randomBytes(4).toString('hex')}`
    expect(
      (
        await api('POST', '/api/auth/signup', {
          email: `${slug}@example.com`,
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(201)
    const shop = await api('POST', '/api/shops', {
      slug,
      name: 'Crash Shop',
      whatsappPhone: '+1 555 078 3881',
      currency: 'EUR',
      whatsappPhoneNumberId: PHONE_NUMBER_ID,
    })
    expect(shop.status).toBe(201)
    expect(
      (await api('POST', `/api/shops/${slug}/products`, { sku: 'MUG', name: 'Mug', price: 1200 }))
        .status,
    ).toBe(201)
    const codes: string[] = []
    for (let i = 0; i < BURST; i++) {
      const order = await api('POST', `/api/shops/${slug}/orders`, {
        items: [{ sku: 'MUG', quantity: 1 }],
        customer: { name: `Customer ${i}` },
      })
      expect(order.status).toBe(201)
      codes.push(order.body.code)
    }

    const bodies = codes.map((code, i) =>
      readFixture('text', { A7K2Q9: code, [TEXT_ID]: `wamid.CRASH_${i}` }),
    )
    const deliver = (base: string) =>
      Promise.all(
        // Every delivery twice, as Meta does when it is unsure of the first.
        [...bodies, ...bodies].map((body) =>
          fetch(`${base}/webhooks/whatsapp`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-hub-signature-256': signWebhookBody(body, APP_SECRET),
            },
            body,
          }).then((res) => res.status),
        ),
      )
    expect(await deliver(first.url)).toEqual(Array(BURST * 2).fill(200))
    await kill(first)
    // Every acknowledged delivery was stored before its answer, as it came, and nothing more.
    const { db } = createDb({ databaseUrl: database.DATABASE_URL, dataDir: dataDir })
    try {
      expect(await db.selectFrom('webhook_deliveries').select('id').execute()).toHaveLength(
        BURST * 2,
      )
      expect(await db.selectFrom('inbound_messages').select('id').execute()).toEqual([])
    } finally {
      await db.destroy()
    }

    const second = await startServer(database)
    servers.push(second)
    const again = merchantClient(second.url)
    expect(
      (
        await again('POST', '/api/auth/login', {
          email: `${slug}@example.com`,
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200)
    let counts: Record<string, number> = {}
    for (let wait = 0; wait < 100 && counts.matched !== BURST; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      counts = (await again('GET', `/api/shops/${slug}/whatsapp`)).body.counts
    }
    expect(counts).toEqual({ matched: BURST })
    // Meta redelivers after the restart: still nothing is applied twice.
    expect(await deliver(second.url)).toEqual(Array(BURST * 2).fill(200))

    for (const code of codes) {
      const order = await again('GET', `/api/shops/${slug}/orders/${code}`)
      expect(order.body.status).toBe('confirmed')
      const confirmations = order.body.events.filter(
        (e: { type: string }) => e.type === 'confirmed',
      )
      expect(confirmations).toHaveLength(1)
      const messages = await again('GET', `/api/shops/${slug}/orders/${code}/messages`)
      expect(messages.body.messages).toHaveLength(1)
    }
    expect((await again('GET', `/api/shops/${slug}/whatsapp`)).body.counts).toEqual({
      matched: BURST,
    })
  }, 180_000)
})
