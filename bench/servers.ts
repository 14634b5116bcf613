import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { env } from '../api/env.ts'
import type { Engine } from '../db/create-db.ts'
import { testSettings } from '../db/testing/test-settings.ts'
import { BENCH_APP_SECRET } from './bench-data.ts'

// Child processes of the benchmark: each server runs alone so that its memory is its own.

const root = resolve(import.meta.dirname, '..')
/** What `npm start` runs once `npm run build` has bundled the server. */
const SERVER_BUNDLE = resolve(root, 'dist/server/server.mjs')
/** The heap settings `npm start` gives node (package.json `config.nodeFlags`). */
const NODE_FLAGS: string[] = (
  JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).config?.nodeFlags ?? ''
)
  .split(' ')
  .filter(Boolean)
/** `BENCH_CPU_PROF=<dir>` writes a CPU profile of each app server there, to see where time goes. */
const PROFILE_FLAGS = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
  : []

/** Tries at dropping a bench database on PostgreSQL, half a second apart. */
const DROP_ATTEMPTS = 10

/** A server process listening on 127.0.0.1. */
export interface BenchServer {
  name: string
  child: ChildProcess
  url: string
}

function spawnBench(args: string[], script = 'bench/db-tasks.ts'): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent' },
    // stdin stays open as a lifeline: when the bench dies, the child sees it end and exits.
    stdio: ['pipe', 'pipe', 'inherit'],
  })
}

/** Waits for a child to print the line that says it is listening, and reads the port from it. */
async function startServer(name: string, child: ChildProcess, ready: RegExp): Promise<BenchServer> {
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = out.match(ready)
      if (m) resolvePort(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`bench server ${name} exited with ${code}`)))
  })
  // Keep reading so a chatty child never blocks on a full pipe.
  child.stdout?.resume()
  return { name, child, url: `http://127.0.0.1:${port}` }
}

/** A port free on 127.0.0.1 right now, so the server can know its public URL before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolvePort(port))
    })
  })
}

/** The baseline: a bare Hono app with `GET /bare` and `POST /bare`. */
export function startBareServer(): Promise<BenchServer> {
  return startServer('bare', spawnBench([], 'bench/bare-server.ts'), /ready (\d+)/)
}

/**
 * The limit servers (bench/limit-server.ts) on the PostgreSQL bench database: the one-statement
 * order, the one-insert webhook and the static gzip page read from `pageFile`.
 */
export function startLimitServer(databaseUrl: string, pageFile: string): Promise<BenchServer> {
  return startServer(
    'limit',
    spawnBench([databaseUrl, pageFile], 'bench/limit-server.ts'),
    /ready (\d+)/,
  )
}

/** A database for one engine, migrated and seeded with the bench shop by a separate process. */
export interface BenchDatabase {
  engine: Engine
  /** PGlite's data dir, or the PostgreSQL URL. */
  location: string
  drop(): Promise<void>
}

/**
 * Prepares the database in a child process of its own: a process that ran initdb keeps far more
 * memory than one that opens an existing data dir, and real servers only ever open one.
 */
export async function prepareDatabase(engine: Engine, adminUrl?: string): Promise<BenchDatabase> {
  let db: BenchDatabase
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'chatcart-bench-'))
    db = { engine, location: dir, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  } else {
    if (!adminUrl) throw new Error('no PostgreSQL URL')
    db = await createPostgresDatabase(adminUrl)
  }
  const child = spawnBench(['prepare', engine, db.location])
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  if (code !== 0) {
    await db.drop()
    throw new Error(`preparing the ${engine} database failed (exit ${code})`)
  }
  return db
}

/**
 * The real server, exactly as `npm start` runs it (the bundle from `npm run build`, or the
 * TypeScript entry when there is no bundle), configured through its environment, on a
 * prepared database. On PostgreSQL it forks its usual workers.
 */
export async function startAppServer(
  db: BenchDatabase,
  extraEnv: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort()
  const entry = existsSync(SERVER_BUNDLE)
    ? [...NODE_FLAGS, ...PROFILE_FLAGS, SERVER_BUNDLE]
    : ['--import', 'tsx', 'api/server.ts']
  const dbEnv = db.engine === 'postgres' ? { DATABASE_URL: db.location } : { DATA_DIR: db.location }
  const child = spawn(process.execPath, entry, {
    cwd: root,
    env: {
      ...process.env,
      ...dbEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      WHATSAPP_APP_SECRET: BENCH_APP_SECRET,
      WHATSAPP_ACCESS_TOKEN: '',
      // The load comes from one address: the per-client checkout limit would refuse it.
      RATE_LIMIT_ORDERS: '1000000',
      RATE_LIMIT_EVENTS: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return startServer(db.engine, child, /Chatcart is up .* on http:\/\/127\.0\.0\.1:(\d+)/)
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

function vmHwmMb(pid: number): number | null {
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)?.[1])
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

export interface RenderTimes {
  n: number
  p50: number
  p99: number
}

/** Storefront render times (catalog → HTML, no query), from a process of their own. */
export async function timeStorefrontRenders(
  db: BenchDatabase,
  renders: number,
): Promise<RenderTimes> {
  const child = spawnBench(['render', db.engine, db.location, String(renders)])
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  const code = await new Promise<number | null>((r) => child.on('close', r))
  if (code !== 0) throw new Error(`timing renders failed (exit ${code})`)
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}')
}

/** Peak resident memory (VmHWM) so far, in MB, of a server and of each worker it forked. */
export function peakRssMb(server: BenchServer): { processes: number; maxMb: number | null } {
  const pid = server.child.pid
  if (pid === undefined) return { processes: 0, maxMb: null }
  const pids = [pid, ...childPids(pid)]
  const sizes = pids.map(vmHwmMb).filter((mb): mb is number => mb !== null)
  return { processes: sizes.length, maxMb: sizes.length ? Math.max(...sizes) : null }
}

/** CPU time so far (user + system, in clock ticks) of a server and the workers it forked. */
function cpuTicks(server: BenchServer): number {
  const pid = server.child.pid
  if (pid === undefined) return 0
  let total = 0
  for (const p of [pid, ...childPids(pid)]) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name in parentheses.
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
      total += Number(fields[11] ?? 0) + Number(fields[12] ?? 0)
    } catch {
      // The process is gone: nothing more to count.
    }
  }
  return total
}

/**
 * Waits until a server has done its after-work (a webhook burst is processed after it is
 * acknowledged): until it uses under 5% of a core for a second, at most `maxMs`. The next
 * measurement then starts on an idle machine instead of sharing it with that backlog.
 */
export async function waitUntilIdle(server: BenchServer, maxMs = 60_000): Promise<void> {
  const ticksPerSecond = 100
  const started = performance.now()
  let before = cpuTicks(server)
  while (performance.now() - started < maxMs) {
    await new Promise((r) => setTimeout(r, 1000))
    const now = cpuTicks(server)
    if (now - before < ticksPerSecond * 0.05) return
    before = now
  }
}

/** Stops a server: SIGTERM (it finishes requests and closes its database), SIGKILL after 5 s. */
export async function stopServer(server: BenchServer): Promise<void> {
  const { child } = server
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/** The first PostgreSQL that answers: TEST_DATABASE_URL, DATABASE_URL, then the local default. */
export async function postgresUrl(): Promise<string | undefined> {
  const e = env()
  const candidates = [
    testSettings().TEST_DATABASE_URL,
    e.DATABASE_URL,
    'postgres://chatcart:chatcart@127.0.0.1:5432/chatcart_test',
  ]
  for (const url of candidates) {
    if (!url) continue
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.end()
      return url
    } catch {
      await client.end().catch(() => {})
    }
  }
  return undefined
}

async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `chatcart_bench_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    engine: 'postgres',
    location: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
        // A forced drop may not end a backend of another role (an autovacuum worker just
        // started on the database): it fails, and a moment later it goes through.
        for (let attempt = 1; ; attempt++) {
          try {
            await cleanup.query(`drop database if exists ${name} with (force)`)
            return
          } catch (error) {
            if (attempt === DROP_ATTEMPTS) throw error
            await new Promise((r) => setTimeout(r, 500))
          }
        }
      } finally {
        // An open client would keep the bench from exiting once its report is printed.
        await cleanup.end()
      }
    },
  }
}
