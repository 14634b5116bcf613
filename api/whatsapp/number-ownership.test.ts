import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { fullWebhookConfig, startGraphStandIn } from './webhook-test-kit.ts'

type GraphStandIn = Awaited<ReturnType<typeof startGraphStandIn>>

// With an access token, a phone number id is saved only when the Graph API (a stand-in on
// 127.0.0.1 here) says it is the shop's own WhatsApp number.
describe.each(testEngines())('WhatsApp number ownership (%s)', (engine) => {
  let t: TestDatabase
  let slug: string
  let cookie: string
  let graph: GraphStandIn | undefined

  beforeAll(async () => {
    t = await createTestDb(engine)
    const owner = new TestClient(createTestApp({ db: t.db }))
    slug = await owner.signupWithShop(undefined, { whatsappPhone: '+1 555 078 3881' })
    cookie = owner.cookie
  })
  afterEach(async () => {
    await graph?.close()
    graph = undefined
  })
  afterAll(() => t.destroy())

  /** The shop's owner, on an app whose Graph API answers `reply`. */
  async function ownerWithGraph(reply: { status: number; body: unknown }) {
    graph = await startGraphStandIn([reply])
    const owner = new TestClient(
      createTestApp({ db: t.db, config: { whatsapp: fullWebhookConfig(graph.url).whatsapp } }),
    )
    owner.cookie = cookie
    return owner
  }

  it('should save an id that the Graph API says is the shop number', async () => {
    const owner = await ownerWithGraph({
      status: 200,
      body: { display_phone_number: '+1 555-078-3881', id: '1110001' },
    })
    const res = await owner.patch(`/api/shops/${slug}`, { whatsappPhoneNumberId: '1110001' })
    expect(res.status).toBe(200)
    expect(res.body.whatsappPhoneNumberId).toBe('1110001')
    expect(graph?.requests[0]?.url).toBe('/1110001?fields=display_phone_number')
    expect(graph?.requests[0]?.authorization).toMatch(/^Bearer ./)
  })

  it("should refuse an id that is another business's number, and keep the old one", async () => {
    const owner = await ownerWithGraph({
      status: 200,
      body: { display_phone_number: '+44 7700 900123', id: '2220002' },
    })
    const res = await owner.patch(`/api/shops/${slug}`, { whatsappPhoneNumberId: '2220002' })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'number_mismatch',
      field: 'whatsappPhoneNumberId',
    })
    expect((await owner.get(`/api/shops/${slug}`)).body.whatsappPhoneNumberId).toBe('1110001')
  })

  it('should refuse an id the Graph API does not know', async () => {
    const owner = await ownerWithGraph({
      status: 400,
      body: { error: { message: 'Unsupported get request' } },
    })
    const res = await owner.patch(`/api/shops/${slug}`, { whatsappPhoneNumberId: '3330003' })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({
      code: 'unknown_number_id',
      field: 'whatsappPhoneNumberId',
    })
  })

  it('should refuse cleanly when the Graph API cannot be reached', async () => {
    const owner = await ownerWithGraph({ status: 200, body: {} })
    await graph?.close()
    graph = undefined
    const res = await owner.patch(`/api/shops/${slug}`, { whatsappPhoneNumberId: '4440004' })
    expect(res.status).toBe(503)
    expect(res.body.error).toMatchObject({
      code: 'graph_unreachable',
      field: 'whatsappPhoneNumberId',
    })
  })

  it('should refuse as unreachable, not as an unknown id, when the Graph API fails', async () => {
    const owner = await ownerWithGraph({ status: 502, body: { error: { message: 'Bad gateway' } } })
    const res = await owner.patch(`/api/shops/${slug}`, { whatsappPhoneNumberId: '5550005' })
    expect(res.status).toBe(503)
    expect(res.body.error).toMatchObject({
      code: 'graph_unreachable',
      field: 'whatsappPhoneNumberId',
    })
    expect((await owner.get(`/api/shops/${slug}`)).body.whatsappPhoneNumberId).toBe('1110001')
  })
})
