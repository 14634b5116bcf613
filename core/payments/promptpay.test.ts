import { describe, expect, it } from 'vitest'
import { decodeEmv, type EmvField } from './emv.ts'
import { PaymentSettingsError } from './payment-order.ts'
import { normalizePromptPayId, promptPayQr, validatePromptPaySettings } from './promptpay.ts'

/**
 * Expected payloads of the test suite of promptpay-qr (github.com/dtinth/promptpay-qr), the
 * reference implementation Thai developers use: a phone number with THB 4.22, and a 13-digit
 * tax ID without amount. It writes country 58 before currency 53, which the EMV order allows;
 * ours are compared with them field by field.
 */
const PUBLISHED_WITH_AMOUNT =
  '00020101021229370016A000000677010111011300660000000005802TH530376454044.226304E469'
const PUBLISHED_TAX_ID =
  '00020101021129370016A000000677010111021301234567890125802TH530376463040CBD'

const order = { amount: 1234, currency: 'THB', code: 'K7Q2M9' }

function settingsError(make: () => unknown): PaymentSettingsError {
  try {
    make()
  } catch (error) {
    if (error instanceof PaymentSettingsError) return error
    throw error
  }
  throw new Error('expected a PaymentSettingsError')
}

/** Fields by ID (templates as their values), without the CRC and the additional data. */
function byId(fields: EmvField[]): Record<string, string> {
  return Object.fromEntries(
    fields.filter(({ id }) => id !== '63' && id !== '62').map(({ id, value }) => [id, value]),
  )
}

describe('promptPayQr', () => {
  it('should match the published payload with an amount, field by field', () => {
    const ours = decodeEmv(promptPayQr({ id: '000-000-0000' }, { ...order, amount: 422 }))
    expect(byId(ours)).toEqual(byId(decodeEmv(PUBLISHED_WITH_AMOUNT)))
  })

  it('should carry a tax ID in sub-field 02 as the published payload does', () => {
    const ours = decodeEmv(promptPayQr({ id: '0123456789012' }, order))
    const published = decodeEmv(PUBLISHED_TAX_ID)
    expect(ours.find(({ id }) => id === '29')).toEqual(published.find(({ id }) => id === '29'))
  })

  it('should write the code as reference label and the amount in baht', () => {
    // CRC EE60 checked with Python's binascii.crc_hqx(payload, 0xFFFF), another implementation.
    expect(promptPayQr({ id: '081-234-5678' }, order)).toBe(
      '00020101021229370016A000000677010111011300668123456785303764540512.345802TH' +
        '62100506K7Q2M96304EE60',
    )
  })

  it('should refuse other currencies and bad amounts, naming the field', () => {
    const shop = { id: '0812345678' }
    expect(settingsError(() => promptPayQr(shop, { ...order, currency: 'USD' })).field).toBe(
      'currency',
    )
    expect(settingsError(() => promptPayQr(shop, { ...order, amount: 1.5 })).field).toBe('amount')
    expect(settingsError(() => promptPayQr({ id: '12345' }, order)).field).toBe('id')
  })
})

describe('normalizePromptPayId', () => {
  it('should write Thai mobile numbers as 0066 and nine digits', () => {
    for (const typed of ['0812345678', '081-234-5678', '+66 81 234 5678', '66812345678']) {
      expect(normalizePromptPayId(typed)).toEqual({ kind: 'mobile', id: '0066812345678' })
    }
  })

  it('should take 13 digits as a national or tax ID and 15 as an e-wallet ID', () => {
    expect(normalizePromptPayId('1-1111-11111-11-1')).toEqual({
      kind: 'taxId',
      id: '1111111111111',
    })
    expect(normalizePromptPayId('140000000000000')).toEqual({
      kind: 'eWallet',
      id: '140000000000000',
    })
  })

  it('should refuse letters and other lengths, naming the field', () => {
    for (const typed of ['08123456789', 'abc', '081234567x', '']) {
      expect(normalizePromptPayId(typed)).toMatchObject({
        field: 'id',
        code: 'invalid_promptpay_id',
      })
    }
    expect(validatePromptPaySettings({ id: '0812345678' })).toBeNull()
  })
})
