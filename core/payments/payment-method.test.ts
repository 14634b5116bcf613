import { describe, expect, it } from 'vitest'
import { decodeEmv, emvValue } from './emv.ts'
import {
  type PaymentMethod,
  paymentMethodSupports,
  paymentRequest,
  validatePaymentMethod,
} from './payment-method.ts'
import { PaymentSettingsError } from './payment-order.ts'
import { decodeEpcQr } from './sepa.ts'

const METHODS: { method: PaymentMethod; currency: string }[] = [
  {
    method: { type: 'pix', key: '52998224725', merchantName: 'Loja', merchantCity: 'Recife' },
    currency: 'BRL',
  },
  { method: { type: 'upi', vpa: 'shop@okaxis', payeeName: 'Chai' }, currency: 'INR' },
  {
    method: { type: 'sepa', iban: 'DE89370400440532013000', beneficiary: 'Klee' },
    currency: 'EUR',
  },
  {
    method: { type: 'paynow', proxyType: 'uen', proxyValue: '201403121W', merchantName: 'ACME' },
    currency: 'SGD',
  },
  { method: { type: 'promptpay', id: '0812345678' }, currency: 'THB' },
]

describe('paymentMethodSupports', () => {
  it('should offer each transfer method in its one currency, and cash and bank in any', () => {
    for (const { method, currency } of METHODS) {
      expect(paymentMethodSupports(method.type, currency)).toBe(true)
      for (const other of ['BRL', 'INR', 'EUR', 'SGD', 'THB', 'JPY'].filter(
        (c) => c !== currency,
      )) {
        expect(paymentMethodSupports(method.type, other)).toBe(false)
      }
    }
    expect(paymentMethodSupports('cash', 'JPY')).toBe(true)
    expect(paymentMethodSupports('bank', 'KWD')).toBe(true)
  })
})

describe('validatePaymentMethod', () => {
  it('should pass good settings of every method', () => {
    for (const { method, currency } of METHODS)
      expect(validatePaymentMethod(method, currency)).toBeNull()
    expect(validatePaymentMethod({ type: 'cash' }, 'JPY')).toBeNull()
  })

  it('should refuse a method in a currency it does not move, naming the type', () => {
    expect(validatePaymentMethod({ type: 'promptpay', id: '0812345678' }, 'EUR')).toMatchObject({
      field: 'type',
      code: 'unsupported_currency',
    })
  })

  it("should pass on each method's reason with its field", () => {
    expect(
      validatePaymentMethod(
        { type: 'sepa', iban: 'DE89370400440532013001', beneficiary: 'K' },
        'EUR',
      ),
    ).toMatchObject({ field: 'iban', code: 'invalid_iban_checksum' })
    expect(validatePaymentMethod({ type: 'bank', instructions: '  ' }, 'EUR')).toMatchObject({
      field: 'instructions',
    })
  })
})

describe('paymentRequest', () => {
  it('should give every transfer method a payload with the amount and the order code', () => {
    for (const { method, currency } of METHODS) {
      const order = { amount: 1234, currency, code: 'K7Q2M9' }
      const request = paymentRequest(method, order, { note: 'Order K7Q2M9' })
      expect(request.type).toBe(method.type)
      switch (request.type) {
        case 'pix':
          expect(emvValue(decodeEmv(request.brCode), '62', '05')).toBe('K7Q2M9')
          expect(emvValue(decodeEmv(request.brCode), '54')).toBe('12.34')
          break
        case 'paynow':
        case 'promptpay': {
          const fields = decodeEmv(request.emvQr)
          expect(emvValue(fields, '54')).toBe('12.34')
          expect(request.emvQr).toContain('K7Q2M9')
          break
        }
        case 'upi':
          expect(new URL(request.upiUrl).searchParams.get('tr')).toBe('K7Q2M9')
          expect(new URL(request.upiUrl).searchParams.get('tn')).toBe('Order K7Q2M9')
          break
        case 'sepa':
          expect(decodeEpcQr(request.epcQr)).toMatchObject({ amount: 1234, text: 'Order K7Q2M9' })
          break
        default:
          throw new Error(`unexpected ${request.type}`)
      }
    }
  })

  it('should pass cash and bank instructions through', () => {
    const order = { amount: 500, currency: 'JPY', code: 'K7Q2M9' }
    expect(paymentRequest({ type: 'cash' }, order)).toEqual({ type: 'cash' })
    expect(paymentRequest({ type: 'bank', instructions: 'Furikomi' }, order)).toEqual({
      type: 'bank',
      instructions: 'Furikomi',
    })
  })

  it('should write the PayNow expiry day from the order', () => {
    const request = paymentRequest(
      { type: 'paynow', proxyType: 'uen', proxyValue: '201403121W', merchantName: 'ACME' },
      { amount: 199, currency: 'SGD', code: 'K7Q2M9' },
      { expiresAt: new Date('2026-12-31T15:59:59Z') },
    )
    expect(request.type === 'paynow' && emvValue(decodeEmv(request.emvQr), '26', '04')).toBe(
      '20261231',
    )
  })

  it('should throw a PaymentSettingsError naming the field for an order in another currency', () => {
    const pix = METHODS[0]?.method
    if (!pix) throw new Error('no pix method')
    expect(() => paymentRequest(pix, { amount: 100, currency: 'JPY', code: 'K7Q2M9' })).toThrow(
      PaymentSettingsError,
    )
  })
})
