import { describe, expect, it } from 'vitest'
import { SUPPORTED_LOCALES } from './locale.ts'
import { formatOrderMessage, type OrderMessageInput, parseOrderMessage } from './order-message.ts'

const order: OrderMessageInput = {
  shopName: 'Padaria',
  currency: 'BRL',
  locale: 'pt',
  code: 'K7Q2M9',
  items: [{ name: 'Pão de queijo', quantity: 2, lineTotal: 2500 }],
  subtotal: 2500,
  shippingTotal: 0,
  total: 2500,
  customer: { name: 'Ana' },
  orderUrl: 'https://shop.example/o/abc',
  paymentMethods: ['pix', 'cash'],
}

describe('order message: how to pay', () => {
  it('should say how to pay in one line that links the order page', () => {
    const text = formatOrderMessage(order)
    expect(text.split('\n').at(-1)).toBe('Como pagar (Pix, dinheiro): https://shop.example/o/abc')
    expect(text).not.toContain('Acompanhe')
    const english = formatOrderMessage({
      ...order,
      locale: 'en',
      paymentMethods: ['stripe', 'bank'],
    })
    expect(english.split('\n').at(-1)).toBe(
      'How to pay (card, bank transfer): https://shop.example/o/abc',
    )
  })

  it('should keep the plain order page line when the shop takes no payments', () => {
    const text = formatOrderMessage({ ...order, locale: 'en', paymentMethods: [] })
    expect(text.split('\n').at(-1)).toBe('Order page: https://shop.example/o/abc')
  })

  it.each(SUPPORTED_LOCALES)('should still read back the order in %s', (locale) => {
    const text = formatOrderMessage({ ...order, locale })
    expect(text).toContain('https://shop.example/o/abc')
    const parsed = parseOrderMessage(text, 'BRL')
    expect(parsed).toMatchObject({ code: 'K7Q2M9', total: 2500 })
    expect(parsed?.items).toEqual([{ name: 'Pão de queijo', quantity: 2, lineTotal: 2500 }])
  })
})
