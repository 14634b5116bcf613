import { describe, expect, it } from 'vitest'
import { fromStripeAmount, toStripeAmount } from './stripe-amount.ts'

describe('Stripe amounts', () => {
  it('should send two-decimal currencies in cents as stored', () => {
    expect(toStripeAmount(1250, 'EUR')).toBe(1250)
    expect(toStripeAmount(1250, 'brl')).toBe(1250)
  })

  it('should send zero-decimal currencies in whole units', () => {
    expect(toStripeAmount(1500, 'JPY')).toBe(1500)
    expect(toStripeAmount(25000, 'KRW')).toBe(25000)
  })

  it('should send ISK with two decimals that are always 00', () => {
    expect(toStripeAmount(500, 'ISK')).toBe(50000)
    expect(fromStripeAmount(50000, 'ISK')).toBe(500)
  })

  it('should send MGA without decimals only when the amount has none', () => {
    expect(toStripeAmount(120000, 'MGA')).toBe(1200)
    expect(toStripeAmount(120050, 'MGA')).toBeNull()
    expect(fromStripeAmount(1200, 'MGA')).toBe(120000)
  })

  it('should send three-decimal currencies only when the last digit is 0', () => {
    expect(toStripeAmount(12340, 'KWD')).toBe(12340)
    expect(toStripeAmount(12345, 'KWD')).toBeNull()
  })

  it('should refuse currencies Stripe does not charge and amounts that are not positive', () => {
    expect(toStripeAmount(1000, 'IQD')).toBeNull()
    expect(toStripeAmount(1000, 'CLF')).toBeNull()
    expect(toStripeAmount(0, 'EUR')).toBeNull()
    expect(toStripeAmount(1.5, 'EUR')).toBeNull()
  })
})
