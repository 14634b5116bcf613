import { createHmac } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { PROCESS_WINDOW_MS } from './ack-first.ts'
import { sendDueMessages } from './outbox.ts'
import { processPending } from './process.ts'
import { escapeUnicode, signWebhookBody } from './signature.ts'
import {
  APP_SECRET,
  BUSINESS_NUMBER,
  fullWebhookConfig,
  inboundByWaId,
  PHONE_NUMBER_ID,
  postWebhook,
  readFixture,
  startGraphStandIn,
  VERIFY_TOKEN,
  webhookConfig,
} from './webhook-test-kit.ts'

describe.each(testEngines())('WhatsApp webhook on %s', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  let client: TestClient
  let slug: string
  let shopId: string
  const config = fullWebhookConfig()

  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({ db: t.db, config: webhookConfig() })
    client = new TestClient(app)
    slug = await client.signupWithShop(undefined, BUSINESS_NUMBER)
    shopId = await shopIdOf(t.db, slug)
    await insertFixtureProducts(t.db, shopId, [{ sku: 'MUG', name: 'Mug', price: 1200 }])
  })
  afterAll(async () => {
    await processPending(t.db, config)
    await t.destroy()
  })

  const placeOrder = async () => {
    const res = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 1 }],
      customer: { name: 'Ana' },
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; code: string }
  }

  describe('GET handshake', () => {
    const handshake = (query: string) => app.request(`/webhooks/whatsapp?${query}`)

    it('should echo hub.challenge as plain text when the verify token matches', async () => {
      const res = await handshake(
        `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`,
      )
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await res.text()).toBe('1158201444')
    })

    it('should answer 403 to a wrong token, a wrong mode or a missing challenge', async () => {
      for (const query of [
        'hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong',
        `hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`,
        `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`,
        'hub.mode=subscribe&hub.challenge=1',
      ]) {
        const res = await handshake(query)
        expect(res.status).toBe(403)
        expect(await res.text()).not.toContain(VERIFY_TOKEN)
      }
    })

    it('should answer 403 when no verify token is configured', async () => {
      const bare = createTestApp({ db: t.db })
      const res = await bare.request(
        '/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1&hub.verify_token=',
      )
      expect(res.status).toBe(403)
    })
  })

  describe('POST signature', () => {
    const body = readFixture('text', {
      'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': 'wamid.SIGNATURE',
    })
    const hex = createHmac('sha256', APP_SECRET).update(body).digest('hex')
    const refused: [string, string | Uint8Array, string | null][] = [
      ['a wrong secret', body, signWebhookBody(body, 'not-the-secret')],
      ['a missing header', body, null],
      ['sha1=', body, `sha1=${createHmac('sha1', APP_SECRET).update(body).digest('hex')}`],
      ['a truncated value', body, `sha256=${hex.slice(0, 40)}`],
      ['a non-hex value', body, `sha256=${hex.slice(0, 62)}xy`],
      ['a body changed by one byte', body.replace('Ana Souza', 'Ana Souzb'), `sha256=${hex}`],
    ]

    it.each(refused)('should answer 401 and store nothing for %s', async (_, raw, signature) => {
      const before = await tableCounts(t.db)
      const res = await postWebhook(app, raw, signature)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: { code: 'invalid_signature', message: expect.any(String) },
      })
      expect(await tableCounts(t.db)).toEqual(before)
    })

    it('should accept a valid signature over the raw bytes and store the message', async () => {
      const res = await postWebhook(app, body)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ received: true })
      // Ahead of the app's page middleware, the answer sets its own headers.
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-request-id')).toBeTruthy()
      await processPending(t.db, config)
      const rows = await inboundByWaId(t.db, 'wamid.SIGNATURE')
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        shop_id: shopId,
        kind: 'message',
        type: 'text',
        from_wa_id: '5511987654321',
        from_user_id: 'BR.1502576394655843',
        profile_name: 'Ana Souza',
      })
    })

    it.each([
      ['an escaped NUL', '\\u0000'],
      ['an escaped unpaired surrogate', '\\ud800'],
      ['a raw unpaired surrogate', '\ud83d'],
    ])(
      'should store a signed message holding %s with it replaced, and acknowledge it',
      async (_, bad) => {
        const id = `wamid.UNSTORABLE_${Math.random().toString(36).slice(2)}`
        const payload = readFixture('text', {
          'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': id,
        })
        const raw = payload.replace(/"body": "([^"]*)"/, `"body": "before${bad}after"`)
        expect(raw).toContain(`before${bad}after`)
        const res = await postWebhook(app, raw)
        expect(res.status).toBe(200)
        await processPending(t.db, config)
        const rows = await inboundByWaId(t.db, id)
        expect(rows).toHaveLength(1)
        expect(rows[0]?.body).toBe('before\uFFFDafter')
      },
    )

    it('should accept a signature over the escaped-unicode form of the body', async () => {
      const raw = readFixture('batch', { 'wamid.HBgNOTHER_NUMBER_ID': 'wamid.ESCAPED' })
      const signature = `sha256=${createHmac('sha256', APP_SECRET).update(escapeUnicode(raw)).digest('hex')}`
      const res = await postWebhook(app, raw, signature)
      expect(res.status).toBe(200)
      await processPending(t.db, config)
      expect(await inboundByWaId(t.db, 'wamid.ESCAPED')).toHaveLength(1)
    })

    it('should answer 503 and store nothing when no app secret is configured', async () => {
      const unsigned = createTestApp({ db: t.db })
      const before = await tableCounts(t.db)
      const res = await postWebhook(unsigned, body)
      expect(res.status).toBe(503)
      expect((await res.json()).error.code).toBe('not_configured')
      expect(await tableCounts(t.db)).toEqual(before)
    })

    it('should answer 413 and store nothing for a body over 3 MB', async () => {
      const big = JSON.stringify({
        object: 'whatsapp_business_account',
        pad: 'x'.repeat(3 * 1024 * 1024),
      })
      const before = await tableCounts(t.db)
      const res = await postWebhook(app, big)
      expect(res.status).toBe(413)
      expect(await tableCounts(t.db)).toEqual(before)
    })
  })

  describe('a delivery of thousands of messages', () => {
    it('should acknowledge it with one insert, then keep answering other requests while it is split and processed, each item once', async () => {
      const template = JSON.parse(readFixture('text'))
      const value = template.entry[0].changes[0].value
      const message = value.messages[0]
      const count = 3000
      value.messages = Array.from({ length: count }, (_, i) => ({
        ...message,
        id: `wamid.BIG_${engine}_${i}`,
        text: { body: `Hello ${i}` },
      }))
      const raw = JSON.stringify(template)
      expect(raw.length).toBeLessThan(3 * 1024 * 1024)
      const stored = () =>
        t.db
          .selectFrom('inbound_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('wa_message_id', 'like', `wamid.BIG_${engine}_%`)
          .executeTakeFirstOrThrow()
          .then((row) => Number(row.n))
      // Processing waits here, so the acknowledgement is seen storing the delivery alone.
      const waiting = createTestApp({
        db: t.db,
        config: webhookConfig(undefined, { processDelayMs: 3_600_000 }),
      })
      expect((await postWebhook(waiting, raw)).status).toBe(200)
      expect(await stored()).toBe(0)
      let finished = false
      const processing = processPending(t.db, fullWebhookConfig()).finally(() => {
        finished = true
      })
      // Reads while it is split and processed: they get their turn between statements, and see
      // the slices already committed (a single transaction would show nothing, then everything).
      const seen: number[] = []
      let healthy = 0
      while (!finished) {
        seen.push(await stored())
        if ((await app.request('/healthz')).status === 200) healthy++
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      await processing
      expect(healthy).toBeGreaterThan(0)
      expect(seen.some((n) => n > 0 && n < count)).toBe(true)
      const rows = await t.db
        .selectFrom('inbound_messages')
        .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
        .where('wa_message_id', 'like', `wamid.BIG_${engine}_%`)
        .groupBy('state')
        .execute()
      expect(rows.map((r) => [r.state, Number(r.n)])).toEqual([['unmatched', count]])
      expect(await t.db.selectFrom('webhook_deliveries').select('id').execute()).toEqual([])
    }, 120_000)
  })

  describe('who owns a number', () => {
    it("should not deliver to a shop that claimed a phone number id whose display number is not the shop's", async () => {
      const squatter = new TestClient(app)
      const squatSlug = await squatter.signupWithShop(undefined, {
        whatsappPhone: '+44 7700 900123',
        whatsappPhoneNumberId: '998877665544',
      })
      const id = `wamid.SQUAT_${Math.random().toString(36).slice(2)}`
      const raw = readFixture('text', {
        'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': id,
        [PHONE_NUMBER_ID]: '998877665544',
      })
      expect(raw).toContain('998877665544')
      const res = await postWebhook(app, raw)
      expect(res.status).toBe(200)
      await processPending(t.db, fullWebhookConfig())
      const rows = await inboundByWaId(t.db, id)
      expect(rows[0]).toMatchObject({ shop_id: null, state: 'unrouted' })
      const inbox = await squatter.get(`/api/shops/${squatSlug}/inbox`)
      expect(inbox.body.messages).toEqual([])
    })

    it('should not route an item whose payload has no display number', async () => {
      const id = `wamid.NODISPLAY_${Math.random().toString(36).slice(2)}`
      const raw = readFixture('text', {
        'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': id,
      }).replace(/"display_phone_number": "[^"]*",?/, '')
      const res = await postWebhook(app, raw)
      expect(res.status).toBe(200)
      await processPending(t.db, config)
      expect((await inboundByWaId(t.db, id))[0]).toMatchObject({ shop_id: null })
    })
  })

  describe('POST storage', () => {
    it('should store a repeated delivery once', async () => {
      const raw = readFixture('image-caption', { 'wamid.HBgNIMAGE_ID': 'wamid.REPEATED' })
      for (let i = 0; i < 3; i++) expect((await postWebhook(app, raw)).status).toBe(200)
      await processPending(t.db, config)
      expect(await inboundByWaId(t.db, 'wamid.REPEATED')).toHaveLength(1)
    })

    it('should keep a message for an unknown phone number id as unrouted', async () => {
      const raw = readFixture('text', {
        [PHONE_NUMBER_ID]: '999999999999',
        'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': 'wamid.UNROUTED',
      })
      expect((await postWebhook(app, raw)).status).toBe(200)
      await processPending(t.db, config)
      const [row] = await inboundByWaId(t.db, 'wamid.UNROUTED')
      expect(row).toMatchObject({
        shop_id: null,
        phone_number_id: '999999999999',
        state: 'unrouted',
      })
      expect(row?.processed_at).not.toBeNull()
    })

    it('should store a signed payload of an unexpected shape as unknown and answer 200', async () => {
      const raw = JSON.stringify({ object: 'page', entry: [{ id: '1', messaging: [] }] })
      const res = await postWebhook(app, raw)
      expect(res.status).toBe(200)
      const again = await postWebhook(app, raw)
      expect(again.status).toBe(200)
      await processPending(t.db, config)
      const rows = await t.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('kind', '=', 'unknown')
        .where('payload', '@>', JSON.stringify({ object: 'page' }))
        .execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]?.event_key).toMatch(/^sha256:[0-9a-f]{64}$/)
      await processPending(t.db, config)
      const [processed] = await t.db
        .selectFrom('inbound_messages')
        .selectAll()
        .where('id', '=', rows[0]?.id ?? '')
        .execute()
      expect(processed).toMatchObject({ state: 'failed' })
      expect(processed?.processed_at).not.toBeNull()
    })

    it('should store a signed body that is not JSON as unknown and answer 200', async () => {
      const res = await postWebhook(app, 'not json at all')
      expect(res.status).toBe(200)
      await processPending(t.db, config)
      const rows = await t.db
        .selectFrom('inbound_messages')
        .select('payload')
        .where('kind', '=', 'unknown')
        .execute()
      expect(rows.map((r) => r.payload)).toContainEqual({ unparsed: 'not json at all' })
    })

    it('should store a signed body that is JSON null as unknown, its payload kept as null', async () => {
      const res = await postWebhook(app, 'null')
      expect(res.status).toBe(200)
      await processPending(t.db, config)
      const rows = await t.db
        .selectFrom('inbound_messages')
        .select(['payload', 'state'])
        .where('kind', '=', 'unknown')
        .where(sql<boolean>`payload = 'null'::jsonb`)
        .execute()
      expect(rows).toEqual([{ payload: null, state: 'failed' }])
    })

    it('should store a batch of 1,000 items, more than one statement holds, all at once', async () => {
      const payload = JSON.parse(readFixture('status-read'))
      const status = payload.entry[0].changes[0].value.statuses[0]
      payload.entry[0].changes[0].value.statuses = Array.from({ length: 1000 }, (_, i) => ({
        ...status,
        id: `wamid.BULK_${i}`,
      }))
      const res = await postWebhook(app, JSON.stringify(payload))
      expect(await res.json()).toEqual({ received: true })
      await processPending(t.db, config)
      const stored = await t.db
        .selectFrom('inbound_messages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('wa_message_id', 'like', 'wamid.BULK_%')
        .executeTakeFirstOrThrow()
      expect(Number(stored.n)).toBe(1000)
    })

    it('should keep a malformed message of a readable batch as unknown beside the good ones', async () => {
      const payload = JSON.parse(readFixture('text'))
      const value = payload.entry[0].changes[0].value
      value.messages = [
        { ...value.messages[0], id: 'wamid.GOOD_ONE' },
        { from: '5511987654321', type: 'text' },
      ]
      const res = await postWebhook(app, JSON.stringify(payload))
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ received: true })
      await processPending(t.db, config)
      expect(await inboundByWaId(t.db, 'wamid.GOOD_ONE')).toHaveLength(1)
      const unknown = await t.db
        .selectFrom('inbound_messages')
        .select('payload')
        .where('kind', '=', 'unknown')
        .where('payload', '@>', JSON.stringify({ type: 'text', from: '5511987654321' }))
        .execute()
      expect(unknown).toHaveLength(1)
    })
  })

  it('should answer 20 simultaneous deliveries with 200 and confirm and reply once', async () => {
    // Earlier tests' apps (replies off) may still be draining in the background; this one must
    // be the only processor of its message, or the reply would depend on who got there first.
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom('inbound_messages')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('processed_at', 'is', null)
              .executeTakeFirstOrThrow()
          ).n,
        { timeout: 20_000 },
      )
      .toEqual(0)
    const graph = await startGraphStandIn()
    try {
      const repliesApp = createTestApp({ db: t.db, config: webhookConfig(graph.url) })
      const repliesConfig = fullWebhookConfig(graph.url)
      // A run of theirs may still be scheduled (within the processing window) or between two
      // slices with nothing left: wait for it to start and end, or it could take our message
      // next, with their configuration (no replies).
      await new Promise((resolve) => setTimeout(resolve, 2 * PROCESS_WINDOW_MS))
      await processPending(t.db, repliesConfig)
      const order = await placeOrder()
      const raw = readFixture('text', {
        A7K2Q9: order.code,
        'wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMEQxRTJGMzA0QjVBNjc4OQA=': 'wamid.TWENTY',
      })
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => postWebhook(repliesApp, raw)),
      )
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200))
      await processPending(t.db, repliesConfig)
      // The app also processes right after its answer, in the background: on PostgreSQL that run
      // may hold the row (skip locked) when ours looks, so wait for whoever has it to finish.
      await expect
        .poll(async () => (await inboundByWaId(t.db, 'wamid.TWENTY'))[0]?.processed_at ?? null)
        .not.toBeNull()
      await sendDueMessages(t.db, repliesConfig.whatsapp)
      await expect
        .poll(async () => {
          const rows = await t.db
            .selectFrom('outbound_messages')
            .select('status')
            .where('order_id', '=', order.id)
            .execute()
          return rows.map((r) => r.status)
        })
        .toEqual(['sent'])

      expect(await inboundByWaId(t.db, 'wamid.TWENTY')).toHaveLength(1)
      const events = await t.db
        .selectFrom('order_events')
        .selectAll()
        .where('order_id', '=', order.id)
        .where('type', '=', 'confirmed')
        .execute()
      expect(events).toHaveLength(1)
      const outbox = await t.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('order_id', '=', order.id)
        .execute()
      expect(outbox).toHaveLength(1)
      expect(outbox[0]?.status).toBe('sent')
      expect(graph.requests).toHaveLength(1)
    } finally {
      await graph.close()
    }
  })
})
