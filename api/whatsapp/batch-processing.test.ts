import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../db/database.ts'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { noteAcknowledgement } from './ack-first.ts'
import { processPending } from './process.ts'
import {
  BUSINESS_NUMBER,
  fullWebhookConfig,
  postWebhook,
  readFixture,
  webhookConfig,
} from './webhook-test-kit.ts'

// Processing in set-based batches: many deliveries, redelivered, several messages naming one
// order, more items than one batch holds and two workers at once; each message acts once.

const TEXT_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA='
/** More than one processing batch (100 items). */
const ORDERS = 130

/** A second worker on the same database: its own runner, as another process would have. */
function anotherWorker(db: Db): Db {
  return db.withPlugin({
    transformQuery: (args) => args.node,
    transformResult: async (args) => args.result,
  })
}

describe.each(testEngines())('WhatsApp batch processing on %s', (engine) => {
  let t: TestDatabase
  let waiting: ReturnType<typeof createTestApp>
  let client: TestClient
  let slug: string
  const config = fullWebhookConfig()

  beforeAll(async () => {
    t = await createTestDb(engine)
    // Processing waits: the deliveries pile up, as after a burst or a restart.
    waiting = createTestApp({
      db: t.db,
      config: webhookConfig(undefined, { processDelayMs: 3_600_000 }),
    })
    client = new TestClient(waiting)
    slug = await client.signupWithShop(undefined, BUSINESS_NUMBER)
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200 },
    ])
  })
  afterAll(() => t.destroy())

  const count = async (table: 'webhook_deliveries' | 'inbound_messages') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('should confirm each order once from redelivered messages split and matched by two workers at once', async () => {
    const orders: { id: string; code: string }[] = []
    for (let i = 0; i < ORDERS; i++) {
      const res = await client.post(`/api/shops/${slug}/orders`, {
        items: [{ sku: 'MUG', quantity: 1 }],
        customer: { name: `Customer ${i}` },
      })
      expect(res.status).toBe(201)
      orders.push(res.body)
    }
    const deliveries = orders.map((order, i) =>
      readFixture('text', { A7K2Q9: order.code, [TEXT_ID]: `wamid.BATCH_${engine}_${i}` }),
    )
    // Two more messages naming the first order: only one of the three may confirm it.
    const first = orders[0]?.code ?? ''
    const again = [1, 2].map((n) =>
      readFixture('text', { A7K2Q9: first, [TEXT_ID]: `wamid.AGAIN_${engine}_${n}` }),
    )
    // Every delivery twice, as Meta does when it is unsure of the first.
    const posts = [...deliveries, ...again, ...deliveries]
    const answers = await Promise.all(posts.map((raw) => postWebhook(waiting, raw)))
    expect(answers.map((res) => res.status)).toEqual(posts.map(() => 200))
    expect(await count('webhook_deliveries')).toBe(posts.length)
    expect(await count('inbound_messages')).toBe(0)

    // Batch sizes differ from process to process (a bigger one on PostgreSQL): one takes small
    // batches, the other one batch for all.
    const sized = (batchSize: number) => ({
      ...config,
      whatsapp: { ...config.whatsapp, batchSize },
    })
    // As if deliveries were still arriving: the first batches are small bites, then full ones.
    noteAcknowledgement()
    const [a, b] = await Promise.all([
      processPending(t.db, sized(40)),
      processPending(anotherWorker(t.db), sized(300)),
    ])
    expect(a + b).toBe(ORDERS + again.length)
    expect(await count('webhook_deliveries')).toBe(0)
    expect(await count('inbound_messages')).toBe(ORDERS + again.length)

    const states = await t.db
      .selectFrom('inbound_messages')
      .select(['wa_message_id', 'state', 'order_id', 'processed_at'])
      .execute()
    expect(states.every((row) => row.processed_at !== null)).toBe(true)
    expect(states.filter((row) => row.state === 'matched')).toHaveLength(ORDERS)
    // Of the three messages naming the first order, one confirmed it; the others are on record.
    expect(
      states
        .filter((row) => row.order_id === orders[0]?.id)
        .map((row) => row.state)
        .sort(),
    ).toEqual(['matched', 'recorded', 'recorded'])
    const confirmedOrders = await t.db
      .selectFrom('orders')
      .select('status')
      .where('status', '=', 'confirmed')
      .execute()
    expect(confirmedOrders).toHaveLength(ORDERS)
    const events = await t.db
      .selectFrom('order_events')
      .select(['order_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('type', '=', 'confirmed')
      .groupBy('order_id')
      .execute()
    expect(events).toHaveLength(ORDERS)
    expect(events.every((row) => Number(row.n) === 1)).toBe(true)

    // Meta redelivers everything once more: nothing is stored or applied twice.
    for (const raw of posts) expect((await postWebhook(waiting, raw)).status).toBe(200)
    expect(await processPending(t.db, config)).toBe(0)
    expect(await count('inbound_messages')).toBe(ORDERS + again.length)
    expect(await count('webhook_deliveries')).toBe(0)
  }, 120_000)
})
