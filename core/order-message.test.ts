import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SUPPORTED_LOCALES } from './locale.ts'
import { ORDER_CODE_ALPHABET, ORDER_CODE_LENGTH } from './order-code.ts'
import {
  buildWhatsAppUrl,
  composeOrderWhatsAppUrl,
  formatOrderMessage,
  type OrderMessageInput,
  parseOrderMessage,
} from './order-message.ts'

const order: OrderMessageInput = {
  shopName: 'Acme',
  currency: 'EUR',
  locale: 'en',
  code: 'K7Q2M9',
  items: [
    { name: 'T-shirt (M)', quantity: 2, lineTotal: 3980 },
    { name: 'Mug', quantity: 1, lineTotal: 1200 },
  ],
  subtotal: 5180,
  shippingTotal: 500,
  shippingName: 'Colissimo',
  total: 5680,
  customer: {
    name: 'Jane Doe',
    phone: '+33 6 12 34 56 78',
    address: '1 rue de Rivoli\n75001 Paris',
  },
  note: 'Ring twice',
  orderUrl: 'https://shop.example/o/abc',
}

const NBSP_LIKE = /[\u00a0\u202f]/g

describe('formatOrderMessage', () => {
  it('should write the whole order in English', () => {
    expect(formatOrderMessage(order)).toBe(
      [
        "Hello Acme! I'd like to order:",
        'Order #K7Q2M9',
        '',
        '2 × T-shirt (M) — €39.80',
        '1 × Mug — €12.00',
        '',
        'Subtotal: €51.80',
        'Shipping (Colissimo): €5.00',
        'Total: €56.80',
        '',
        'Name: Jane Doe',
        'Phone: 33612345678',
        'Address: 1 rue de Rivoli, 75001 Paris',
        'Note: Ring twice',
        '',
        'Order page: https://shop.example/o/abc',
      ].join('\n'),
    )
  })

  it('should write French labels and French amounts', () => {
    const text = formatOrderMessage({ ...order, locale: 'fr' }).replace(NBSP_LIKE, ' ')
    expect(text).toContain('Bonjour Acme ! Je souhaite commander :')
    expect(text).toContain('2 × T-shirt (M) — 39,80 €')
    expect(text).toContain('Total : 56,80 €')
    expect(text).toContain('Commande #K7Q2M9')
  })

  it('should write Arabic with Latin digits', () => {
    const text = formatOrderMessage({ ...order, locale: 'ar' })
    expect(text).toContain('الإجمالي')
    expect(text).toMatch(/56\.80/)
    expect(text).not.toMatch(/[\u0660-\u0669]/)
  })

  it('should say free shipping in words', () => {
    const text = formatOrderMessage({ ...order, shippingTotal: 0, total: 5180 })
    expect(text).toContain('Shipping (Colissimo): free')
  })

  it('should leave out shipping and subtotal when there is no shipping', () => {
    const text = formatOrderMessage({ ...order, shippingName: null, shippingTotal: 0, total: 5180 })
    expect(text).not.toContain('Shipping')
    expect(text).not.toContain('Subtotal')
    expect(text).toContain('Total: €51.80')
  })

  it('should leave out the code line without a code', () => {
    expect(formatOrderMessage({ ...order, code: null })).not.toContain('#')
  })

  it('should use the base language and format money for the full locale', () => {
    const text = formatOrderMessage({ ...order, locale: 'de-CH', currency: 'CHF' })
    expect(text.replace(NBSP_LIKE, ' ')).toContain('Gesamt: CHF 56.80')
    const japanese = formatOrderMessage({ ...order, locale: 'ja', currency: 'JPY', total: 5680 })
    expect(japanese).toContain('Total: ￥5,680')
  })

  it('should print the phone without a plus', () => {
    const text = formatOrderMessage(order)
    expect(text).not.toContain('+')
    expect(formatOrderMessage({ ...order, customer: { name: 'X', phone: '+1 bad' } })).toContain(
      'Phone: 1 bad',
    )
  })

  it('should keep user text on single lines', () => {
    const text = formatOrderMessage({
      ...order,
      items: [{ name: 'Line\none\r\ntwo\u2028three', quantity: 1, lineTotal: 100 }],
      note: 'first\nsecond',
    })
    expect(text).toContain('1 × Line one two three — €1.00')
    expect(text).toContain('Note: first second')
  })

  it('should never write a plus sign of its own in any locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(formatOrderMessage({ ...order, locale })).not.toContain('+')
    }
  })
})

describe('buildWhatsAppUrl', () => {
  it('should build a wa.me link with the phone digits', () => {
    expect(buildWhatsAppUrl('+33 6 12 34 56 78', 'Hi')).toBe('https://wa.me/33612345678?text=Hi')
  })

  it('should build a share link without a phone', () => {
    expect(buildWhatsAppUrl(null, 'Hi')).toBe('https://wa.me/?text=Hi')
  })

  it('should encode ampersand, hash, question mark, plus, newline and emoji', () => {
    const url = buildWhatsAppUrl('33612345678', 'A & B #1?\n+ 😀')
    expect(url).toBe('https://wa.me/33612345678?text=A%20%26%20B%20%231%3F%0A%2B%20%F0%9F%98%80')
    expect(url).not.toContain('+')
  })

  it('should survive a lone surrogate', () => {
    expect(buildWhatsAppUrl(null, 'a\ud800b')).toBe('https://wa.me/?text=a%EF%BF%BDb')
  })

  it('should round-trip any text through the query string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const url = new URL(buildWhatsAppUrl('33612345678', text))
        expect(url.searchParams.get('text')).toBe(text)
        expect(url.toString()).not.toContain('+')
      }),
    )
  })
})

describe('composeOrderWhatsAppUrl', () => {
  const manyItems: OrderMessageInput = {
    ...order,
    items: Array.from({ length: 200 }, (_, i) => ({
      name: `Very long product name number ${i} with many options and details 😀`,
      quantity: (i % 9) + 1,
      lineTotal: 1000 + i,
    })),
    note: 'n'.repeat(300),
  }

  it('should keep a short order intact', () => {
    const result = composeOrderWhatsAppUrl('33612345678', order)
    expect(result.text).toBe(formatOrderMessage(order))
    expect(result.url).toBe(buildWhatsAppUrl('33612345678', result.text))
  })

  it('should keep the URL under the limit with the code and the total for 200 long items', () => {
    const result = composeOrderWhatsAppUrl('33612345678', manyItems)
    expect(result.url.length).toBeLessThanOrEqual(2000)
    const parsed = parseOrderMessage(result.text, 'EUR')
    expect(parsed?.code).toBe('K7Q2M9')
    expect(parsed?.total).toBe(5680)
    expect(parsed?.omittedItems).toBeGreaterThan(0)
    expect((parsed?.items.length ?? 0) + (parsed?.omittedItems ?? 0)).toBe(200)
  })

  it('should truncate names before dropping items', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      name: `${'Long name '.repeat(10)}${i}`,
      quantity: 1,
      lineTotal: 100,
    }))
    const input = { ...order, items }
    const full = buildWhatsAppUrl('33612345678', formatOrderMessage(input)).length
    const result = composeOrderWhatsAppUrl('33612345678', input, full - 200)
    const parsed = parseOrderMessage(result.text, 'EUR')
    expect(parsed?.items).toHaveLength(12)
    expect(parsed?.items[0]?.name.endsWith('…')).toBe(true)
    expect(result.text).toContain('Note: Ring twice')
  })

  it('should keep a 40-line cart readable: whole names, a summary and the order page link', () => {
    const products = [
      'Huile d’olive vierge extra 50 cl',
      'Tapenade noire aux olives de Nyons',
      'Herbes de Provence en sachet kraft',
      'Carafe en verre recyclé 1 litre',
      'Savon de Marseille à l’huile d’olive',
    ]
    const items = Array.from({ length: 40 }, (_, i) => ({
      name: `${products[i % products.length]} n° ${i + 1}`,
      quantity: (i % 3) + 1,
      lineTotal: 990 * ((i % 3) + 1),
    }))
    const input: OrderMessageInput = {
      ...order,
      locale: 'fr',
      items,
      orderUrl: 'https://shop.example/o/abcdefghijklmnopqrstuvwxyz012345',
    }
    const result = composeOrderWhatsAppUrl('33612345678', input)
    expect(result.url.length).toBeLessThanOrEqual(2000)
    const parsed = parseOrderMessage(result.text, 'EUR')
    expect(parsed?.code).toBe('K7Q2M9')
    // Every line shown carries its whole name; the rest are counted, not lost.
    expect(parsed?.items.length).toBeGreaterThanOrEqual(10)
    expect(parsed?.items.map((item) => item.name)).toEqual(
      items.slice(0, parsed?.items.length).map((item) => item.name),
    )
    const hidden = 40 - (parsed?.items.length ?? 0)
    expect(parsed?.omittedItems).toBe(hidden)
    expect(result.text).toContain(`… et ${hidden} autres articles (tous dans le suivi de commande)`)
    expect(result.text).toContain(`Suivi de commande\u00a0: ${input.orderUrl}`)
    expect(result.text).toContain('Total')
  })

  it('should not cut an emoji in half when truncating names', () => {
    const items = Array.from({ length: 30 }, () => ({
      name: '👩‍👩‍👧'.repeat(80),
      quantity: 1,
      lineTotal: 100,
    }))
    const result = composeOrderWhatsAppUrl(null, { ...order, items }, 4000)
    const parsed = parseOrderMessage(result.text, 'EUR')
    expect(parsed?.items[0]?.name).toMatch(/^(👩‍👩‍👧)+…$/u)
  })

  it('should drop the note and then the address when items are not enough', () => {
    const input = { ...order, note: 'x'.repeat(3000) }
    const result = composeOrderWhatsAppUrl('33612345678', input)
    expect(result.url.length).toBeLessThanOrEqual(2000)
    expect(result.text).not.toContain('Note')
    expect(result.text).toContain('Address')
    const both = composeOrderWhatsAppUrl('33612345678', {
      ...input,
      customer: { ...order.customer, address: 'y'.repeat(3000) },
    })
    expect(both.url.length).toBeLessThanOrEqual(2000)
    expect(both.text).not.toContain('Address')
    expect(both.text).toContain('#K7Q2M9')
  })

  it('should keep the code and total even when nothing else fits', () => {
    const result = composeOrderWhatsAppUrl('33612345678', manyItems, 10)
    expect(result.text).toContain('#K7Q2M9')
    expect(result.text).toContain('Total: €56.80')
  })

  it('should respect any limit it can reach', () => {
    fc.assert(
      fc.property(fc.integer({ min: 600, max: 4000 }), (maxLength) => {
        const result = composeOrderWhatsAppUrl(null, manyItems, maxLength)
        expect(result.url.length).toBeLessThanOrEqual(maxLength)
        expect(result.text).toContain('#K7Q2M9')
      }),
      { numRuns: 25 },
    )
  })
})

describe('parseOrderMessage', () => {
  it('should read an English message', () => {
    expect(parseOrderMessage(formatOrderMessage(order), 'EUR')).toEqual({
      code: 'K7Q2M9',
      items: [
        { name: 'T-shirt (M)', quantity: 2, lineTotal: 3980 },
        { name: 'Mug', quantity: 1, lineTotal: 1200 },
      ],
      omittedItems: 0,
      subtotal: 5180,
      shippingTotal: 500,
      total: 5680,
      currency: 'EUR',
    })
  })

  it('should read free shipping in every locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const text = formatOrderMessage({ ...order, locale, shippingTotal: 0 })
      expect(parseOrderMessage(text, 'EUR')?.shippingTotal).toBe(0)
    }
  })

  it('should tolerate customer edits', () => {
    const text = [
      'hi! this is my order #k7q-2m9',
      '3 x T-shirt (M) - blue',
      '1 × Mug — 12,00 €',
      'total 48,00€',
    ].join('\n')
    expect(parseOrderMessage(text, 'EUR')).toEqual({
      code: 'K7Q2M9',
      items: [
        { name: 'T-shirt (M) - blue', quantity: 3, lineTotal: null },
        { name: 'Mug', quantity: 1, lineTotal: 1200 },
      ],
      omittedItems: 0,
      subtotal: null,
      shippingTotal: null,
      total: 4800,
      currency: 'EUR',
    })
  })

  it('should read Arabic-Indic quantities and bidi marks', () => {
    const parsed = parseOrderMessage('\u200f٢ × قميص — ‏‎39.80 €\nالإجمالي: ‏‎39.80 €', 'EUR')
    expect(parsed?.items).toEqual([{ name: 'قميص', quantity: 2, lineTotal: 3980 }])
    expect(parsed?.total).toBe(3980)
  })

  it('should read a shipping name with brackets and a colon', () => {
    const text = formatOrderMessage({ ...order, shippingName: 'Relay (48h): fast', locale: 'fr' })
    expect(parseOrderMessage(text, 'EUR')?.shippingTotal).toBe(500)
  })

  it('should read Italian totals without confusing Totale with Total', () => {
    const parsed = parseOrderMessage(formatOrderMessage({ ...order, locale: 'it' }), 'EUR')
    expect(parsed?.subtotal).toBe(5180)
    expect(parsed?.total).toBe(5680)
  })

  it('should not take a code from a link', () => {
    const parsed = parseOrderMessage('Total: €5.00\nhttps://x.example/#A2B3C4', 'EUR')
    expect(parsed?.code).toBeNull()
  })

  it('should return null for a message that is not an order', () => {
    expect(parseOrderMessage('Hello, are you open today?', 'EUR')).toBeNull()
    expect(parseOrderMessage('', 'EUR')).toBeNull()
  })

  const specials = fc.constantFrom('&', '#', '+', '?', '%', '—', '–', ' ', '×', '(', ')', ':', '…')
  const emoji = fc.constantFrom('😀', '👩‍👩‍👧', '🇫🇷', '❤️')
  const textArbitrary = (minLength: number) =>
    fc
      .string({
        unit: fc.oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
          specials,
          emoji,
          fc.constantFrom('a', 'é', 'ß', 'ق', '中', '1', '5'),
        ),
        minLength,
        maxLength: 40,
      })
      .filter((text) => !/[\r\n\u2028\u2029]/.test(text) && text.trim().length >= minLength)

  const orderArbitrary = fc.record({
    shopName: textArbitrary(1),
    currency: fc.constantFrom('EUR', 'JPY', 'KWD'),
    locale: fc.constantFrom(...SUPPORTED_LOCALES),
    code: fc.option(
      fc
        .array(fc.constantFrom(...ORDER_CODE_ALPHABET), {
          minLength: ORDER_CODE_LENGTH,
          maxLength: ORDER_CODE_LENGTH,
        })
        .map((chars) => chars.join('')),
    ),
    items: fc.array(
      fc.record({
        name: textArbitrary(1),
        quantity: fc.integer({ min: 1, max: 99 }),
        lineTotal: fc.integer({ min: 0, max: 1e10 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    subtotal: fc.integer({ min: 0, max: 1e11 }),
    shippingTotal: fc.integer({ min: 0, max: 1e6 }),
    shippingName: fc.option(textArbitrary(1)),
    total: fc.integer({ min: 0, max: 1e11 }),
    customer: fc.record({
      name: textArbitrary(0),
      phone: fc.option(fc.constantFrom('+33 6 12 34 56 78', '5511987654321')),
      address: fc.option(textArbitrary(0)),
    }),
    note: fc.option(textArbitrary(0)),
    orderUrl: fc.option(fc.constant('https://shop.example/o/tok_123')),
  })

  it('should recover code, items and total from any formatted order', () => {
    fc.assert(
      fc.property(orderArbitrary, (input) => {
        const parsed = parseOrderMessage(formatOrderMessage(input), input.currency)
        expect(parsed).not.toBeNull()
        expect(parsed?.code).toBe(input.code ?? null)
        expect(parsed?.items).toEqual(
          input.items.map((item) => ({
            name: item.name.trim(),
            quantity: item.quantity,
            lineTotal: item.lineTotal,
          })),
        )
        expect(parsed?.total).toBe(input.total)
      }),
      { numRuns: 500 },
    )
  })
})
