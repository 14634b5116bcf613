import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const valid = { name: 'Maison Test', whatsappPhone: '+33 6 12 34 56 78', currency: 'EUR' }

describe.each(testEngines())('shops on %s', (engine) => {
  let t: TestDatabase
  let client: () => TestClient
  beforeAll(async () => {
    t = await createTestDb(engine)
    const app = createTestApp({ db: t.db })
    client = () => new TestClient(app)
  })
  afterAll(() => t.destroy())

  it('should create a published shop with a normalised number and defaults', async () => {
    const c = client()
    await c.signup()
    const res = await c.post('/api/shops', { ...valid, slug: 'maison-test' })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      slug: 'maison-test',
      url: 'http://localhost:3000/maison-test',
      whatsappPhone: '33612345678',
      currency: 'EUR',
      locale: 'en',
      timezone: 'UTC',
      published: true,
      whatsappPhoneNumberId: null,
    })
  })

  it('should normalise 00-prefixed numbers and canonicalise the locale', async () => {
    const c = client()
    await c.signup()
    const res = await c.post('/api/shops', {
      ...valid,
      slug: 'zero-zero',
      whatsappPhone: '0033 6 12 34 56 78',
      locale: 'pt-br',
      timezone: 'America/Sao_Paulo',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ whatsappPhone: '33612345678', locale: 'pt-BR' })
  })

  it.each([
    [{ slug: 'admin' }, 'slug'],
    [{ slug: 'ab' }, 'slug'],
    [{ slug: 'Has Caps' }, 'slug'],
    [{ slug: '-dash' }, 'slug'],
    [{ slug: 'a'.repeat(41) }, 'slug'],
    [{ slug: 'ok-slug', whatsappPhone: 'abc' }, 'whatsappPhone'],
    [{ slug: 'ok-slug', whatsappPhone: '+33 6 12' }, 'whatsappPhone'],
    [{ slug: 'ok-slug', whatsappPhone: '+1234567890123456' }, 'whatsappPhone'],
    [{ slug: 'ok-slug', currency: 'EURO' }, 'currency'],
    [{ slug: 'ok-slug', locale: 'not a locale!' }, 'locale'],
    [{ slug: 'ok-slug', timezone: 'Mars/Base' }, 'timezone'],
    [{ slug: 'ok-slug', businessHours: { mon: [['9am', '5pm']] } }, 'businessHours.mon.0.0'],
    [{ slug: 'ok-slug', businessHours: { mon: [['09:00', '24:30']] } }, 'businessHours.mon.0.1'],
    [{ slug: 'ok-slug', closedDates: [{ date: '2026-02-30' }] }, 'closedDates.0.date'],
    [{ slug: 'ok-slug', closedDates: [{ date: '25/12/2026' }] }, 'closedDates.0.date'],
    [{ slug: 'ok-slug', colour: 'red' }, 'colour'],
  ])('should refuse %j naming field %s and write nothing', async (patch, field) => {
    const c = client()
    await c.signup()
    const before = await tableCounts(t.db)
    const res = await c.post('/api/shops', { ...valid, ...patch })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe(field)
    expect(res.body.error.code).toMatch(/^(invalid|unknown_field)$/)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse a taken slug with 409', async () => {
    const a = client()
    await a.signup()
    expect((await a.post('/api/shops', { ...valid, slug: 'only-once' })).status).toBe(201)
    const b = client()
    await b.signup()
    const res = await b.post('/api/shops', { ...valid, slug: 'only-once' })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'taken', field: 'slug' })
  })

  it('should answer slug availability', async () => {
    const c = client()
    await c.signup()
    await c.post('/api/shops', { ...valid, slug: 'avail-taken' })
    expect((await c.get('/api/slug-availability/avail-taken')).body).toMatchObject({
      available: false,
    })
    expect((await c.get('/api/slug-availability/avail-free')).body).toEqual({ available: true })
    expect((await c.get('/api/slug-availability/api')).body).toMatchObject({ available: false })
  })

  it('should list only my shops', async () => {
    const a = client()
    await a.signup()
    await a.post('/api/shops', { ...valid, slug: 'mine-one' })
    await a.post('/api/shops', { ...valid, slug: 'mine-two' })
    const b = client()
    await b.signup()
    await b.post('/api/shops', { ...valid, slug: 'theirs' })
    const res = await a.get('/api/shops')
    expect(res.status).toBe(200)
    expect(res.body.shops.map((s: { slug: string }) => s.slug)).toEqual(['mine-one', 'mine-two'])
  })

  it('should update settings, unpublish, and keep untouched fields', async () => {
    const c = client()
    await c.signup()
    await c.post('/api/shops', { ...valid, slug: 'patch-me', description: 'Before' })
    const res = await c.patch('/api/shops/patch-me', {
      name: 'After',
      whatsappPhoneNumberId: '106540352242922',
      published: false,
      businessHours: { mon: [['09:00', '18:00']] },
      channels: { instagram: 'maison', email: 'hi@example.com' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'After',
      description: 'Before',
      whatsappPhoneNumberId: '106540352242922',
      published: false,
      businessHours: { mon: [['09:00', '18:00']] },
      channels: { instagram: 'maison', email: 'hi@example.com' },
    })
    expect((await c.get('/api/shops/patch-me')).body.name).toBe('After')
  })

  it('should keep two ranges a day and closed dates, in date order', async () => {
    const c = client()
    await c.signup()
    await c.post('/api/shops', { ...valid, slug: 'two-ranges' })
    const businessHours = {
      mon: [
        ['09:00', '12:30'],
        ['14:00', '19:00'],
      ],
      sat: [['22:00', '02:00']],
    }
    const res = await c.patch('/api/shops/two-ranges', {
      businessHours,
      timezone: 'Europe/Paris',
      closedDates: [
        { date: '2026-12-25', label: ' Noël ' },
        { date: '2026-08-15' },
        { date: '2026-12-24', label: '' },
      ],
      channels: { telegram: 'maison_test', messenger: 'maison.test', phone: '+33 1 23 45 67 89' },
    })
    expect(res.status).toBe(200)
    const expected = {
      businessHours,
      timezone: 'Europe/Paris',
      closedDates: [
        { date: '2026-08-15' },
        { date: '2026-12-24' },
        { date: '2026-12-25', label: 'Noël' },
      ],
      channels: { telegram: 'maison_test', messenger: 'maison.test', phone: '33123456789' },
    }
    expect(res.body).toMatchObject(expected)
    expect((await c.get('/api/shops/two-ranges')).body).toMatchObject(expected)
    // Leaving closedDates out keeps them; an empty list clears them.
    expect((await c.patch('/api/shops/two-ranges', { name: 'Renamed' })).body.closedDates).toEqual(
      expected.closedDates,
    )
    expect((await c.patch('/api/shops/two-ranges', { closedDates: [] })).body.closedDates).toEqual(
      [],
    )
  })

  const badUpdates: [Record<string, unknown>, string, string][] = [
    [
      {
        businessHours: {
          tue: [
            ['09:00', '13:00'],
            ['12:00', '18:00'],
          ],
        },
      },
      'businessHours.tue',
      'overlap',
    ],
    [{ businessHours: { tue: [['9:00', '13:00']] } }, 'businessHours.tue.0.0', 'invalid'],
    [{ closedDates: [{ date: '2026-05-01' }, { date: '2026-05-01' }] }, 'closedDates', 'duplicate'],
    [
      {
        closedDates: Array.from({ length: 101 }, (_, i) => ({
          date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
        })),
      },
      'closedDates',
      'invalid',
    ],
    [
      { closedDates: [{ date: '2026-05-01', label: 'x'.repeat(101) }] },
      'closedDates.0.label',
      'invalid',
    ],
    [{ closedDates: [{ date: '2026-05-01', note: 'x' }] }, 'closedDates.0.note', 'unknown_field'],
    [{ closedDates: null }, 'closedDates', 'invalid'],
    [{ timezone: 'Europe/Atlantis' }, 'timezone', 'invalid'],
    [{ channels: { email: 'not-an-address' } }, 'channels.email', 'invalid'],
    [{ channels: { phone: '12' } }, 'channels.phone', 'invalid'],
    [{ channels: { instagram: '   ' } }, 'channels.instagram', 'invalid'],
    [{ channels: { tiktok: 'x' } }, 'channels.tiktok', 'unknown_field'],
  ]
  it.each(badUpdates.map(([patch, field, code], n) => ({ patch, field, code, n })))(
    'should refuse a bad $field ($code) naming it and change nothing',
    async ({ patch, field, code, n }) => {
      const c = client()
      await c.signup()
      const slug = `bad-update-${n}`
      await c.post('/api/shops', { ...valid, slug, closedDates: [{ date: '2026-01-01' }] })
      const before = (await c.get(`/api/shops/${slug}`)).body
      const res = await c.patch(`/api/shops/${slug}`, patch)
      expect(res.status).toBe(400)
      expect(res.body.error).toMatchObject({ field, code })
      expect((await c.get(`/api/shops/${slug}`)).body).toEqual(before)
    },
  )

  it('should show new settings in the public catalog and the storefront at once', async () => {
    const c = client()
    await c.signup()
    await c.post('/api/shops', { ...valid, slug: 'fresh-name' })
    expect((await c.get('/api/shops/fresh-name/catalog')).body.shop.name).toBe('Maison Test')
    await c.patch('/api/shops/fresh-name', { name: 'Maison Neuve' })
    expect((await c.get('/api/shops/fresh-name/catalog')).body.shop.name).toBe('Maison Neuve')
    expect((await c.get('/fresh-name')).text).toContain('Maison Neuve')
  })

  it('should refuse a phone number id that another shop uses', async () => {
    const a = client()
    await a.signup()
    await a.post('/api/shops', { ...valid, slug: 'pnid-a', whatsappPhoneNumberId: '5550001' })
    const b = client()
    await b.signup()
    await b.post('/api/shops', { ...valid, slug: 'pnid-b' })
    const res = await b.patch('/api/shops/pnid-b', { whatsappPhoneNumberId: '5550001' })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'taken', field: 'whatsappPhoneNumberId' })
  })

  it('should refuse a logo that is not an image of this shop', async () => {
    const c = client()
    await c.signup()
    await c.post('/api/shops', { ...valid, slug: 'logo-shop' })
    const res = await c.patch('/api/shops/logo-shop', { logoImage: 'a'.repeat(32) })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('logoImage')
  })

  it("should answer 404 for another merchant's shop, exactly as for a missing one", async () => {
    const a = client()
    await a.signup()
    await a.post('/api/shops', { ...valid, slug: 'private-a' })
    const b = client()
    await b.signup()
    const theirs = await b.get('/api/shops/private-a')
    const missing = await b.get('/api/shops/no-such-shop')
    expect(theirs.status).toBe(404)
    expect(theirs.body).toEqual(missing.body)
    expect((await b.patch('/api/shops/private-a', { name: 'Hijacked' })).status).toBe(404)
    expect((await a.get('/api/shops/private-a')).body.name).toBe('Maison Test')
  })

  it('should refuse a body that is not JSON with 415 and malformed JSON with 400', async () => {
    const c = client()
    await c.signup()
    const form = await c.request('POST', '/api/shops', 'slug=x', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(415)
    const broken = await c.request('POST', '/api/shops', '{"slug": ', {
      'content-type': 'application/json',
    })
    expect(broken.status).toBe(400)
    expect(broken.body.error.code).toBe('invalid_json')
  })
})
