import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { createDb, type Engine } from '../../db/create-db.ts'
import type { Db } from '../../db/database.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { env } from '../env.ts'

export interface TestDatabase {
  engine: Engine
  db: Db
  destroy(): Promise<void>
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return env().TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']
}

/**
 * A fresh, migrated database of its own for one test file: in-memory PGlite, or a new database
 * on the TEST_DATABASE_URL server (dropped by `destroy`).
 */
export async function createTestDb(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const { db } = createDb()
    await migrateToLatest(db)
    return { engine, db, destroy: () => db.destroy() }
  }
  const created = await createPostgresDatabase()
  const { db } = createDb({ databaseUrl: created.url, poolSize: 30 })
  await migrateToLatest(db)
  return {
    engine,
    db,
    async destroy() {
      await db.destroy()
      await created.drop()
    },
  }
}

/** A new, empty database on the TEST_DATABASE_URL server, and a function that drops it. */
export async function createPostgresDatabase(): Promise<{
  url: string
  drop: () => Promise<void>
}> {
  const adminUrl = env().TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `chatcart_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl })
      await cleanup.connect()
      try {
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
            await new Promise((resolve) => setTimeout(resolve, 250))
          }
        }
      } finally {
        await cleanup.end()
      }
    },
  }
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
