import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { markOrderPaid } from './mark-paid.ts'

describe.each(testEngines())('markOrderPaid (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string

  async function placeOrder(): Promise<{ id: string; code: string; total: number }> {
    const res = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer: { name: 'Jane Doe' },
    })
    expect(res.status).toBe(201)
    return { id: res.body.id, code: res.body.code, total: res.body.total }
  }

  function paidEvents(orderId: string) {
    return testDb.db
      .selectFrom('order_events')
      .selectAll()
      .where('order_id', '=', orderId)
      .where('to_status', '=', 'paid')
      .execute()
  }

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: testDb.db }))
    slug = await client.signupWithShop()
    shopId = await shopIdOf(testDb.db, slug)
    await insertFixtureProducts(testDb.db, shopId, [{ sku: 'MUG', name: 'Mug', price: 1250 }])
  })
  afterAll(() => testDb.destroy())

  it('moves a pending order to paid once when five calls race, with one event', async () => {
    const order = await placeOrder()
    const payment = {
      shopId,
      orderId: order.id,
      method: 'pix',
      reference: 'E1234567890',
      amount: order.total,
      actor: 'merchant:test',
    }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => markOrderPaid(testDb.db, payment)),
    )
    expect(results.filter((r) => r.changed)).toHaveLength(1)
    const events = await paidEvents(order.id)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      from_status: 'pending',
      actor: 'merchant:test',
      data: { method: 'pix', reference: 'E1234567890', amount: 2500, currency: 'EUR' },
    })
    const row = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      status: 'paid',
      paid_method: 'pix',
      paid_reference: 'E1234567890',
      paid_amount: 2500,
    })
    expect(row.paid_at).toBeInstanceOf(Date)
  })

  it('moves a confirmed order to paid, without reference or amount', async () => {
    const order = await placeOrder()
    await testDb.db
      .updateTable('orders')
      .set({ status: 'confirmed' })
      .where('id', '=', order.id)
      .execute()
    expect(
      await markOrderPaid(testDb.db, {
        shopId,
        orderId: order.id,
        method: 'cash',
        actor: 'merchant:x',
      }),
    ).toEqual({ changed: true })
    const row = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      status: 'paid',
      paid_method: 'cash',
      paid_reference: null,
      paid_amount: null,
    })
  })

  it('changes nothing for a cancelled order or another shop', async () => {
    const cancelled = await placeOrder()
    await testDb.db
      .updateTable('orders')
      .set({ status: 'cancelled' })
      .where('id', '=', cancelled.id)
      .execute()
    expect(
      await markOrderPaid(testDb.db, { shopId, orderId: cancelled.id, method: 'cash', actor: 'm' }),
    ).toEqual({ changed: false })
    const other = await placeOrder()
    expect(
      await markOrderPaid(testDb.db, {
        shopId: '00000000-0000-4000-8000-000000000000',
        orderId: other.id,
        method: 'cash',
        actor: 'm',
      }),
    ).toEqual({ changed: false })
    expect(await paidEvents(cancelled.id)).toHaveLength(0)
    expect(await paidEvents(other.id)).toHaveLength(0)
    const row = await testDb.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'pending', paid_method: null, paid_at: null })
  })
})
