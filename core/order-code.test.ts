import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  findOrderCodeMatches,
  findOrderCodes,
  generateOrderCode,
  isOrderCode,
  normalizeOrderCode,
  ORDER_CODE_ALPHABET,
  ORDER_CODE_LENGTH,
} from './order-code.ts'

describe('ORDER_CODE_ALPHABET', () => {
  it('should contain no look-alike characters', () => {
    for (const char of '01OIL') expect(ORDER_CODE_ALPHABET).not.toContain(char)
  })

  it('should contain no duplicates', () => {
    expect(new Set(ORDER_CODE_ALPHABET).size).toBe(ORDER_CODE_ALPHABET.length)
  })
})

describe('generateOrderCode', () => {
  it('should produce codes of the right length from the alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateOrderCode()
      expect(code).toHaveLength(ORDER_CODE_LENGTH)
      expect(isOrderCode(code)).toBe(true)
    }
  })

  it('should map bytes to characters of the alphabet', () => {
    const code = generateOrderCode((n) => Uint8Array.from({ length: n }, (_, i) => i))
    expect(code).toBe('234567')
  })

  it('should redraw bytes that would bias the distribution', () => {
    const bytes = [255, 248, 0, 31, 250, 1, 2, 3, 4, 5, 6, 7]
    const code = generateOrderCode((n) => Uint8Array.from(bytes.slice(0, n)))
    expect(code).toBe('223456')
  })

  it('should throw rather than loop forever on a broken random source', () => {
    expect(() => generateOrderCode((n) => new Uint8Array(n).fill(255))).toThrow()
  })

  it('should use every character with similar frequency', () => {
    const counts = new Map<string, number>()
    for (let i = 0; i < 3000; i++) {
      for (const char of generateOrderCode()) counts.set(char, (counts.get(char) ?? 0) + 1)
    }
    expect(counts.size).toBe(ORDER_CODE_ALPHABET.length)
    const expected = (3000 * ORDER_CODE_LENGTH) / ORDER_CODE_ALPHABET.length
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(expected * 0.7)
      expect(count).toBeLessThan(expected * 1.3)
    }
  })
})

describe('normalizeOrderCode', () => {
  it('should upper-case and strip the hash, spaces and dashes', () => {
    expect(normalizeOrderCode('#k7q 2m9')).toBe('K7Q2M9')
    expect(normalizeOrderCode(' K7Q-2M9 ')).toBe('K7Q2M9')
  })

  it('should reject look-alikes and wrong lengths', () => {
    expect(normalizeOrderCode('K7Q2MO')).toBeNull()
    expect(normalizeOrderCode('K7Q2M10')).toBeNull()
    expect(normalizeOrderCode('K7Q2M')).toBeNull()
    expect(normalizeOrderCode('')).toBeNull()
  })
})

describe('findOrderCodeMatches', () => {
  it('should report the position and the hash of each match', () => {
    expect(findOrderCodeMatches('ok #k7q2m9 and A2B3C4')).toEqual([
      { code: 'K7Q2M9', index: 4, hashed: true },
      { code: 'A2B3C4', index: 15, hashed: false },
    ])
  })
})

describe('findOrderCodes', () => {
  it('should find a code with a hash inside a sentence', () => {
    expect(findOrderCodes('my order is #K7Q2M9 thanks')).toEqual(['K7Q2M9'])
  })

  it('should find a lower-case code split by a space or dash', () => {
    expect(findOrderCodes('hi #k7q 2m9 ok')).toEqual(['K7Q2M9'])
    expect(findOrderCodes('code K7Q-2M9.')).toEqual(['K7Q2M9'])
  })

  it('should allow a space after the hash', () => {
    expect(findOrderCodes('order # K7Q2M9')).toEqual(['K7Q2M9'])
  })

  it('should find a code glued to a word by the hash', () => {
    expect(findOrderCodes('Order#K7Q2M9')).toEqual(['K7Q2M9'])
  })

  it('should find a code in a localised message', () => {
    expect(findOrderCodes('Commande #K7Q2M9\n2 × T-shirt — 39,80 €')).toEqual(['K7Q2M9'])
    expect(findOrderCodes('الطلب #K7Q2M9')).toEqual(['K7Q2M9'])
  })

  it('should not match ordinary six-letter words without a hash', () => {
    expect(findOrderCodes('thanks, please deliver LATER today')).toEqual([])
    expect(findOrderCodes('BUTTER 222222')).toEqual([])
  })

  it('should not match part of a longer word', () => {
    expect(findOrderCodes('ref K7Q2M9X and XK7Q2M9')).toEqual([])
    expect(findOrderCodes('#K7Q2M9é')).toEqual([])
  })

  it('should not match codes with look-alike characters', () => {
    expect(findOrderCodes('#K7Q2MO and #K7Q2M1')).toEqual([])
  })

  it('should not join parts across two separators', () => {
    expect(findOrderCodes('K7Q  2M9')).toEqual([])
    expect(findOrderCodes('K7Q, 2M9')).toEqual([])
  })

  it('should return unique codes with hashed ones first', () => {
    expect(findOrderCodes('A2B3C4 then #K7Q2M9 and k7q2m9 and #a2b3c4 and #K7Q2M9')).toEqual([
      'K7Q2M9',
      'A2B3C4',
    ])
  })

  it('should find every generated code written in any tolerated way', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '#', '# '),
        fc.constantFrom('', ' ', '-'),
        fc.boolean(),
        (prefix, separator, lower) => {
          const code = generateOrderCode()
          let written = `${prefix}${code.slice(0, 3)}${separator}${code.slice(3)}`
          if (lower) written = written.toLowerCase()
          const mixed = /\d/.test(code) && /[A-Z]/.test(code)
          const expected = prefix !== '' || mixed ? [code] : []
          expect(findOrderCodes(`Hello, my order is ${written}, thanks!`)).toEqual(expected)
        },
      ),
    )
  })

  it('should only return valid codes for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const code of findOrderCodes(text)) expect(isOrderCode(code)).toBe(true)
      }),
    )
  })
})
