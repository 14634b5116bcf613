import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertImage } from '../../db/images.queries.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

describe.each(testEngines())('widget settings API on %s', (engine) => {
  let testDb: TestDatabase
  let owner: TestClient
  let slug: string

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    owner = new TestClient(
      createTestApp({ db: testDb.db, config: { publicUrl: 'https://chat.example' } }),
    )
    slug = await owner.signupWithShop()
  })
  afterAll(() => testDb.destroy())

  it('should answer the defaults and the embed snippet before anything is saved', async () => {
    const res = await owner.get(`/api/shops/${slug}/widget`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(res.body).toMatchObject({
      position: 'right',
      offsetX: 20,
      offsetY: 20,
      color: '#25d366',
      theme: 'auto',
      idleLoad: false,
      channels: [],
      teams: [],
      rules: [],
      triggers: { afterSeconds: null, scrollPercent: null, onceADay: true },
      consent: { enabled: false, text: '', url: null },
      avatarUrl: null,
      snippet: `<script src="https://chat.example/widget.js" data-shop="${slug}" async></script>`,
    })
  })

  it('should save every field and answer them back', async () => {
    const settings = {
      position: 'left',
      offsetX: 12,
      offsetY: 40,
      color: '#FF0066',
      zIndex: 1000,
      greeting: 'Hi there! Ask us anything.',
      replyTime: 'Usually replies within an hour',
      message: 'Hello, about {product} on {url}',
      channels: [
        { type: 'whatsapp' },
        { type: 'telegram', value: '@acme_shop' },
        { type: 'email', value: 'hello@acme.example' },
        { type: 'sms', value: '+33 6 12 34 56 78' },
      ],
      teams: [
        {
          name: 'Ana',
          role: 'Sales',
          channel: 'whatsapp',
          value: '+34 612 345 678',
          hours: { mon: [['09:00', '18:00']], fri: [['22:00', '02:00']] },
        },
      ],
      rules: [
        { pattern: '/checkout*', hide: true },
        { pattern: '/products/*', message: 'About {product}' },
      ],
      triggers: { afterSeconds: 30, scrollPercent: 50, onceADay: true },
      consent: {
        enabled: true,
        text: 'I accept the privacy policy',
        url: 'https://acme.example/p',
      },
      idleLoad: true,
      theme: 'dark',
    }
    const res = await owner.put(`/api/shops/${slug}/widget`, settings)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      ...settings,
      color: '#ff0066',
      channels: [
        { type: 'whatsapp' },
        { type: 'telegram', value: 'acme_shop' },
        { type: 'email', value: 'hello@acme.example' },
        { type: 'sms', value: '33612345678' },
      ],
      teams: [{ name: 'Ana', role: 'Sales', value: '34612345678', photoImage: null }],
    })
    const again = await owner.get(`/api/shops/${slug}/widget`)
    expect(again.body).toEqual(res.body)
  })

  it('should put left-out fields back to their defaults', async () => {
    await owner.put(`/api/shops/${slug}/widget`, { position: 'left', theme: 'light' })
    const res = await owner.put(`/api/shops/${slug}/widget`, { greeting: 'Hello' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ greeting: 'Hello', position: 'right', theme: 'auto' })
  })

  it.each([
    [{ position: 'top' }, 'position'],
    [{ offsetX: -1 }, 'offsetX'],
    [{ offsetY: 1.5 }, 'offsetY'],
    [{ color: 'red' }, 'color'],
    [{ zIndex: 2147483648 }, 'zIndex'],
    [{ greeting: 'x'.repeat(501) }, 'greeting'],
    [{ replyTime: 'x'.repeat(101) }, 'replyTime'],
    [{ avatarImage: 'not-a-hash' }, 'avatarImage'],
    [{ channels: [{ type: 'fax', value: '1' }] }, 'channels.0.type'],
    [{ channels: [{ type: 'email', value: 'nope' }] }, 'channels.0.value'],
    [{ channels: [{ type: 'sms', value: '06 12' }] }, 'channels.0.value'],
    [{ channels: [{ type: 'telegram', value: 'a b' }] }, 'channels.0.value'],
    [{ channels: [{ type: 'whatsapp', extra: 1 }] }, 'channels.0.extra'],
    [{ teams: [{ name: '', channel: 'whatsapp', value: '33612345678' }] }, 'teams.0.name'],
    [{ teams: [{ name: 'A', channel: 'phone', value: 'x' }] }, 'teams.0.value'],
    [
      {
        teams: [
          { name: 'A', channel: 'whatsapp', value: '33612345678', hours: { mon: [['9', '5']] } },
        ],
      },
      'teams.0.hours.mon.0.0',
    ],
    [{ rules: [{ pattern: 'javascript:alert(1)' }] }, 'rules.0.pattern'],
    [{ rules: [{ pattern: '/x', hide: 'yes' }] }, 'rules.0.hide'],
    [{ triggers: { afterSeconds: 0 } }, 'triggers.afterSeconds'],
    [{ triggers: { scrollPercent: 101 } }, 'triggers.scrollPercent'],
    [{ consent: { enabled: true } }, 'consent.text'],
    [{ consent: { url: 'javascript:alert(1)' } }, 'consent.url'],
    [{ idleLoad: 'true' }, 'idleLoad'],
    [{ theme: 'blue' }, 'theme'],
    [{ bogus: true }, 'bogus'],
  ])('should refuse %j naming the field, and change nothing', async (body, field) => {
    const before = await owner.get(`/api/shops/${slug}/widget`)
    const counts = await tableCounts(testDb.db)
    const res = await owner.put(`/api/shops/${slug}/widget`, body)
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe(field)
    expect(await tableCounts(testDb.db)).toEqual(counts)
    expect((await owner.get(`/api/shops/${slug}/widget`)).body).toEqual(before.body)
  })

  it('should refuse an avatar that is not an image of this shop', async () => {
    const res = await owner.put(`/api/shops/${slug}/widget`, { avatarImage: 'a'.repeat(32) })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'not_found', field: 'avatarImage' })
  })

  it('should accept an avatar uploaded to this shop and answer its URL', async () => {
    const shop = await testDb.db
      .selectFrom('shops')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    const hash = 'b'.repeat(32)
    const bytes = new Uint8Array([1, 2, 3])
    await insertImage(testDb.db, {
      shopId: shop.id,
      hash,
      width: 1,
      height: 1,
      display: bytes,
      thumb: bytes,
    })
    const res = await owner.put(`/api/shops/${slug}/widget`, {
      avatarImage: hash,
      teams: [{ name: 'Bo', channel: 'phone', value: '33612345678', photoImage: hash }],
    })
    expect(res.status).toBe(200)
    expect(res.body.avatarUrl).toBe(`https://chat.example/media/${hash}-thumb.webp`)
  })

  it('should answer 404 for another merchant, and 401 without a session', async () => {
    const other = new TestClient(createTestApp({ db: testDb.db }))
    await other.signup()
    expect((await other.get(`/api/shops/${slug}/widget`)).status).toBe(404)
    expect((await other.put(`/api/shops/${slug}/widget`, {})).status).toBe(404)
    const anonymous = new TestClient(createTestApp({ db: testDb.db }))
    expect((await anonymous.get(`/api/shops/${slug}/widget`)).status).toBe(401)
  })

  it('should refuse a body that is not JSON', async () => {
    const res = await owner.request('PUT', `/api/shops/${slug}/widget`, 'position=left', {
      'content-type': 'application/x-www-form-urlencoded',
    })
    expect(res.status).toBe(415)
  })
})
