import { describe, expect, it } from 'vitest'
import { relativeTime } from './format.ts'
import { locale } from './i18n.ts'
import {
  checkOrderCode,
  itemsErrorText,
  messageKind,
  parseItemLines,
  senderOf,
} from './inbox-logic.ts'

locale.value = 'en'

describe('inbox logic', () => {
  it('should accept an order code typed with #, spaces and lower case', () => {
    expect(checkOrderCode(' #k7q 2m9 ')).toEqual({ code: 'K7Q2M9' })
  })

  it('should refuse an empty code and one with a look-alike character', () => {
    expect(checkOrderCode('  ')).toEqual({ error: 'Required' })
    expect(checkOrderCode('K7Q2MO')).toEqual({
      error: 'An order code has 6 letters and digits, e.g. K7Q2M9',
    })
  })

  it('should read items as SKU or SKU × quantity, one per line', () => {
    expect(parseItemLines('MUG-01\n\nTEE-M x 2\nCAP × 3')).toEqual({
      items: [
        { sku: 'MUG-01', quantity: 1 },
        { sku: 'TEE-M', quantity: 2 },
        { sku: 'CAP', quantity: 3 },
      ],
    })
  })

  it('should name the line of an item that cannot be read', () => {
    expect(parseItemLines('MUG\nTEE x 0')).toEqual({
      error: 'Line 2: write a SKU, or a SKU × a quantity from 1 to 999',
    })
    expect(parseItemLines('two mugs please')).toEqual({
      error: 'Line 1: write a SKU, or a SKU × a quantity from 1 to 999',
    })
  })

  it("should map the server's item index to the line the merchant typed", () => {
    expect(itemsErrorText('items.1.sku', 'Unknown SKU', 'A\n\nB')).toBe('Line 3: Unknown SKU')
    expect(itemsErrorText('items', 'Required', '')).toBe('Required')
  })

  it('should describe non-text messages by their kind', () => {
    expect(messageKind({ type: 'text' })).toBeNull()
    expect(messageKind({ type: 'image' })).toBe('Photo')
    expect(messageKind({ type: 'order' })).toBe('WhatsApp cart')
    expect(messageKind({ type: 'mystery' })).toBe('Other message')
  })

  it('should name the sender by profile, else by number, else by business-scoped id', () => {
    expect(senderOf({ profileName: 'Ana', from: '5511987654321', userId: null })).toEqual({
      name: 'Ana',
      number: '+55 11 98765 4321',
    })
    expect(senderOf({ profileName: null, from: '5511987654321', userId: null })).toEqual({
      name: '+55 11 98765 4321',
      number: null,
    })
    expect(senderOf({ profileName: ' ', from: null, userId: 'BR.15' })).toEqual({
      name: 'BR.15',
      number: null,
    })
    // A customer who hides their number: their username where the number would be.
    expect(
      senderOf({ profileName: 'Lena', from: null, userId: 'BR.15', username: 'lena.bakes' }),
    ).toEqual({ name: 'Lena', number: '@lena.bakes' })
    expect(senderOf({ profileName: null, from: null, userId: 'BR.15', username: 'lena' })).toEqual({
      name: '@lena',
      number: null,
    })
  })

  it('should say how long ago a moment was', () => {
    const now = Date.parse('2026-01-10T12:00:00Z')
    expect(relativeTime('2026-01-10T11:59:30Z', now)).toBe('now')
    expect(relativeTime('2026-01-10T11:55:00Z', now)).toBe('5 minutes ago')
    expect(relativeTime('2026-01-09T12:00:00Z', now)).toBe('yesterday')
  })
})
