import { describe, expect, it } from 'vitest'
import { confirmationText } from './reply-text.ts'

describe('confirmationText', () => {
  it('should thank the customer by name with the code and total in English', () => {
    expect(
      confirmationText({
        locale: 'en',
        code: 'K7Q2M9',
        customerName: 'Ana',
        total: 4930,
        currency: 'EUR',
      }),
    ).toBe('Thanks Ana! Order #K7Q2M9 is confirmed. Total: €49.30.')
  })

  it('should speak the order language with Latin digits', () => {
    const text = confirmationText({
      locale: 'ar',
      code: 'K7Q2M9',
      customerName: null,
      total: 1500,
      currency: 'AED',
    })
    expect(text).toContain('#K7Q2M9')
    expect(text).toMatch(/15\.00/)
  })

  it('should fall back to English for a language Chatcart does not speak', () => {
    const text = confirmationText({
      locale: 'ja',
      code: 'K7Q2M9',
      customerName: null,
      total: 500,
      currency: 'JPY',
    })
    expect(text).toBe('Thank you! Order #K7Q2M9 is confirmed. Total: ¥500.')
  })
})
