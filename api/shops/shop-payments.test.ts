import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const STRIPE = { secretKey: 'sk_test_1', webhookSecret: 'whsec_1', apiUrl: undefined }

describe.each(testEngines())('shop payment methods (%s)', (engine) => {
  let testDb: TestDatabase

  beforeAll(async () => {
    testDb = await createTestDb(engine)
  })
  afterAll(() => testDb.destroy())

  async function shopWith(currency: string, stripe = false) {
    const client = new TestClient(
      createTestApp({ db: testDb.db, config: stripe ? { stripe: STRIPE } : {} }),
    )
    const slug = await client.signupWithShop(undefined, { currency })
    return { client, slug }
  }

  async function storedPayments(slug: string) {
    const row = await testDb.db
      .selectFrom('shops')
      .select(['payments', 'currency'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    return row
  }

  it('should save each method for its currency and give it back', async () => {
    const cases = [
      {
        currency: 'BRL',
        method: { type: 'pix', key: '52998224725', merchantName: 'Loja', merchantCity: 'Recife' },
      },
      { currency: 'INR', method: { type: 'upi', vpa: 'shop@okaxis', payeeName: 'Chai' } },
      {
        currency: 'EUR',
        method: { type: 'sepa', iban: 'DE89370400440532013000', beneficiary: 'Klee' },
      },
      {
        currency: 'SGD',
        method: {
          type: 'paynow',
          proxyType: 'uen',
          proxyValue: '201403121W',
          merchantName: 'ACME',
        },
      },
      { currency: 'THB', method: { type: 'promptpay', id: '0812345678' } },
    ]
    for (const { currency, method } of cases) {
      const { client, slug } = await shopWith(currency)
      const payments = [
        method,
        { type: 'cash' },
        { type: 'bank', instructions: 'Pay to account 123' },
      ]
      const res = await client.patch(`/api/shops/${slug}`, { payments })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.payments).toEqual(payments)
      expect((await storedPayments(slug)).payments).toEqual(payments)
      expect((await client.get(`/api/shops/${slug}`)).body.payments).toEqual(payments)
    }
  })

  it('should take payments when the shop is created', async () => {
    const { client } = await shopWith('EUR')
    const res = await client.post('/api/shops', {
      slug: `pay-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Pão',
      whatsappPhone: '+55 11 91234 5678',
      currency: 'BRL',
      payments: [{ type: 'pix', key: '52998224725', merchantName: 'Loja', merchantCity: 'Recife' }],
    })
    expect(res.status).toBe(201)
    expect(res.body.payments).toHaveLength(1)
    const bad = await client.post('/api/shops', {
      slug: `pay-${Math.random().toString(36).slice(2, 8)}`,
      name: 'Pão',
      whatsappPhone: '+55 11 91234 5678',
      currency: 'EUR',
      payments: [{ type: 'pix', key: '52998224725', merchantName: 'Loja', merchantCity: 'Recife' }],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatchObject({ field: 'payments.0.type', code: 'unsupported_currency' })
  })

  it.each([
    [
      'EUR',
      [{ type: 'sepa', iban: 'DE89370400440532013001', beneficiary: 'Klee' }],
      'payments.0.iban',
    ],
    [
      'EUR',
      [{ type: 'cash' }, { type: 'pix', key: '52998224725', merchantName: 'L', merchantCity: 'R' }],
      'payments.1.type',
    ],
    ['EUR', [{ type: 'bank', instructions: '   ' }], 'payments.0.instructions'],
    ['EUR', [{ type: 'cash' }, { type: 'cash' }], 'payments'],
    ['EUR', [{ type: 'card' }], 'payments.0.type'],
    ['EUR', [{ type: 'cash', extra: 1 }], 'payments.0.extra'],
    ['INR', [{ type: 'upi', vpa: 'no-at-sign', payeeName: 'Chai' }], 'payments.0.vpa'],
    ['EUR', [{ type: 'stripe' }], 'payments.0.type'],
  ])(
    'should refuse a %s shop %j naming %s and change nothing',
    async (currency, payments, field) => {
      const { client, slug } = await shopWith(currency)
      const before = await storedPayments(slug)
      const res = await client.patch(`/api/shops/${slug}`, { payments, name: 'Renamed' })
      expect(res.status).toBe(400)
      expect(res.body.error.field).toBe(field)
      expect(await storedPayments(slug)).toEqual(before)
      expect((await client.get(`/api/shops/${slug}`)).body.name).toBe('Test Shop')
    },
  )

  it('should take stripe when the server has keys, for a currency Stripe charges', async () => {
    const { client, slug } = await shopWith('EUR', true)
    const res = await client.patch(`/api/shops/${slug}`, { payments: [{ type: 'stripe' }] })
    expect(res.status).toBe(200)
    expect(res.body.payments).toEqual([{ type: 'stripe' }])
  })

  it('should refuse a new currency that a kept method does not move', async () => {
    const { client, slug } = await shopWith('EUR')
    const sepa = { type: 'sepa', iban: 'DE89370400440532013000', beneficiary: 'Klee' }
    expect((await client.patch(`/api/shops/${slug}`, { payments: [sepa] })).status).toBe(200)
    const res = await client.patch(`/api/shops/${slug}`, { currency: 'USD' })
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ field: 'payments.0.type', code: 'unsupported_currency' })
    expect(await storedPayments(slug)).toEqual({ payments: [sepa], currency: 'EUR' })
  })
})
