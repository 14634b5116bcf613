import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const allDay = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]),
)
const today = () => new Date().toISOString().slice(0, 10)

describe.each(testEngines())('storefront opening hours on %s', (engine) => {
  let t: TestDatabase
  let client: TestClient
  beforeAll(async () => {
    t = await createTestDb(engine)
    client = new TestClient(createTestApp({ db: t.db }))
  })
  afterAll(() => t.destroy())

  it('should say the shop is closed on a closed date and when it opens next, in its language', async () => {
    const slug = await client.signupWithShop(undefined, {
      locale: 'fr',
      timezone: 'UTC',
      businessHours: allDay,
      closedDates: [{ date: today(), label: 'Inventaire' }],
    })
    const page = await client.get(`/${slug}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain(
      '<p class="hours">Fermé<span class="next"> · Ouvre demain à 00:00</span></p>',
    )
    expect(page.text).toContain('<summary>Horaires d’ouverture</summary>')
    expect(page.text).toContain('Fermetures exceptionnelles')
    expect(page.text).toContain('(Inventaire)')
  })

  it('should list the week with several ranges a day and closed days', async () => {
    const slug = await client.signupWithShop(undefined, {
      locale: 'en',
      timezone: 'Europe/Paris',
      businessHours: {
        mon: [
          ['09:00', '12:30'],
          ['14:00', '19:00'],
        ],
      },
    })
    const page = await client.get(`/${slug}`)
    expect(page.text).toMatch(
      /<th scope="row">Monday<\/th><td><span class="range">9:00 AM–12:30 PM<\/span><span class="range">2:00 PM–7:00 PM<\/span><\/td>/,
    )
    expect(page.text).toMatch(/<th scope="row">Sunday<\/th><td>Closed<\/td>/)
    expect(page.text).toMatch(/Opens (today|tomorrow|Monday) at (9:00 AM|2:00 PM)/)
  })
})
