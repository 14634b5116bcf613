import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

interface Reply {
  kind: string
  text: string
  whatsappUrl: string | null
}

describe.each(testEngines())('one-tap replies (%s)', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop()
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200 },
    ])
  })
  afterAll(() => t.destroy())

  const place = async (customer: object, locale?: string) => {
    const res = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer,
      ...(locale ? { locale } : {}),
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; code: string; token: string }
  }
  const replies = async (code: string, query = '') => {
    const res = await client.get(`/api/shops/${slug}/orders/${code}/replies${query}`)
    expect(res.status).toBe(200)
    return res.body as Reply[]
  }
  const textOf = (url: string) => new URL(url).searchParams.get('text')

  it('should list the replies of a pending order with wa.me links to the number typed at checkout', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const list = await replies(order.code)
    expect(list.map((r) => r.kind)).toEqual(['confirm', 'payment', 'ready', 'shipped', 'nudge'])
    const confirm = list[0] as Reply
    expect(confirm.text).toBe(
      `Hi Ana! Your order #${order.code} is confirmed. Total: €24.00.\nOrder page: http://localhost:3000/o/${order.token}`,
    )
    expect(confirm.whatsappUrl?.startsWith('https://wa.me/33611223344?text=')).toBe(true)
    expect(textOf(confirm.whatsappUrl as string)).toBe(confirm.text)
  })

  it("should write in the order's language", async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' }, 'ar')
    const [confirm] = await replies(order.code)
    expect(confirm?.text).toContain(`تم تأكيد طلبك #${order.code}`)
    const fr = await place({ name: 'Zoé', phone: '+33 6 11 22 33 44' }, 'fr')
    const list = await replies(fr.code)
    expect(list.find((r) => r.kind === 'ready')?.text).toBe(
      `Bonjour Zoé\u00a0! Votre commande #${fr.code} est prête à retirer chez Test Shop.`,
    )
  })

  it('should prefer the number the customer wrote from', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    await t.db
      .updateTable('orders')
      .set({ customer_wa_id: '5511987654321' })
      .where('id', '=', order.id)
      .execute()
    const [confirm] = await replies(order.code)
    expect(confirm?.whatsappUrl?.startsWith('https://wa.me/5511987654321?text=')).toBe(true)
  })

  it('should give no link when no number is known', async () => {
    const order = await place({ name: 'Ana' })
    const list = await replies(order.code)
    expect(list.length).toBeGreaterThan(0)
    for (const r of list) expect(r.whatsappUrl).toBeNull()
  })

  it('should add the tracking link to the shipped reply and refuse one that is not a web address', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const list = await replies(order.code, '?trackingUrl=https%3A%2F%2Ftrack.example%2F1Z')
    const shipped = list.find((r) => r.kind === 'shipped')
    expect(shipped?.text).toContain('Tracking: https://track.example/1Z')
    expect(list.find((r) => r.kind === 'confirm')?.text).not.toContain('track.example')
    const bad = await client.get(
      `/api/shops/${slug}/orders/${order.code}/replies?trackingUrl=javascript:alert(1)`,
    )
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ error: { field: 'trackingUrl' } })
  })

  it('should offer only the cancellation of a cancelled order and never nudge a paid one', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const paid = await client.patch(`/api/shops/${slug}/orders/${order.code}`, { status: 'paid' })
    expect(paid.status).toBe(200)
    expect((await replies(order.code)).map((r) => r.kind)).toEqual(['confirm', 'ready', 'shipped'])
    await client.patch(`/api/shops/${slug}/orders/${order.code}`, { status: 'cancelled' })
    const list = await replies(order.code)
    expect(list.map((r) => r.kind)).toEqual(['cancelled'])
    expect(list[0]?.text).toContain('has been cancelled')
  })

  it('should record a tap on the timeline', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const tap = await client.post(`/api/shops/${slug}/orders/${order.code}/replies/confirm/tap`, {})
    expect(tap.status).toBe(201)
    expect(tap.body).toMatchObject({ kind: 'confirm' })
    expect((tap.body as Reply).whatsappUrl).toContain('https://wa.me/33611223344?text=')
    const shipped = await client.post(
      `/api/shops/${slug}/orders/${order.code}/replies/shipped/tap`,
      { trackingUrl: 'https://track.example/1Z' },
    )
    expect((shipped.body as Reply).text).toContain('https://track.example/1Z')
    const detail = await client.get(`/api/shops/${slug}/orders/${order.code}`)
    const events = (detail.body as { events: { type: string; data: unknown; actor: string }[] })
      .events
    expect(events.filter((e) => e.type === 'reply_tapped').map((e) => e.data)).toEqual([
      { kind: 'confirm', copied: false },
      { kind: 'shipped', copied: false },
    ])
    expect(events.find((e) => e.type === 'reply_tapped')?.actor).toMatch(/^merchant:/)
  })

  it('should record a copy when there is no number', async () => {
    const order = await place({ name: 'Ana' })
    const tap = await client.post(`/api/shops/${slug}/orders/${order.code}/replies/nudge/tap`, {})
    expect(tap.status).toBe(201)
    expect(tap.body).toMatchObject({ kind: 'nudge', whatsappUrl: null })
    const events = (tap.body as { events: { type: string; data: unknown }[] }).events
    expect(events.at(-1)).toMatchObject({
      type: 'reply_tapped',
      data: { kind: 'nudge', copied: true },
    })
  })

  it('should refuse an unknown kind, a kind that does not apply and a bad body, changing nothing', async () => {
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const before = await tableCounts(t.db)
    const path = `/api/shops/${slug}/orders/${order.code}/replies`
    const unknown = await client.post(`${path}/thanks/tap`, {})
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ error: { field: 'kind' } })
    const notApplicable = await client.post(`${path}/cancelled/tap`, {})
    expect(notApplicable.status).toBe(409)
    expect(notApplicable.body).toMatchObject({ error: { field: 'kind' } })
    const badBody = await client.post(`${path}/shipped/tap`, { trackingUrl: 'ftp://x' })
    expect(badBody.status).toBe(400)
    expect(badBody.body).toMatchObject({ error: { field: 'trackingUrl' } })
    const extra = await client.post(`${path}/shipped/tap`, { note: 'x' })
    expect(extra.status).toBe(400)
    const missing = await client.post(`/api/shops/${slug}/orders/ZZZZZZ/replies/confirm/tap`, {})
    expect(missing.status).toBe(404)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it("should give the payment reply the order message's line on how to pay", async () => {
    const before = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' }, 'fr')
    const plain = (await replies(before.code)).find((r) => r.kind === 'payment')
    expect(plain?.text).toContain(`/o/${before.token}`)
    expect(plain?.text).not.toContain('Comment payer')

    const set = await client.patch(`/api/shops/${slug}`, {
      payments: [{ type: 'cash' }, { type: 'bank', instructions: 'IBAN on request' }],
    })
    expect(set.status).toBe(200)
    const order = await place({ name: 'Ana', phone: '+33 6 11 22 33 44' }, 'fr')
    const payment = (await replies(order.code)).find((r) => r.kind === 'payment')
    const line = payment?.text.split('\n').find((l) => l.startsWith('Comment payer'))
    expect(line).toMatch(/^Comment payer \(.+, .+\) ?: http.*\/o\//)
    expect(line).toContain(`/o/${order.token}`)
    expect(textOf(payment?.whatsappUrl ?? '')).toBe(payment?.text)
  })
})
