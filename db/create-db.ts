import { mkdirSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { Database } from './database.ts'
import { readsFirst } from './pglite-reads-first.ts'
import { usePreparedStatements } from './prepared-statements.ts'

// count(*) and other int8 results come back as strings from node-postgres; every int8 we read
// is a count or an amount (money columns are bigint, capped at 10^13 minor units by the API),
// well inside Number's exact range, so read it as a number. PGlite already does (numbers when
// safe, BigInt beyond).
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10))

export type Engine = 'pglite' | 'postgres'

export interface CreateDbOptions {
  /** `postgres://…`: use a PostgreSQL server. Without it, PGlite runs in this process. */
  databaseUrl?: string | undefined
  /** Folder for PGlite's files; omitted means in memory (tests). */
  dataDir?: string | undefined
  /** Connections in the pool (PostgreSQL only); 10 unless told. */
  poolSize?: number
}

/**
 * Opens the database: PGlite (embedded, one connection, callers queued) or a PostgreSQL pool.
 * @example const { db, engine } = createDb({ dataDir: './data' })
 */
export function createDb(options: CreateDbOptions = {}): { db: Kysely<Database>; engine: Engine } {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      // Per process (one per core). More connections than PostgreSQL has cores to run them add
      // no throughput: when orders queue on one product's stock, 20 per process spent most of
      // their time in the lock manager, where 10 placed a quarter more orders per second.
      max: options.poolSize ?? 10,
      // While the server is away, a request waits at most this long for a connection, then fails
      // (and is answered 503) instead of queueing without end.
      connectionTimeoutMillis: 5_000,
    })
    usePreparedStatements(pool)
    // An idle connection that the server ends (a restart, a failover) is an 'error' on the pool;
    // without a listener it would crash the process. The pool drops that client and opens a
    // new one on the next query, so the database coming back is all the recovery there is.
    pool.on('error', (error) => {
      console.error(
        JSON.stringify({ level: 'warn', area: 'database', error: error.message.slice(0, 200) }),
      )
    })
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      engine: 'postgres',
    }
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  // PostgreSQL is WebAssembly here, and V8 recompiles its hot functions with its optimising
  // compiler in the background: with a task per core, those compilations at start-up and
  // under the first loads were the process's memory peak (30-50 MB above one task at a time).
  // One task compiles the same functions, a little later. Set before PGlite compiles its
  // module; the flag touches WebAssembly compilation only.
  setFlagsFromString('--wasm-num-compilation-tasks=1')
  // PGlite's default 128 MB of shared buffers sits in the server's own memory. Pages beyond
  // them come from the OS's file cache (not this process's memory), and the pages shoppers
  // see most come from the catalog cache, so 16 MB serves a shop of 10,000 products.
  const pglite = new PGlite(options.dataDir ? `${options.dataDir}/pglite` : undefined, {
    postgresqlconf: ['shared_buffers=16MB'],
  })
  return {
    db: new Kysely<Database>({ dialect: readsFirst(new PGliteDialect(pglite)) }),
    engine: 'pglite',
  }
}
