import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { sql } from 'kysely'
import { createApp } from '../api/app.ts'
import { publicCatalogJson } from '../api/catalog/public-catalog-json.ts'
import { defaultConfig } from '../api/config.ts'
import { renderStorefront } from '../api/storefront/pages.tsx'
import { startWhatsAppWorker } from '../api/whatsapp/worker.ts'
import { loadPublicCatalog } from '../db/catalog.queries.ts'
import { createDb, type Engine } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { BENCH_APP_SECRET, BENCH_SLUG, createBenchShop } from './bench-data.ts'

// One process of the benchmark, started by bench/run.ts:
//   prepare <pglite|postgres> <dir|url>   migrate and seed the 50-product shop, then exit
//   render <pglite|postgres> <dir|url>    time storefront renders in-process, print JSON, exit
//   serve <pglite|postgres> <dir|url>     the real app on that database, as `npm start` runs it
// A server prints `ready <port>` once listening on 127.0.0.1.

type Fetch = (req: Request) => Response | Promise<Response>

function openDb(engine: Engine, location: string): Db {
  return createDb(engine === 'postgres' ? { databaseUrl: location } : { dataDir: location }).db
}

async function prepare(engine: Engine, location: string) {
  const db = openDb(engine, location)
  await migrateToLatest(db)
  await createBenchShop(db)
  await db.destroy()
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN
}

/** Renders the storefront `n` times from a catalog loaded once: the render alone, no query. */
async function timeRenders(engine: Engine, location: string, n: number) {
  const db = openDb(engine, location)
  const data = await loadPublicCatalog(db, BENCH_SLUG)
  await db.destroy()
  if (!data) throw new Error('no bench shop')
  const publicUrl = 'http://127.0.0.1:3000'
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    renderStorefront(publicCatalogJson(data, publicUrl), publicUrl, new Date())
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  process.stdout.write(
    `${JSON.stringify({ n, p50: percentile(times, 50), p99: percentile(times, 99) })}\n`,
  )
}

/** A bench-only probe, never part of the product: how far webhook processing has got. */
function probeRoutes(db: Db) {
  return new Hono().get('/_bench/inbound', async (c) => {
    const row = await sql<{ unprocessed: number; matched: number; total: number }>`
      select count(*) filter (where processed_at is null)::int as unprocessed,
             count(*) filter (where state = 'matched')::int as matched,
             count(*)::int as total
      from inbound_messages`.execute(db)
    return c.json(row.rows[0])
  })
}

async function serveApp(engine: Engine, location: string) {
  const db = openDb(engine, location)
  let handler: Fetch = () => new Response('starting', { status: 503 })
  const server = listen(
    (req) => handler(req),
    (port) => {
      // Links, canonical URLs and Open Graph tags point at this very server.
      const publicUrl = `http://127.0.0.1:${port}`
      const config = defaultConfig({
        publicUrl,
        whatsapp: { ...defaultConfig().whatsapp, appSecret: BENCH_APP_SECRET },
      })
      const app = createApp({ db, config })
      const probes = probeRoutes(db)
      handler = (req) =>
        new URL(req.url).pathname.startsWith('/_bench/') ? probes.fetch(req) : app.fetch(req)
      const stopWhatsApp = startWhatsAppWorker(db, config)
      process.on('SIGTERM', () => {
        server.close(async () => {
          await stopWhatsApp()
          await db.destroy()
          process.exit(0)
        })
        server.closeAllConnections?.()
      })
    },
  )
}

function listen(fetch: Fetch, onListening: (port: number) => void) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    onListening(info.port)
    process.stdout.write(`ready ${info.port}\n`)
  })
  return server as typeof server & { closeAllConnections?: () => void }
}

async function main() {
  // The bench holds our stdin open; if it goes away without stopping us, stop too.
  process.stdin.on('end', () => process.exit(1))
  process.stdin.resume()
  const [mode, engineArg, location] = process.argv.slice(2)
  const engine: Engine = engineArg === 'postgres' ? 'postgres' : 'pglite'
  if (!location)
    throw new Error('usage: bench-server <prepare|render|serve> <pglite|postgres> <dir|url>')
  if (mode === 'prepare') {
    await prepare(engine, location)
    process.exit(0)
  }
  if (mode === 'render') {
    await timeRenders(engine, location, Number(process.argv[5] ?? 500))
    process.exit(0)
  }
  if (mode === 'serve') return serveApp(engine, location)
  throw new Error(`unknown mode ${mode}`)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
