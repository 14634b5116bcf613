import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { preparedSql } from './prepared-statements.ts'
import { createTestDb, type TestDatabase, testEngines } from './testing/test-db.ts'
import { insertWebhookDelivery } from './webhook-deliveries.queries.ts'

describe.each(testEngines())('prepared statements on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  it('should store each delivery through the prepared insert, once prepared per connection', async () => {
    const prepared = await t.db.connection().execute(async (conn) => {
      for (const text of ['{"a":1}', '{"a":2}', '{"a":3}']) {
        await insertWebhookDelivery(conn, new TextEncoder().encode(text))
      }
      if (engine === 'pglite') return []
      const { rows } = await sql<{ name: string; statement: string }>`
        select name, statement from pg_prepared_statements`.execute(conn)
      return rows
    })
    const { rows } = await sql<{ body: string }>`
      select convert_from(body, 'UTF8') as body from webhook_deliveries order by id`.execute(t.db)
    expect(rows.map((r) => r.body)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}'])
    // PGlite runs in the process: nothing to gain by naming statements there.
    if (engine === 'postgres') {
      expect(prepared).toEqual([
        {
          name: 'chatcart_insert_delivery',
          statement: expect.stringContaining('webhook_deliveries'),
        },
      ])
    }
  })
})

describe('preparedSql', () => {
  it('should refuse one name for two statements', () => {
    expect(() => preparedSql('chatcart_insert_delivery', 'select 1')).toThrow(/already/)
  })
})
