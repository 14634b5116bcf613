import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../../core/schedule.ts'
import { insertFixtureProducts, shopIdOf } from '../../db/testing/catalog-fixture.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { expireDueOrders } from './expiry.ts'

interface Slot {
  id: string
  startsAt: string
  endsAt: string
  remaining: number
}

const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '12:00']]]),
)
/** A local date `days` from today in a zone. */
const dayAhead = (days: number, zone: string) =>
  localDate(new Date(Date.now() + days * 86_400_000), zone)

describe.each(testEngines())('time slots on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  let slug: string
  let pickup: string

  const method = async (body: Record<string, unknown>) => {
    const res = await client.post(`/api/shops/${slug}/shipping-methods`, body)
    if (res.status !== 201) throw new Error(res.text)
    return res.body.id as string
  }
  const slotsOf = async (id: string, from: string): Promise<Slot[]> => {
    const res = await client.get(`/api/shops/${slug}/shipping-methods/${id}/slots?from=${from}`)
    expect(res.status, res.text).toBe(200)
    return res.body
  }
  const order = (body: Record<string, unknown>) =>
    client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'BREAD', quantity: 1 }],
      customer: { name: 'Ana', phone: '+33 6 11 22 33 44' },
      ...body,
    })

  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
    slug = await client.signupWithShop(undefined, { timezone: 'America/Sao_Paulo' })
    await insertFixtureProducts(t.db, await shopIdOf(t.db, slug), [
      { sku: 'BREAD', name: 'Bread', price: 500 },
    ])
    pickup = await method({
      name: 'Pickup',
      price: 0,
      slots: { weekly: EVERY_DAY, durationMinutes: 60, leadMinutes: 120, capacity: 2 },
    })
  })
  afterAll(() => t.destroy())

  it('should list a week of slots in the shop’s zone with the places left', async () => {
    const from = dayAhead(2, 'America/Sao_Paulo')
    const slots = await slotsOf(pickup, from)
    expect(slots).toHaveLength(21)
    // 09:00 in São Paulo (UTC−3, no daylight saving) is 12:00 UTC.
    expect(slots[0]).toEqual({
      id: `${from}T12:00Z`,
      startsAt: `${from}T12:00:00.000Z`,
      endsAt: `${from}T13:00:00.000Z`,
      remaining: 2,
    })
    const method = await client.get(`/api/shops/${slug}/shipping-methods/${pickup}`)
    expect(method.body.slots).toMatchObject({ durationMinutes: 60, capacity: 2 })
    const catalog = await client.get(`/api/shops/${slug}/catalog`)
    expect(catalog.body.shippingMethods[0]).toMatchObject({ id: pickup, hasSlots: true })
  })

  it('should start the list at the shop’s today and refuse days past the horizon', async () => {
    const slots = await slotsOf(pickup, '2020-01-01')
    expect(slots.length).toBeGreaterThan(0)
    for (const slot of slots) {
      expect(new Date(slot.startsAt).getTime()).toBeGreaterThan(Date.now() + 2 * 3_600_000)
    }
    const far = await client.get(
      `/api/shops/${slug}/shipping-methods/${pickup}/slots?from=${dayAhead(120, 'UTC')}`,
    )
    expect(far.status).toBe(400)
    expect(far.body.error.field).toBe('from')
    const bad = await client.get(`/api/shops/${slug}/shipping-methods/${pickup}/slots?from=soon`)
    expect(bad.body.error.field).toBe('from')
    const none = await client.get(
      `/api/shops/${slug}/shipping-methods/00000000-0000-4000-8000-000000000000/slots`,
    )
    expect(none.status).toBe(404)
  })

  it('should list Kolkata slots at 09:00 local, 03:30 UTC', async () => {
    const other = new TestClient(createTestApp({ db: t.db }))
    const kolkata = await other.signupWithShop(undefined, { timezone: 'Asia/Kolkata' })
    const res = await other.post(`/api/shops/${kolkata}/shipping-methods`, {
      name: 'Delivery',
      price: 300,
      slots: { weekly: EVERY_DAY, durationMinutes: 90, leadMinutes: 0, capacity: 1 },
    })
    const from = dayAhead(3, 'Asia/Kolkata')
    const list = await other.get(
      `/api/shops/${kolkata}/shipping-methods/${res.body.id}/slots?from=${from}`,
    )
    expect(list.body.slice(0, 2).map((s: Slot) => s.id)).toEqual([
      `${from}T03:30Z`,
      `${from}T05:00Z`,
    ])
  })

  it('should book a slot, show it in the order and its message, and count it', async () => {
    const from = dayAhead(3, 'America/Sao_Paulo')
    const [slot] = await slotsOf(pickup, from)
    const res = await order({ shippingMethodId: pickup, slotId: slot?.id })
    expect(res.status, res.text).toBe(201)
    expect(res.body.slot).toEqual({ startsAt: slot?.startsAt, endsAt: slot?.endsAt })
    expect(res.body.message).toMatch(/Time slot: \w{3}, \w{3} \d{1,2}, 09:00–10:00/)
    const owner = await client.get(`/api/shops/${slug}/orders/${res.body.code}`)
    expect(owner.body.slot).toEqual({ startsAt: slot?.startsAt, endsAt: slot?.endsAt })
    const page = await client.get(`/api/orders/${res.body.token}`)
    expect(page.body.slot).toEqual({ startsAt: slot?.startsAt, endsAt: slot?.endsAt })
    expect((await slotsOf(pickup, from))[0]?.remaining).toBe(1)
  })

  it('should refuse a missing, unknown or past slot naming slotId, writing nothing', async () => {
    const before = await tableCounts(t.db)
    const missing = await order({ shippingMethodId: pickup })
    expect(missing.body.error).toMatchObject({ code: 'required', field: 'slotId' })
    const cases = [
      `${dayAhead(3, 'UTC')}T12:30Z`, // not a slot start
      `${dayAhead(3, 'UTC')}T20:00Z`, // outside the hours
      `${dayAhead(-1, 'UTC')}T12:00Z`, // gone
      'next tuesday',
    ]
    for (const slotId of cases) {
      const res = await order({ shippingMethodId: pickup, slotId })
      expect(res.status, slotId).toBe(400)
      expect(res.body.error).toMatchObject({ code: 'slot_unavailable', field: 'slotId' })
    }
    const none = await order({ slotId: `${dayAhead(3, 'UTC')}T12:00Z` })
    expect(none.body.error.field).toBe('slotId')
    const badSettings = await client.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Bad',
      price: 0,
      slots: { weekly: EVERY_DAY, durationMinutes: 5, leadMinutes: 0, capacity: 0 },
    })
    expect(badSettings.status).toBe(400)
    expect(badSettings.body.error.field).toMatch(/^slots\.(durationMinutes|capacity)$/)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should place exactly 2 of 6 concurrent orders for a slot of capacity 2', async () => {
    const [slot] = await slotsOf(pickup, dayAhead(5, 'America/Sao_Paulo'))
    const before = await tableCounts(t.db)
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        client.post(`/api/shops/${slug}/orders`, {
          items: [{ sku: 'BREAD', quantity: 1 }],
          customer: { name: `Buyer ${i}` },
          shippingMethodId: pickup,
          slotId: slot?.id,
        }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409])
    for (const r of results.filter((r) => r.status === 409)) {
      expect(r.body.error).toMatchObject({ code: 'slot_full', field: 'slotId' })
    }
    const after = await tableCounts(t.db)
    expect(Number(after.orders) - Number(before.orders)).toBe(2)
    expect((await slotsOf(pickup, dayAhead(5, 'America/Sao_Paulo')))[0]?.remaining).toBe(0)
  })

  it('should give the place back when an order lapses or is cancelled', async () => {
    const from = dayAhead(6, 'America/Sao_Paulo')
    const [slot] = await slotsOf(pickup, from)
    const first = await order({ shippingMethodId: pickup, slotId: slot?.id })
    const second = await order({ shippingMethodId: pickup, slotId: slot?.id })
    expect([first.status, second.status]).toEqual([201, 201])
    expect((await order({ shippingMethodId: pickup, slotId: slot?.id })).status).toBe(409)
    await t.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('code', '=', first.body.code)
      .execute()
    await expireDueOrders(t.db)
    expect((await slotsOf(pickup, from))[0]?.remaining).toBe(1)
    const cancelled = await client.patch(`/api/shops/${slug}/orders/${second.body.code}`, {
      status: 'cancelled',
    })
    expect(cancelled.status, cancelled.text).toBe(200)
    expect((await slotsOf(pickup, from))[0]?.remaining).toBe(2)
  })

  it('should filter the owner’s orders by the day of their slot, in the shop’s zone', async () => {
    const day = dayAhead(8, 'America/Sao_Paulo')
    const slots = await slotsOf(pickup, day)
    // The last slot of the day, 11:00–12:00 local, is 14:00 UTC the same day.
    const late = slots.find((s) => s.id === `${day}T14:00Z`)
    const placed = await order({ shippingMethodId: pickup, slotId: late?.id })
    expect(placed.status, placed.text).toBe(201)
    const list = await client.get(`/api/shops/${slug}/orders?day=${day}`)
    expect(list.body.orders.map((o: { code: string }) => o.code)).toEqual([placed.body.code])
    const other = await client.get(`/api/shops/${slug}/orders?day=${dayAhead(9, 'UTC')}`)
    expect(other.body.orders).toEqual([])
    const bad = await client.get(`/api/shops/${slug}/orders?day=tomorrow`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('day')
  })
})
