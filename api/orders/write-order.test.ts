import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findOrderableSkus, type NewOrder, writeOrder } from '../../db/orders.queries.ts'
import { insertFixtureProducts, shopIdOf, stockOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

// The one statement of checkout, on its own: each refusal writes nothing at all.

describe.each(testEngines())('writeOrder (%s)', (engine) => {
  let t: TestDatabase
  let shopId: string
  let n = 0

  beforeAll(async () => {
    t = await createTestDb(engine)
    const client = new TestClient(createTestApp({ db: t.db }))
    shopId = await shopIdOf(t.db, await client.signupWithShop())
    await insertFixtureProducts(t.db, shopId, [{ sku: 'CUP', name: 'Cup', price: 500, stock: 3 }])
  })
  afterAll(() => t.destroy())

  /** A valid order of `quantity` cups with a code and key of its own unless given. */
  async function newOrder(quantity: number, extra: Partial<NewOrder> = {}): Promise<NewOrder> {
    const [cup] = await findOrderableSkus(t.db, shopId, ['CUP'])
    if (!cup) throw new Error('no cup')
    n++
    return {
      order: {
        id: crypto.randomUUID(),
        shop_id: shopId,
        code: `W${String(n).padStart(5, '0')}`,
        token: `token-of-order-number-${n}-${crypto.randomUUID()}`,
        status: 'pending',
        source: 'shop',
        currency: 'EUR',
        locale: 'en',
        subtotal: 500 * quantity,
        shipping_total: 0,
        total: 500 * quantity,
        shipping_method_id: null,
        shipping_method_name: null,
        customer_name: 'Ana',
        customer_phone: null,
        customer_address: null,
        customer_wa_id: null,
        customer_user_id: null,
        customer_profile_name: null,
        note: null,
        message: 'Hello',
        expires_at: null,
        confirmed_at: null,
        discount_id: null,
        discount_code: null,
        discount_total: 0,
        delivery_area: null,
        slot_starts_at: null,
        slot_ends_at: null,
      },
      items: [
        {
          product_id: cup.productId,
          variant_id: null,
          sku: 'CUP',
          name: 'Cup',
          quantity,
          unit_price: 500,
          line_total: 500 * quantity,
          position: 0,
        },
      ],
      takes: [{ productId: cup.productId, variantId: null, quantity }],
      event: { actor: 'shopper', data: { source: 'shop' } },
      idempotency: { key: `key-${n}`, requestHash: 'h', status: 201, body: { n } },
      ...extra,
    }
  }

  it('should write nothing when the code is taken, the stock short or the client limited', async () => {
    const first = await newOrder(1)
    expect((await writeOrder(t.db, first)).kind).toBe('placed')
    const counts = await tableCounts(t.db)

    const sameCode = await newOrder(1)
    sameCode.order.code = first.order.code
    expect(await writeOrder(t.db, sameCode)).toEqual({ kind: 'code_taken' })

    const tooMany = await newOrder(3)
    expect(await writeOrder(t.db, tooMany)).toMatchObject({ kind: 'out_of_stock' })

    const limited = await newOrder(1, {
      rateLimit: { key: 'write-test', limit: 0, windowMs: 60_000 },
    })
    const refused = await writeOrder(t.db, limited)
    expect(refused).toMatchObject({ kind: 'rate_limited' })
    expect(refused.kind === 'rate_limited' && refused.retryAfterSeconds).toBeGreaterThan(50)

    expect(await tableCounts(t.db)).toEqual(counts)
    expect(await stockOf(t.db, shopId, 'CUP')).toBe(2)
  })

  it('should write nothing for a key already used', async () => {
    const first = await newOrder(1)
    expect((await writeOrder(t.db, first)).kind).toBe('placed')
    const counts = await tableCounts(t.db)
    const again = await newOrder(1, { idempotency: first.idempotency })
    expect(await writeOrder(t.db, again)).toEqual({ kind: 'key_taken' })
    expect(await tableCounts(t.db)).toEqual(counts)
  })

  it('should leave the caller’s transaction usable after a refusal', async () => {
    const before = await stockOf(t.db, shopId, 'CUP')
    const short = await newOrder(99)
    const ok = await newOrder(1)
    const kinds = await t.db
      .transaction()
      .execute(async (trx) => [
        (await writeOrder(trx, short)).kind,
        (await writeOrder(trx, ok)).kind,
      ])
    expect(kinds).toEqual(['out_of_stock', 'placed'])
    expect(await stockOf(t.db, shopId, 'CUP')).toBe((before ?? 0) - 1)
  })
})
