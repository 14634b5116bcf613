import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { IMPORT_CHUNK_PRODUCTS } from './import-products.ts'

const HEADER =
  'sku,parent_sku,name,description,price,compare_at_price,stock,category,active,options,variant_options,image_urls'

function productsCsv(count: number): string {
  const lines = [HEADER]
  for (let n = 1; n <= count; n++) {
    lines.push(`BIG-${n},,Big product ${n},,${n}.50,,${n % 9},Bulk,true,,,`)
  }
  return `${lines.join('\r\n')}\r\n`
}

describe.each(testEngines())('a large product import on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  it('should commit in chunks, so that a reader runs and sees part of it while it goes on', async () => {
    const app = createTestApp({ db: t.db })
    const owner = new TestClient(app)
    const slug = await owner.signupWithShop()
    const shopId = await shopIdOf(t.db, slug)
    const total = IMPORT_CHUNK_PRODUCTS * 6
    const countProducts = async () =>
      Number(
        (
          await t.db
            .selectFrom('products')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('shop_id', '=', shopId)
            .executeTakeFirstOrThrow()
        ).n,
      )

    let done = false
    const imported = owner
      .request('POST', `/api/shops/${slug}/products/import`, productsCsv(total), {
        'content-type': 'text/csv',
      })
      .finally(() => {
        done = true
      })
    // A reader polling while the import runs. On PGlite (one connection) its queries wait for
    // the transaction in progress: one transaction for the whole file would show it 0, then
    // everything; chunks let it in between them.
    const seen = new Set<number>()
    while (!done) {
      seen.add(await countProducts())
      await new Promise((resolve) => setImmediate(resolve))
    }
    const res = await imported
    expect(res.status, res.text).toBe(200)
    expect(res.body.created).toBe(total)
    expect(await countProducts()).toBe(total)
    const partial = [...seen].filter((n) => n > 0 && n < total)
    expect(partial.length).toBeGreaterThan(0)
    // Whole chunks only: a reader never sees a chunk half written.
    for (const n of partial) expect(n % IMPORT_CHUNK_PRODUCTS).toBe(0)
  })

  it('should leave the planner fresh statistics of the catalog after a big import', async () => {
    const app = createTestApp({ db: t.db })
    const owner = new TestClient(app)
    const slug = await owner.signupWithShop()
    const res = await owner.request(
      'POST',
      `/api/shops/${slug}/products/import`,
      productsCsv(150),
      {
        'content-type': 'text/csv',
      },
    )
    expect(res.status, res.text).toBe(200)
    // ANALYZE counts a table this small exactly; without it the estimate stays where it was.
    const { rows } = await sql<{ estimated: number; counted: string }>`
      select c.reltuples as estimated, (select count(*) from products) as counted
      from pg_class c where c.relname = 'products' and c.relkind = 'r'`.execute(t.db)
    expect(Number(rows[0]?.estimated)).toBe(Number(rows[0]?.counted))
  })
})
