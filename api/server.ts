import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { serve } from '@hono/node-server'
import { createDb } from '../db/create-db.ts'
import { migrateToLatest, refreshStatistics } from '../db/migrate.ts'
import { createApp } from './app.ts'
import { startPurgeWorker } from './auth/purge-worker.ts'
import { startCatalogSyncWorker } from './catalog-sync/worker.ts'
import { configFromEnv } from './config.ts'
import { seedDemoShop } from './demo/seed-demo.ts'
import { type Env, env } from './env.ts'
import { startOrderExpiryWorker } from './orders/expiry-worker.ts'
import { startWhatsAppWorker } from './whatsapp/worker.ts'

// Boots the server: database, migrations, demo data, HTTP, clean shutdown. On PostgreSQL it
// runs one process per core (WORKERS); PGlite lives inside one process, so it runs one.

async function prepareDatabase(e: Env) {
  const { db, engine } = createDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR })
  await migrateToLatest(db)
  const demo = e.SEED_DEMO ? await seedDemoShop(db) : undefined
  // PostgreSQL's autovacuum keeps the planner's statistics fresh; PGlite has none.
  if (engine === 'pglite') await refreshStatistics(db)
  return { db, engine, demo }
}

function printUrls(
  e: Env,
  detail: string,
  demo?: { created: boolean; email: string; password: string },
) {
  const base = configFromEnv(e).publicUrl
  console.log(`Chatcart is up ${detail}`)
  console.log(`  shop    ${base}/demo`)
  console.log(`  admin   ${base}/admin`)
  console.log(`  widget  ${base}/widget.js`)
  console.log(`  api     ${base}/api/shops/demo/catalog`)
  if (demo?.created) console.log(`  demo log-in: ${demo.email} / ${demo.password}`)
}

/** One HTTP process. `prepared` is set when this process ran migrations and the seed itself. */
async function runServer(e: Env, started: number, single: boolean) {
  const prepared = single ? await prepareDatabase(e) : undefined
  const { db, engine } = prepared ?? createDb({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR })
  const fromEnv = configFromEnv(e)
  const config = {
    ...fromEnv,
    whatsapp: { ...fromEnv.whatsapp, batchSize: engine === 'postgres' ? 300 : 100 },
  }
  const app = createApp({ db, config })
  // Recovery sweep: webhook items stored before a crash are processed at start-up and after.
  const stopWhatsApp = startWhatsAppWorker(db, config)
  // Unsent pending orders lapse and give their stock back, including those due while stopped.
  const stopOrderExpiry = startOrderExpiryWorker(db, config)
  // Expired sessions, spent rate-limit windows and lapsed invites do not pile up.
  const stopPurge = startPurgeWorker(db, { log: config.log })
  // Product changes queued for the shops' Meta catalogs, including those queued while stopped.
  const stopCatalogSync = startCatalogSyncWorker(db, config)

  const server = serve({ fetch: app.fetch, port: e.PORT, hostname: e.HOST }, (info) => {
    const ms = Math.round(performance.now() - started)
    if (single)
      printUrls(e, `in ${ms} ms on http://${info.address}:${info.port} (${engine})`, prepared?.demo)
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    if (single) console.log(`${signal}: finishing requests in flight, then closing the database`)
    // Idle keep-alive sockets would hold close() open; requests in flight still finish.
    const closeIdle = (server as { closeIdleConnections?: () => void }).closeIdleConnections
    server.close(async () => {
      await stopWhatsApp()
      await stopOrderExpiry()
      await stopPurge()
      await stopCatalogSync()
      await db.destroy()
      process.exit(0)
    })
    closeIdle?.call(server)
    setTimeout(() => process.exit(1), 10_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
  // A worker whose primary died stops too, rather than serving on unsupervised.
  if (!single) process.on('disconnect', () => stop('primary gone'))
}

/** The primary of a cluster: prepares the database once, then keeps `count` workers serving. */
async function runPrimary(e: Env, count: number, started: number) {
  // glibc reads its malloc settings as a process starts, so the workers get them from the fork.
  const fork = () => cluster.fork({ MALLOC_ARENA_MAX: String(e.MALLOC_ARENA_MAX) })
  const { db, engine, demo } = await prepareDatabase(e)
  await db.destroy()
  let listening = 0
  let stopping = false
  cluster.on('listening', () => {
    listening += 1
    if (listening === count) {
      const ms = Math.round(performance.now() - started)
      printUrls(
        e,
        `in ${ms} ms on http://${e.HOST}:${e.PORT} (${engine}, ${count} processes)`,
        demo,
      )
    }
  })
  cluster.on('exit', (worker, code) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    console.error(`worker ${worker.process.pid} exited with ${code}; starting another`)
    fork()
  })
  for (let i = 0; i < count; i++) fork()
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal}: stopping ${count} processes`)
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    setTimeout(() => process.exit(1), 15_000).unref()
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function main() {
  const e = env()
  const started = performance.now()
  const wanted = e.WORKERS ?? (e.DATABASE_URL ? availableParallelism() : 1)
  if (!e.DATABASE_URL && wanted > 1)
    console.warn('WORKERS > 1 needs DATABASE_URL: PGlite runs in one process')
  const count = e.DATABASE_URL ? wanted : 1
  if (cluster.isPrimary && count > 1) return runPrimary(e, count, started)
  return runServer(e, started, cluster.isPrimary)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
