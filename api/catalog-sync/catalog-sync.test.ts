import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { claimDueCatalogItems, settleCatalogItems } from '../../db/meta-catalog.queries.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { type AppConfig, defaultConfig } from '../config.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { processPending } from '../whatsapp/process.ts'
import {
  ACCESS_TOKEN,
  BUSINESS_NUMBER,
  inboundByWaId,
  orderWithItems,
  postWebhook,
  readFixture,
  webhookConfig,
} from '../whatsapp/webhook-test-kit.ts'
import { NO_IMAGE_ERROR } from './catalog-items.ts'
import { type CatalogStandInOptions, startCatalogStandIn } from './catalog-test-kit.ts'
import { syncCatalogs } from './sync.ts'
import { startCatalogSyncWorker } from './worker.ts'

const CATALOG = '194836987003835'
const ORDER_ID = 'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNBMDQ3RkI5OEM2MTJEMzQ1NjcA'
const MINUTE = 60_000

const png = () =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .png()
    .toBuffer()

interface ProductJson {
  id: string
  sku: string
  metaSync: { state: string; error?: string; syncedAt?: string } | null
}

describe.each(testEngines())('Meta catalog sync on %s', (engine) => {
  let t: TestDatabase
  let graph: Awaited<ReturnType<typeof startCatalogStandIn>> | undefined
  // The sync clock: each call moves it on, so retries and status checks fall due without waiting.
  let clock = Date.now()
  const later = (ms: number) => {
    clock = Math.max(clock, Date.now()) + ms
    return new Date(clock)
  }

  beforeAll(async () => {
    t = await createTestDb(engine)
  })
  afterEach(async () => {
    await graph?.close()
    graph = undefined
  })
  afterAll(() => t.destroy())

  /** A shop syncing to CATALOG through a fresh stand-in, with an uploaded photo. */
  const shopWithCatalog = async (
    standIn: Partial<CatalogStandInOptions> = {},
    shopFields: object = {},
  ) => {
    graph = await startCatalogStandIn({ catalogId: CATALOG, token: ACCESS_TOKEN, ...standIn })
    const partial = webhookConfig(graph.url, { processDelayMs: 60_000 })
    const config: AppConfig = defaultConfig(partial)
    const client = new TestClient(createTestApp({ db: t.db, config: partial }))
    const slug = await client.signupWithShop(undefined, { metaCatalogId: CATALOG, ...shopFields })
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await png())]), 'p.png')
    const image = (await client.post(`/api/shops/${slug}/images`, form)).body.hash as string
    return { graph, config, client, slug, image }
  }

  /** Sends what is due, then checks the accepted batches a minute later. */
  const syncAndCheck = async (config: AppConfig) => {
    await syncCatalogs(t.db, config, { now: later(MINUTE) })
    await syncCatalogs(t.db, config, { now: later(MINUTE) })
  }

  it('should refuse a catalog id that is not digits, naming the field', async () => {
    const { client, slug } = await shopWithCatalog()
    const res = await client.patch(`/api/shops/${slug}`, { metaCatalogId: 'my catalog' })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('metaCatalogId')
    expect((await client.get(`/api/shops/${slug}`)).body.metaCatalogId).toBe(CATALOG)
  })

  it('should send a created, an edited and a deleted product as items_batch calls', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    const created = await client.post(`/api/shops/${slug}/products`, {
      sku: 'MUG-01',
      name: 'Mug',
      price: 1250,
      stock: 4,
      images: [image],
    })
    expect(created.status).toBe(201)
    const product = created.body as ProductJson
    expect(product.metaSync).toEqual({ state: 'pending' })

    await syncAndCheck(config)
    const [post, check] = graph.calls
    expect(post).toMatchObject({
      method: 'POST',
      path: `/${CATALOG}/items_batch`,
      authorization: `Bearer ${ACCESS_TOKEN}`,
      body: { item_type: 'PRODUCT_ITEM' },
    })
    expect(graph.batchRequests()).toEqual([
      [
        {
          method: 'UPDATE',
          data: {
            id: 'MUG-01',
            title: 'Mug',
            description: 'Mug from Test Shop',
            availability: 'in stock',
            condition: 'new',
            price: '12.50 EUR',
            link: `http://localhost:3000/${slug}/p/mug`,
            image_link: `http://localhost:3000/media/jpeg/${image}.jpg`,
            brand: 'Test Shop',
            inventory: 4,
          },
        },
      ],
    ])
    expect(check).toMatchObject({
      method: 'GET',
      path: `/${CATALOG}/check_batch_request_status`,
      query: { handle: 'handle-1' },
    })
    const synced = (await client.get(`/api/shops/${slug}/products/${product.id}`))
      .body as ProductJson
    expect(synced.metaSync?.state).toBe('synced')
    expect(Date.parse(synced.metaSync?.syncedAt ?? '')).not.toBeNaN()

    const edited = await client.patch(`/api/shops/${slug}/products/${product.id}`, {
      price: 990,
      stock: 0,
    })
    expect(edited.body.metaSync).toEqual({ state: 'pending' })
    await syncAndCheck(config)
    expect(graph.batchRequests()[1]).toEqual([
      {
        method: 'UPDATE',
        data: expect.objectContaining({
          id: 'MUG-01',
          price: '9.90 EUR',
          availability: 'out of stock',
          inventory: 0,
        }),
      },
    ])

    expect((await client.delete(`/api/shops/${slug}/products/${product.id}`)).status).toBe(204)
    await syncAndCheck(config)
    expect(graph.batchRequests()[2]).toEqual([{ method: 'DELETE', data: { id: 'MUG-01' } }])
    expect(graph.catalog.has('MUG-01')).toBe(false)
    expect(graph.problems).toEqual([])
  })

  it('should send one item per variant, grouped by the product SKU', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    const res = await client.post(`/api/shops/${slug}/products`, {
      sku: 'TEE',
      name: 'Tee',
      price: 1990,
      images: [image],
      options: [{ name: 'Size', values: ['S', 'M'] }],
      variants: [
        { sku: 'TEE-S', options: { Size: 'S' } },
        { sku: 'TEE-M', options: { Size: 'M' }, price: 2190, stock: 3 },
      ],
    })
    expect(res.status).toBe(201)
    await syncAndCheck(config)
    // The product's own SKU is no item: it never reached the catalog, so nothing is deleted.
    const [requests] = graph.batchRequests()
    expect(requests).toHaveLength(2)
    expect(requests).toEqual(
      expect.arrayContaining([
        {
          method: 'UPDATE',
          data: expect.objectContaining({
            id: 'TEE-S',
            title: 'Tee (S)',
            item_group_id: 'TEE',
            size: 'S',
            price: '19.90 EUR',
            link: `http://localhost:3000/${slug}/p/tee?sku=TEE-S`,
          }),
        },
        {
          method: 'UPDATE',
          data: expect.objectContaining({ id: 'TEE-M', price: '21.90 EUR', inventory: 3 }),
        },
      ]),
    )

    // Dropping a variant deletes its item.
    await client.patch(`/api/shops/${slug}/products/${res.body.id}`, {
      variants: [{ sku: 'TEE-S', options: { Size: 'S' } }],
    })
    await syncAndCheck(config)
    expect(graph.batchRequests()[1]).toEqual(
      expect.arrayContaining([{ method: 'DELETE', data: { id: 'TEE-M' } }]),
    )
    expect([...graph.catalog.keys()]).toEqual(['TEE-S'])
    const product = (await client.get(`/api/shops/${slug}/products/${res.body.id}`))
      .body as ProductJson
    expect(product.metaSync?.state).toBe('synced')
    expect(graph.problems).toEqual([])
  })

  it('should retry with backoff and leave the product synced after two failures', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog({ failFirst: 2 })
    const { body } = await client.post(`/api/shops/${slug}/products`, {
      sku: 'LAMP',
      name: 'Lamp',
      price: 4500,
      images: [image],
    })
    const row = () =>
      t.db
        .selectFrom('meta_catalog_items')
        .selectAll()
        .where('sku', '=', 'LAMP')
        .executeTakeFirstOrThrow()

    const first = later(0)
    await syncCatalogs(t.db, config, { now: first })
    const afterOne = await row()
    expect(afterOne).toMatchObject({ state: 'pending', attempts: 1 })
    expect(afterOne.error).toContain('Service temporarily unavailable')
    // Exponential backoff: the second attempt waits about 2 s, the third about 4 s.
    const wait1 = afterOne.next_attempt_at.getTime() - first.getTime()
    expect(wait1).toBeGreaterThanOrEqual(2_000)
    expect(wait1).toBeLessThan(3_000)
    // Not due yet: nothing is sent.
    await syncCatalogs(t.db, config, { now: new Date(first.getTime() + 1_000) })
    expect(graph.batchRequests()).toHaveLength(1)

    const second = later(wait1)
    await syncCatalogs(t.db, config, { now: second })
    const afterTwo = await row()
    expect(afterTwo).toMatchObject({ state: 'pending', attempts: 2 })
    expect(afterTwo.next_attempt_at.getTime() - second.getTime()).toBeGreaterThanOrEqual(4_000)
    expect(
      ((await client.get(`/api/shops/${slug}/products/${body.id}`)).body as ProductJson).metaSync,
    ).toEqual({ state: 'pending' })

    await syncAndCheck(config)
    expect(graph.batchRequests()).toHaveLength(3)
    expect(await row()).toMatchObject({ state: 'synced', attempts: 3, error: null })
    expect(
      ((await client.get(`/api/shops/${slug}/products/${body.id}`)).body as ProductJson).metaSync
        ?.state,
    ).toBe('synced')
    expect(graph.catalog.get('LAMP')).toMatchObject({ price: '45.00 EUR' })
  })

  it('should lose nothing across a restart: queued and half-sent changes go out later', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    // Queued, then the process "dies" before sending anything.
    await client.post(`/api/shops/${slug}/products`, {
      sku: 'VASE',
      name: 'Vase',
      price: 3000,
      images: [image],
    })
    // Another is taken for sending by a process that dies before calling Meta.
    await client.post(`/api/shops/${slug}/products`, {
      sku: 'BOWL',
      name: 'Bowl',
      price: 1500,
      images: [image],
    })
    await t.db
      .updateTable('meta_catalog_items')
      .set({ next_attempt_at: new Date(Date.now() - 10 * MINUTE) })
      .where('sku', '=', 'BOWL')
      .execute()
    const taken = await t.db.transaction().execute((trx) =>
      claimDueCatalogItems(trx, {
        now: new Date(),
        staleBefore: new Date(0),
        limit: 1,
      }),
    )
    expect(taken?.items.map((i) => i.sku)).toEqual(['BOWL'])

    // A new worker on the same database, as a restarted server starts it.
    const stop = startCatalogSyncWorker(t.db, config, { intervalMs: 20 })
    try {
      for (let i = 0; i < 250 && graph.batchRequests().length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 20))
    } finally {
      await stop()
    }
    // VASE went out at once; BOWL waits until its sender is known to be gone (2 minutes).
    expect(graph.batchRequests().flat()).toEqual([
      { method: 'UPDATE', data: expect.objectContaining({ id: 'VASE' }) },
    ])
    await syncAndCheck(config)
    await syncAndCheck(config)
    expect([...graph.catalog.keys()].sort()).toEqual(['BOWL', 'VASE'])
    const list = (await client.get(`/api/shops/${slug}/products`)).body.products as ProductJson[]
    expect(list.map((p) => [p.sku, p.metaSync?.state])).toEqual([
      ['VASE', 'synced'],
      ['BOWL', 'synced'],
    ])
  })

  it('should record an item Meta refuses, a product without a photo and a refused token', async () => {
    const { config, client, slug, image } = await shopWithCatalog({
      refuse: { 'BAD-1': 'The image URL could not be downloaded' },
    })
    const bad = await client.post(`/api/shops/${slug}/products`, {
      sku: 'BAD-1',
      name: 'Bad',
      price: 100,
      images: [image],
    })
    const bare = await client.post(`/api/shops/${slug}/products`, {
      sku: 'BARE',
      name: 'Bare',
      price: 100,
    })
    await syncAndCheck(config)
    const list = (await client.get(`/api/shops/${slug}/products`)).body.products as ProductJson[]
    const state = (id: string) => list.find((p) => p.id === id)?.metaSync
    expect(state(bad.body.id)).toEqual({
      state: 'failed',
      error: 'The image URL could not be downloaded',
    })
    expect(state(bare.body.id)).toEqual({ state: 'failed', error: NO_IMAGE_ERROR })

    // A token Meta refuses (190) fails the same way every time: recorded, not retried.
    const wrongToken = { ...config, whatsapp: { ...config.whatsapp, accessToken: 'expired' } }
    const other = await client.post(`/api/shops/${slug}/products`, {
      sku: 'CUP',
      name: 'Cup',
      price: 700,
      images: [image],
    })
    await syncCatalogs(t.db, wrongToken, { now: later(MINUTE) })
    const cup = (await client.get(`/api/shops/${slug}/products/${other.body.id}`))
      .body as ProductJson
    expect(cup.metaSync).toEqual({ state: 'failed', error: '190 Invalid OAuth access token' })
  })

  it('should record the errors of a finished batch and wait while Meta is still at work', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog({
      checksInProgress: 1,
      statusErrors: { PEAR: 'Price must be a positive number' },
    })
    for (const sku of ['PEAR', 'PLUM'])
      await client.post(`/api/shops/${slug}/products`, {
        sku,
        name: sku,
        price: 300,
        images: [image],
      })
    await syncAndCheck(config) // sent, then "in_progress"
    const states = async () =>
      ((await client.get(`/api/shops/${slug}/products`)).body.products as ProductJson[]).map(
        (p) => [p.sku, p.metaSync?.state, p.metaSync?.error],
      )
    expect(await states()).toEqual([
      ['PEAR', 'pending', undefined],
      ['PLUM', 'pending', undefined],
    ])
    await syncCatalogs(t.db, config, { now: later(MINUTE) }) // "finished"
    expect(await states()).toEqual([
      ['PEAR', 'failed', 'Price must be a positive number'],
      ['PLUM', 'synced', undefined],
    ])
    const checks = graph.calls.filter((c) => c.path.endsWith('/check_batch_request_status'))
    expect(checks.map((c) => c.query.handle)).toEqual(['handle-1', 'handle-1'])
  })

  it.skipIf(engine !== 'postgres')(
    'should never give two processes the same rows (for update skip locked)',
    async () => {
      const { client, slug, image } = await shopWithCatalog()
      for (const sku of ['ONE', 'TWO'])
        await client.post(`/api/shops/${slug}/products`, {
          sku,
          name: sku,
          price: 100,
          images: [image],
        })
      const args = { now: later(MINUTE), staleBefore: new Date(0), limit: 1 }
      const [mine, theirs] = await t.db.transaction().execute(async (trx) => {
        const taken = await claimDueCatalogItems(trx, args)
        // Another process, on another connection, while this transaction holds its row.
        const other = await t.db.transaction().execute((o) => claimDueCatalogItems(o, args))
        return [taken, other]
      })
      expect(mine?.items).toHaveLength(1)
      expect(theirs?.items).toHaveLength(1)
      expect(mine?.items[0]?.sku).not.toBe(theirs?.items[0]?.sku)
      // Settled here, so that the next tests' stand-ins see nothing of this shop.
      await t.db
        .updateTable('meta_catalog_items')
        .set({ state: 'synced' })
        .where('sku', 'in', ['ONE', 'TWO'])
        .execute()
    },
  )

  it('should not mark synced a change made while an older state was being sent', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    const { body } = await client.post(`/api/shops/${slug}/products`, {
      sku: 'KETTLE',
      name: 'Kettle',
      price: 2500,
      images: [image],
    })
    const taken = await t.db
      .transaction()
      .execute((trx) =>
        claimDueCatalogItems(trx, { now: later(MINUTE), staleBefore: new Date(0), limit: 10 }),
      )
    const claimed = taken?.items.find((i) => i.sku === 'KETTLE')
    expect(claimed).toBeDefined()
    // The price changes while the old state is on its way; then the old send succeeds.
    await client.patch(`/api/shops/${slug}/products/${body.id}`, { price: 2700 })
    await settleCatalogItems(
      t.db,
      taken?.shopId ?? '',
      [{ sku: 'KETTLE', version: claimed?.version ?? 0, state: 'synced', inCatalog: true }],
      later(0),
    )
    const product = (await client.get(`/api/shops/${slug}/products/${body.id}`)).body as ProductJson
    expect(product.metaSync).toEqual({ state: 'pending' })
    await syncAndCheck(config)
    expect(graph.batchRequests()).toEqual([
      [{ method: 'UPDATE', data: expect.objectContaining({ id: 'KETTLE', price: '27.00 EUR' }) }],
    ])
  })

  it('should send what a CSV import changes, and delete what can no longer be an item', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    for (const sku of ['HONEY', 'WAX', 'COMB'])
      await client.post(`/api/shops/${slug}/products`, {
        sku,
        name: sku.toLowerCase(),
        price: 800,
        images: [image],
      })
    await syncAndCheck(config)
    expect(graph.batchRequests()).toHaveLength(1)
    expect([...graph.catalog.keys()].sort()).toEqual(['COMB', 'HONEY', 'WAX'])
    const csv = [
      'sku,parent_sku,name,description,price,compare_at_price,stock,category,active,options,variant_options,image_urls',
      `HONEY,,honey,,9.50,,5,,true,,,${image}`,
      `WAX,,wax,,8.00,,,,false,,,${image}`,
      // Its photo removed: Meta would refuse the item, so the old one leaves the catalog.
      'COMB,,comb,,8.00,,,,true,,,',
    ].join('\r\n')
    const res = await client.request('POST', `/api/shops/${slug}/products/import`, csv, {
      'content-type': 'text/csv',
    })
    expect(res.status, res.text).toBe(200)
    await syncAndCheck(config)
    const second = graph.batchRequests()[1]
    expect(second).toHaveLength(3)
    expect(second).toEqual(
      expect.arrayContaining([
        {
          method: 'UPDATE',
          data: expect.objectContaining({ id: 'HONEY', price: '9.50 EUR', inventory: 5 }),
        },
        { method: 'DELETE', data: { id: 'WAX' } },
        { method: 'DELETE', data: { id: 'COMB' } },
      ]),
    )
    expect([...graph.catalog.keys()]).toEqual(['HONEY'])
    const list = (await client.get(`/api/shops/${slug}/products`)).body.products as ProductJson[]
    expect(list.map((p) => [p.sku, p.metaSync?.state, p.metaSync?.error])).toEqual([
      ['HONEY', 'synced', undefined],
      ['WAX', 'synced', undefined],
      ['COMB', 'failed', NO_IMAGE_ERROR],
    ])
    // Nothing more goes out until the product changes again.
    await syncAndCheck(config)
    expect(graph.batchRequests()).toHaveLength(2)
    expect(graph.problems).toEqual([])
  })

  it('should queue a product when an order sells its last unit, and not for every sale', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog()
    await client.post(`/api/shops/${slug}/products`, {
      sku: 'JAM',
      name: 'Jam',
      price: 600,
      stock: 3,
      images: [image],
    })
    await syncAndCheck(config)
    const order = (quantity: number) =>
      client.post(`/api/shops/${slug}/orders`, {
        items: [{ sku: 'JAM', quantity }],
        customer: { name: 'Ana' },
      })
    expect((await order(1)).status).toBe(201)
    await syncAndCheck(config)
    expect(graph.batchRequests()).toHaveLength(1)
    expect((await order(2)).status).toBe(201)
    await syncAndCheck(config)
    expect(graph.batchRequests()[1]).toEqual([
      {
        method: 'UPDATE',
        data: expect.objectContaining({ id: 'JAM', availability: 'out of stock', inventory: 0 }),
      },
    ])
  })

  it('should send every product once the catalog id is set, and show no state without one', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog(
      {},
      { metaCatalogId: null },
    )
    const { body } = await client.post(`/api/shops/${slug}/products`, {
      sku: 'OLD',
      name: 'Old',
      price: 800,
      images: [image],
    })
    expect(body.metaSync).toBeNull()
    await syncAndCheck(config)
    expect(graph.calls).toEqual([])
    expect(
      (await client.patch(`/api/shops/${slug}`, { metaCatalogId: CATALOG })).body.metaCatalogId,
    ).toBe(CATALOG)
    await syncAndCheck(config)
    expect(graph.batchRequests()).toEqual([
      [{ method: 'UPDATE', data: expect.objectContaining({ id: 'OLD' }) }],
    ])
  })

  it('should turn a native cart of synced items into an order: the item ids are our SKUs', async () => {
    const { graph, config, client, slug, image } = await shopWithCatalog({}, BUSINESS_NUMBER)
    await client.post(`/api/shops/${slug}/products`, {
      sku: 'SHIRT',
      name: 'Blue T-shirt',
      price: 1990,
      images: [image],
      options: [{ name: 'Size', values: ['M'] }],
      variants: [{ sku: 'SHIRT-M', options: { Size: 'M' } }],
    })
    await client.post(`/api/shops/${slug}/products`, {
      sku: 'MUG-9',
      name: 'Mug',
      price: 950,
      images: [image],
    })
    await syncAndCheck(config)
    expect([...graph.catalog.keys()].sort()).toEqual(['MUG-9', 'SHIRT-M'])

    // WhatsApp names the catalog items of the cart by their ids: what the sync sent.
    const app = createTestApp({ db: t.db, config: webhookConfig(graph.url) })
    const body = readFixture('order', {
      [ORDER_ID]: 'wamid.CATALOG_SYNC_CART',
      'SKU-TSHIRT-BLU-M': 'SHIRT-M',
      'SKU-MUG-01': 'MUG-9',
    })
    expect((await postWebhook(app, body)).status).toBe(200)
    await processPending(t.db, config)
    const [message] = await inboundByWaId(t.db, 'wamid.CATALOG_SYNC_CART')
    expect(message).toMatchObject({ state: 'matched', match_method: 'native_order' })
    const { order, items } = await orderWithItems(t.db, message?.order_id ?? '')
    expect(order).toMatchObject({ status: 'confirmed', total: 2 * 1990 + 950 })
    expect(items.map((i) => [i.sku, i.quantity, i.flags])).toEqual([
      ['SHIRT-M', 2, null],
      ['MUG-9', 1, null],
    ])
  })
})
