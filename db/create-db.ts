import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { Database } from './database.ts'

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
  /** Connections in the pool (PostgreSQL only). */
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
      max: options.poolSize ?? 20,
      // While the server is away, a request waits at most this long for a connection, then fails
      // (and is answered 503) instead of queueing without end.
      connectionTimeoutMillis: 5_000,
    })
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
  // PGlite's default 128 MB of shared buffers sits in the server's own memory; a shop's working
  // set is far smaller, and 32 MB keeps the whole process near 200 MB.
  const pglite = new PGlite(options.dataDir ? `${options.dataDir}/pglite` : undefined, {
    postgresqlconf: ['shared_buffers=32MB'],
  })
  return { db: new Kysely<Database>({ dialect: new PGliteDialect(pglite) }), engine: 'pglite' }
}
