import { describe, expect, it } from 'vitest'
import { PaymentSettingsError } from './payment-order.ts'
import { normalizeVpa, upiUrl, validateUpiSettings } from './upi.ts'

const shop = { vpa: 'ChaiPoint@okaxis', payeeName: 'Chai & Co' }
const order = { amount: 1234, currency: 'INR', code: 'K7Q2M9' }

function settingsError(make: () => unknown): PaymentSettingsError {
  try {
    make()
  } catch (error) {
    if (error instanceof PaymentSettingsError) return error
    throw error
  }
  throw new Error('expected a PaymentSettingsError')
}

/** The link's parameters as the WHATWG URL parser (not our encoder) reads them. */
function params(link: string): Record<string, string> {
  const url = new URL(link)
  expect(url.protocol).toBe('upi:')
  expect(url.host + url.pathname).toBe('pay')
  return Object.fromEntries(url.searchParams)
}

describe('upiUrl', () => {
  it("should write NPCI's parameters in order: pa, pn, am, cu, tn, tr", () => {
    expect(upiUrl(shop, order)).toBe(
      'upi://pay?pa=chaipoint@okaxis&pn=Chai%20%26%20Co&am=12.34&cu=INR&tn=K7Q2M9&tr=K7Q2M9',
    )
  })

  it('should write the amount in rupees with two decimals', () => {
    for (const [amount, text] of [
      [1, '0.01'],
      [100, '1.00'],
      [150_000_00, '150000.00'],
    ] as const) {
      expect(params(upiUrl(shop, { ...order, amount })).am).toBe(text)
    }
  })

  it('should percent-encode names and notes in any script so a URL parser reads them back', () => {
    const link = upiUrl({ ...shop, payeeName: 'चाय पॉइंट+1=2?' }, order, 'ऑर्डर K7Q2M9 #1')
    expect(link).not.toMatch(/[\s#+]/)
    expect(link.split('?')).toHaveLength(2)
    expect(params(link)).toEqual({
      pa: 'chaipoint@okaxis',
      pn: 'चाय पॉइंट+1=2?',
      am: '12.34',
      cu: 'INR',
      tn: 'ऑर्डर K7Q2M9 #1',
      tr: 'K7Q2M9',
    })
  })

  it('should cut the note to 50 characters', () => {
    expect(params(upiUrl(shop, order, 'x'.repeat(80))).tn).toHaveLength(50)
  })

  it('should refuse other currencies, bad amounts and references UPI cannot carry', () => {
    expect(settingsError(() => upiUrl(shop, { ...order, currency: 'USD' })).field).toBe('currency')
    expect(settingsError(() => upiUrl(shop, { ...order, amount: 0 })).field).toBe('amount')
    expect(settingsError(() => upiUrl(shop, { ...order, code: 'K7Q 2M9' })).field).toBe('code')
  })

  it('should refuse bad settings with the field', () => {
    expect(settingsError(() => upiUrl({ ...shop, vpa: 'chaipoint' }, order)).field).toBe('vpa')
    expect(settingsError(() => upiUrl({ ...shop, payeeName: '  ' }, order)).field).toBe('payeeName')
  })
})

describe('normalizeVpa', () => {
  it('should accept handles of letters, digits, dots, dashes and underscores at a PSP', () => {
    expect(normalizeVpa(' Shop.Name-1_x@OkSBI ')).toBe('shop.name-1_x@oksbi')
    expect(normalizeVpa('9876543210@ybl')).toBe('9876543210@ybl')
  })

  it('should refuse what is not a VPA, naming the field', () => {
    for (const vpa of ['shop', 'shop@', '@okaxis', 'sh op@okaxis', 'shop@ok@axis', 'shop@1bank']) {
      expect(normalizeVpa(vpa)).toMatchObject({ field: 'vpa', code: 'invalid_vpa' })
    }
  })
})

describe('validateUpiSettings', () => {
  it('should refuse a payee name on several lines or over 99 characters', () => {
    expect(validateUpiSettings(shop)).toBeNull()
    expect(validateUpiSettings({ ...shop, payeeName: 'a\nb' })).toMatchObject({
      field: 'payeeName',
    })
    expect(validateUpiSettings({ ...shop, payeeName: 'a'.repeat(100) })).toMatchObject({
      field: 'payeeName',
    })
  })
})
