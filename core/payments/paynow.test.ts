import { describe, expect, it } from 'vitest'
import { decodeEmv, emvValue } from './emv.ts'
import { PaymentSettingsError } from './payment-order.ts'
import { normalizePayNowProxy, payNowQr, validatePayNowSettings } from './paynow.ts'

/**
 * A PayNow code published as the expected output of the test suite of the PayNowQR Swift
 * package (UEN 201101550Z, "Qryptal", SGD 50.00, reference AJ, amount not editable, expiring
 * 27 November 2020): the SGQR specification itself is not public, so this is the closest
 * published example whose inputs are all known.
 */
const QRYPTAL_EXAMPLE =
  '00020101021226490009SG.PAYNOW010120210201101550Z03010040820201127520400005303702540550.00' +
  '5802SG5907Qryptal6009Singapore62060102AJ630488E9'

const shop = { proxyType: 'mobile', proxyValue: '9123 4567', merchantName: 'Kopi Tiam Ah Bèng' }
const order = { amount: 1234, currency: 'SGD', code: 'K7Q2M9' }

function settingsError(make: () => unknown): PaymentSettingsError {
  try {
    make()
  } catch (error) {
    if (error instanceof PaymentSettingsError) return error
    throw error
  }
  throw new Error('expected a PaymentSettingsError')
}

describe('payNowQr', () => {
  it('should reproduce the published UEN example byte for byte, expiry day included', () => {
    const code = payNowQr(
      { proxyType: 'uen', proxyValue: '201101550Z', merchantName: 'Qryptal' },
      { amount: 5000, currency: 'SGD', code: 'AJ' },
      // 00:30 on the 27th in Singapore is still the 26th in UTC.
      { expiresAt: new Date('2020-11-26T16:30:00Z') },
    )
    expect(code).toBe(QRYPTAL_EXAMPLE)
  })

  it('should carry a mobile proxy, the amount in dollars and the code as bill number', () => {
    // CRC 93AB checked with Python's binascii.crc_hqx(payload, 0xFFFF), another implementation.
    expect(payNowQr({ ...shop, proxyType: 'mobile' }, order)).toBe(
      '00020101021226380009SG.PAYNOW010100211+659123456703010520400005303702540512.345802SG' +
        '5917Kopi Tiam Ah Beng6009Singapore62100106K7Q2M9630493AB',
    )
  })

  it('should round-trip through the decoder with the SGQR fields', () => {
    const fields = decodeEmv(payNowQr({ ...shop, proxyType: 'mobile', editable: true }, order))
    expect(emvValue(fields, '01')).toBe('12')
    expect(emvValue(fields, '26', '00')).toBe('SG.PAYNOW')
    expect(emvValue(fields, '26', '01')).toBe('0')
    expect(emvValue(fields, '26', '02')).toBe('+6591234567')
    expect(emvValue(fields, '26', '03')).toBe('1')
    expect(emvValue(fields, '26', '04')).toBeUndefined()
    expect(emvValue(fields, '53')).toBe('702')
    expect(emvValue(fields, '54')).toBe('12.34')
    expect(emvValue(fields, '58')).toBe('SG')
    expect(emvValue(fields, '59')).toBe('Kopi Tiam Ah Beng')
    expect(emvValue(fields, '62', '01')).toBe('K7Q2M9')
  })

  it('should write a non-Latin merchant name in ASCII, at most 25 characters', () => {
    const fields = decodeEmv(
      payNowQr(
        { ...shop, proxyType: 'mobile', merchantName: '老陈咖啡店 Old Chen Coffee Shop' },
        order,
      ),
    )
    expect(emvValue(fields, '59')).toMatch(/^[\x20-\x7e]{1,25}$/)
    expect(emvValue(fields, '59')).toMatch(/^Lao Chen/)
  })

  it('should refuse other currencies and amounts over 13 characters, naming the field', () => {
    const mobile = { ...shop, proxyType: 'mobile' as const }
    expect(settingsError(() => payNowQr(mobile, { ...order, currency: 'MYR' })).field).toBe(
      'currency',
    )
    expect(settingsError(() => payNowQr(mobile, { ...order, amount: 1e12 })).field).toBe('amount')
  })
})

describe('normalizePayNowProxy', () => {
  it('should write Singapore mobile numbers as +65 and eight digits', () => {
    for (const typed of ['91234567', '+65 9123 4567', '6591234567', '0065-9123-4567']) {
      expect(normalizePayNowProxy('mobile', typed)).toBe('+6591234567')
    }
    expect(normalizePayNowProxy('mobile', '6123 4567')).toMatchObject({ field: 'proxyValue' })
    expect(normalizePayNowProxy('mobile', '+60 12 345 6789')).toMatchObject({ field: 'proxyValue' })
  })

  it('should accept the three UEN shapes in upper case and refuse others', () => {
    expect(normalizePayNowProxy('uen', '53312345a')).toBe('53312345A')
    expect(normalizePayNowProxy('uen', '201403121W')).toBe('201403121W')
    expect(normalizePayNowProxy('uen', 'T08LL0001A')).toBe('T08LL0001A')
    expect(normalizePayNowProxy('uen', '2014031210')).toMatchObject({
      field: 'proxyValue',
      code: 'invalid_uen',
    })
  })
})

describe('validatePayNowSettings', () => {
  it('should name the field of bad settings', () => {
    expect(validatePayNowSettings({ ...shop, proxyType: 'mobile' })).toBeNull()
    expect(
      validatePayNowSettings({ ...shop, proxyType: 'nric' as 'mobile', proxyValue: 'S1234567D' }),
    ).toMatchObject({ field: 'proxyType' })
    expect(
      validatePayNowSettings({ ...shop, proxyType: 'mobile', merchantName: '…' }),
    ).toMatchObject({ field: 'merchantName' })
  })
})
