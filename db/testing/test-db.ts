import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, type Transaction } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { createDb, type Engine } from '../create-db.ts'
import type { Database, Db } from '../database.ts'
import { loadedMigrationsText, migrateToLatest } from '../migrate.ts'
import { readsFirst } from '../pglite-reads-first.ts'
import { testSettings } from './test-settings.ts'

// Booting PGlite runs initdb (seconds of WebAssembly), and every migration follows. The suite
// pays that once per run: the migrated database is kept as a PGlite data-directory tarball and a
// PostgreSQL template database, both named after a hash of the migrations, so a changed
// migration never reuses a stale copy. Each test file then loads or copies its own.

export interface TestDatabase {
  engine: Engine
  db: Db
  destroy(): Promise<void>
}

/** The PostgreSQL server for tests, when TEST_DATABASE_URL names one. */
function testDatabaseUrl(): string | undefined {
  return testSettings().TEST_DATABASE_URL
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite']
}

/**
 * A fresh, migrated database of its own for one test file: in-memory PGlite loaded from the
 * migrated snapshot, or a copy of the migrated template on the TEST_DATABASE_URL server (dropped
 * by `destroy`).
 * @example const t = await createTestDb('pglite'); const app = createApp({ db: t.db })
 */
export async function createTestDb(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const pglite = new PGlite({
      loadDataDir: await pgliteSnapshot(),
      // As createDb sets it for the server.
      postgresqlconf: ['shared_buffers=32MB'],
    })
    const db = new Kysely<Database>({ dialect: readsFirst(new PGliteDialect(pglite)) })
    return { engine, db, destroy: () => db.destroy() }
  }
  const created = await createPostgresDatabase({ template: await preparePostgresTemplate() })
  const { db } = createDb({ databaseUrl: created.url, poolSize: 30 })
  return {
    engine,
    db,
    async destroy() {
      await db.destroy()
      await created.drop()
    },
  }
}

/**
 * A new database on the TEST_DATABASE_URL server, empty or copied from `template`, and a function
 * that drops it.
 */
export async function createPostgresDatabase(options: { template?: string } = {}): Promise<{
  url: string
  drop: () => Promise<void>
}> {
  const adminUrl = requireTestDatabaseUrl()
  const name = `chatcart_test_${randomBytes(6).toString('hex')}`
  await withAdminClient(adminUrl, async (admin) => {
    if (!options.template) return admin.query(`create database ${name}`)
    // PostgreSQL refuses to copy a template while any session (an autovacuum worker, a
    // concurrent copy finishing) is connected to it: wait a moment and try again.
    for (let attempt = 1; ; attempt++) {
      try {
        return await admin.query(`create database ${name} template ${options.template}`)
      } catch (err) {
        if (sqlState(err) !== '55006' || attempt === 40) throw err
        await delay(100 + Math.random() * 150)
      }
    }
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () =>
      withAdminClient(adminUrl, async (cleanup) => {
        // Without FORCE: ending other sessions would hit pool clients that are still closing
        // (an uncaught 57P01 in the test run). A session still closing, or an autovacuum
        // worker, makes the drop fail for a moment, so wait and try again.
        for (let attempt = 1; ; attempt++) {
          try {
            await cleanup.query(`drop database if exists ${name}`)
            return
          } catch (err) {
            if (attempt === 40) {
              console.warn(`test database ${name} left behind: ${String(err)}`)
              return
            }
            await delay(250)
          }
        }
      }),
  }
}

/**
 * Builds, once per set of migrations, what `createTestDb` copies: the PGlite snapshot, and the
 * PostgreSQL template when TEST_DATABASE_URL is set. Vitest's global setup calls it so that test
 * files running side by side find both ready.
 */
export async function prepareTestDatabases(): Promise<void> {
  await pgliteSnapshot()
  if (testDatabaseUrl()) await preparePostgresTemplate()
}

/** Row counts of every table, to show that a refused request changed nothing. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = [
    'merchants',
    'invites',
    'shops',
    'images',
    'categories',
    'products',
    'product_variants',
    'shipping_methods',
    'discounts',
    'slot_bookings',
    'orders',
    'order_items',
    'order_events',
    'idempotency_keys',
    'webhook_deliveries',
    'inbound_messages',
    'outbound_messages',
  ] as const
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    counts[table] = Number(row.n)
  }
  return counts
}

let migrationsHashCache: string | undefined

/**
 * A hash of everything that decides the migrated schema: the migrations as this process loaded
 * them (not the files, which may have been edited since: a snapshot built from the old code must
 * not take the new name) and the PGlite version (its data directory format).
 */
function migrationsHash(): string {
  if (migrationsHashCache) return migrationsHashCache
  const hash = createHash('sha256')
  hash.update(loadedMigrationsText())
  // The package does not export its package.json: read it beside the resolved entry point.
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  hash.update(readFileSync(join(dirname(pgliteEntry), '..', 'package.json')))
  migrationsHashCache = hash.digest('hex').slice(0, 16)
  return migrationsHashCache
}

let snapshotCache: Promise<Blob> | undefined

/** The migrated PGlite data directory as a tarball, built on first use and kept on disk. */
function pgliteSnapshot(): Promise<Blob> {
  snapshotCache ??= (async () => {
    const dir = join(tmpdir(), 'chatcart-test-db')
    const file = join(dir, `pglite-${migrationsHash()}.tar`)
    try {
      return new Blob([readFileSync(file)])
    } catch {
      // Not built yet for these migrations.
    }
    const pglite = new PGlite()
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
    await migrateToLatest(db)
    // Written to the data files now, so that each copy starts without replaying the log.
    await pglite.exec('checkpoint')
    const tarball = await pglite.dumpDataDir('none')
    await db.destroy()
    mkdirSync(dir, { recursive: true })
    // Written whole, then renamed: a file running beside this one never reads half a tarball.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`
    writeFileSync(partial, new Uint8Array(await tarball.arrayBuffer()))
    renameSync(partial, file)
    return tarball
  })()
  return snapshotCache
}

let templateCache: Promise<string> | undefined

/**
 * The migrated template database on the TEST_DATABASE_URL server, built on first use and kept.
 * Concurrent runs may both build one; the first rename wins and the other drops its copy.
 */
function preparePostgresTemplate(): Promise<string> {
  templateCache ??= (async () => {
    const adminUrl = requireTestDatabaseUrl()
    const template = `chatcart_template_${migrationsHash()}`
    const exists = await withAdminClient(adminUrl, async (admin) => {
      const found = await admin.query('select 1 from pg_database where datname = $1', [template])
      return found.rowCount === 1
    })
    if (exists) return template
    const building = await createPostgresDatabase()
    const { db } = createDb({ databaseUrl: building.url, poolSize: 2 })
    try {
      await migrateToLatest(db)
    } finally {
      await db.destroy()
    }
    const buildingName = new URL(building.url).pathname.slice(1)
    await withAdminClient(adminUrl, async (admin) => {
      try {
        await admin.query(`alter database ${buildingName} rename to ${template}`)
      } catch (err) {
        if (sqlState(err) !== '42P04') throw err
        // Another run finished the same template first.
        await building.drop()
        return
      }
      // No connections: a stray session would make every copy wait.
      await admin.query(`alter database ${template} with is_template true allow_connections false`)
    })
    return template
  })()
  return templateCache
}

function requireTestDatabaseUrl(): string {
  const url = testDatabaseUrl()
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  return url
}

async function withAdminClient<T>(url: string, use: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await use(client)
  } finally {
    await client.end()
  }
}

function sqlState(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Opens a transaction, runs `take` in it (a statement that takes what the test wants held: a
 * row lock, or on PGlite the one connection) and keeps it open until `release` is called.
 * `holding` resolves once `take` is done; `done` once the transaction has ended.
 * @example const hold = holdTransaction(db, (trx) => sql`select 1`.execute(trx)); await hold.holding
 */
export function holdTransaction(db: Db, take: (trx: Transaction<Database>) => Promise<unknown>) {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let started = () => {}
  const holding = new Promise<void>((resolve) => {
    started = resolve
  })
  const done = db.transaction().execute(async (trx) => {
    await take(trx)
    started()
    await released
  })
  return { holding, release, done }
}
