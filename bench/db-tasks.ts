import { publicCatalogJson } from '../api/catalog/public-catalog-json.ts'
import { renderStorefront } from '../api/storefront/pages.tsx'
import { loadPublicCatalog } from '../db/catalog.queries.ts'
import { createDb, type Engine } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import { migrateToLatest, refreshStatistics } from '../db/migrate.ts'
import { BENCH_SLUG, createBenchShop, createLargeBenchShop } from './bench-data.ts'

// Database tasks of the benchmark, each in a process started by bench/servers.ts, so that neither
// the seed nor the render loop weighs on a measured server:
//   prepare <pglite|postgres> <dir|url>       migrate, seed the 50- and 10,000-product shops
//   render <pglite|postgres> <dir|url> <n>    time n storefront renders in-process, print JSON

function openDb(engine: Engine, location: string): Db {
  return createDb(engine === 'postgres' ? { databaseUrl: location } : { dataDir: location }).db
}

async function prepare(engine: Engine, location: string) {
  const db = openDb(engine, location)
  await migrateToLatest(db)
  await createBenchShop(db)
  await createLargeBenchShop(db)
  // What autovacuum does within a minute of such a bulk insert (and PGlite's server at start-up).
  await refreshStatistics(db)
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
  const result = { n, p50: percentile(times, 50), p99: percentile(times, 99) }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

async function main() {
  const [mode, engineArg, location, count] = process.argv.slice(2)
  const engine: Engine = engineArg === 'postgres' ? 'postgres' : 'pglite'
  if (!location) throw new Error('usage: db-tasks <prepare|render> <pglite|postgres> <dir|url>')
  if (mode === 'prepare') await prepare(engine, location)
  else if (mode === 'render') await timeRenders(engine, location, Number(count ?? 500))
  else throw new Error(`unknown mode ${mode}`)
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
