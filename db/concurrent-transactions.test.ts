import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../db/testing/test-db.ts'

// PGlite is a single connection: its dialect must queue transactions, or one transaction's
// statements would run inside another and a rollback would keep rows it should discard.
describe.each(testEngines())('concurrent transactions on %s', (engine) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterAll(() => t.destroy())

  it('should keep rows of committed transactions and none of rolled-back ones', async () => {
    const attempts = Array.from({ length: 30 }, (_, i) => i)
    const results = await Promise.allSettled(
      attempts.map((i) =>
        t.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('merchants')
            .values({ email: `tx${i}@example.com`, password_hash: 'x' })
            .execute()
          // Yield so the other transactions get a chance to interleave.
          await new Promise((resolve) => setTimeout(resolve, i % 3))
          if (i % 2 === 1) throw new Error('roll back')
        }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(15)
    const rows = await t.db
      .selectFrom('merchants')
      .select('email')
      .where('email', 'like', 'tx%')
      .execute()
    const kept = rows.map((r) => Number(r.email.slice(2).split('@')[0])).sort((a, b) => a - b)
    expect(kept).toEqual(attempts.filter((i) => i % 2 === 0))
  })

  it('should serialise read-modify-write under row locks', async () => {
    const shopOwner = await t.db
      .insertInto('merchants')
      .values({ email: 'counter@example.com', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const shop = await t.db
      .insertInto('shops')
      .values({
        merchant_id: shopOwner.id,
        slug: 'counter',
        name: 'C',
        whatsapp_phone: '33612345678',
        currency: 'EUR',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const product = await t.db
      .insertInto('products')
      .values({ shop_id: shop.id, sku: 'ONE', slug: 'one', name: 'One', price: 100, stock: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await Promise.all(
      Array.from({ length: 20 }, () =>
        t.db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('products')
            .select('stock')
            .where('id', '=', product.id)
            .forUpdate()
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('products')
            .set({ stock: (row.stock ?? 0) + 1 })
            .where('id', '=', product.id)
            .execute()
        }),
      ),
    )
    const final = await t.db
      .selectFrom('products')
      .select('stock')
      .where('id', '=', product.id)
      .executeTakeFirstOrThrow()
    expect(final.stock).toBe(20)
  })
})
