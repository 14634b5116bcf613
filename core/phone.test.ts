import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { callingCode, formatPhone, normalizePhone, phoneRegion, phoneVariants } from './phone.ts'

describe('normalizePhone', () => {
  it('should strip the plus and spaces', () => {
    expect(normalizePhone('+33 6 12 34 56 78')).toBe('33612345678')
  })

  it('should strip the 00 exit prefix', () => {
    expect(normalizePhone('0033 6 12 34 56 78')).toBe('33612345678')
  })

  it('should strip dots, dashes and brackets', () => {
    expect(normalizePhone('+1 (415) 555-1234')).toBe('14155551234')
    expect(normalizePhone('+33.6.12.34.56.78')).toBe('33612345678')
  })

  it('should drop the bracketed trunk zero after a country code', () => {
    expect(normalizePhone('+44 (0)7700 900123')).toBe('447700900123')
    expect(normalizePhone('0044 (0) 7700 900123')).toBe('447700900123')
  })

  it('should keep digits that already carry a country code', () => {
    expect(normalizePhone('33612345678')).toBe('33612345678')
  })

  it('should read Arabic-Indic digits', () => {
    expect(normalizePhone('+٩٧١ ٥٠ ١٢٣ ٤٥٦٧')).toBe('971501234567')
  })

  it('should reject a national number with a trunk zero', () => {
    expect(normalizePhone('06 12 34 56 78')).toBeNull()
    expect(normalizePhone('07700 900123')).toBeNull()
  })

  it('should reject letters and other characters', () => {
    expect(normalizePhone('+33 6 12 34 56 78 ext 2')).toBeNull()
    expect(normalizePhone('tel:+33612345678')).toBeNull()
    expect(normalizePhone('33*612345678')).toBeNull()
  })

  it('should reject a plus that is not leading', () => {
    expect(normalizePhone('33+612345678')).toBeNull()
    expect(normalizePhone('++33612345678')).toBeNull()
  })

  it('should reject lengths impossible for the country', () => {
    expect(normalizePhone('+33 6 12 34 56')).toBeNull()
    expect(normalizePhone('+33 6 12 34 56 78 90')).toBeNull()
    expect(normalizePhone('+1234567890123456')).toBeNull()
    // No country has calling code 999.
    expect(normalizePhone('+999 1234 5678')).toBeNull()
  })

  it('should read national numbers in the given country', () => {
    expect(normalizePhone('06 12 34 56 78', 'FR')).toBe('33612345678')
    expect(normalizePhone('090-1234-5678', 'JP')).toBe('819012345678')
    expect(normalizePhone('(11) 98765-4321', 'BR')).toBe('5511987654321')
    expect(normalizePhone('07700 900123', 'gb')).toBe('447700900123')
    // Italy keeps the leading zero of a landline.
    expect(normalizePhone('06 1234 5678', 'IT')).toBe('390612345678')
    expect(normalizePhone('٠٦ ١٢ ٣٤ ٥٦ ٧٨', 'FR')).toBe('33612345678')
  })

  it('should let a number with its own country code win over the given country', () => {
    expect(normalizePhone('+81 90 1234 5678', 'FR')).toBe('819012345678')
    expect(normalizePhone('0044 7700 900123', 'FR')).toBe('447700900123')
    expect(normalizePhone('33612345678', 'FR')).toBe('33612345678')
  })

  it('should refuse an unknown country rather than guess', () => {
    expect(normalizePhone('06 12 34 56 78', 'XX')).toBeNull()
    expect(normalizePhone('06 12 34 56 78', '')).toBeNull()
  })

  it('should reject empty input and a zero after the exit prefix', () => {
    expect(normalizePhone('')).toBeNull()
    expect(normalizePhone('+')).toBeNull()
    expect(normalizePhone('+0612345678')).toBeNull()
    expect(normalizePhone('000612345678')).toBeNull()
  })

  it('should return digits only or null for any input', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        const result = normalizePhone(input)
        if (result !== null) expect(result).toMatch(/^[1-9]\d{7,14}$/)
      }),
    )
  })

  it('should be idempotent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 ().-]{0,20}$/), (input) => {
        const once = normalizePhone(input)
        if (once !== null) expect(normalizePhone(once)).toBe(once)
      }),
    )
  })
})

describe('phoneVariants', () => {
  it('should add the Brazilian number without the 9th digit', () => {
    expect(phoneVariants('5511987654321')).toEqual(['5511987654321', '551187654321'])
  })

  it('should add the Brazilian mobile number with the 9th digit', () => {
    expect(phoneVariants('551187654321')).toEqual(['551187654321', '5511987654321'])
  })

  it('should not add a 9th digit to a Brazilian landline', () => {
    expect(phoneVariants('551132654321')).toEqual(['551132654321'])
  })

  it('should add the Mexican number without the extra 1', () => {
    expect(phoneVariants('5215512345678')).toEqual(['5215512345678', '525512345678'])
  })

  it('should add the Mexican number with the extra 1', () => {
    expect(phoneVariants('525512345678')).toEqual(['525512345678', '5215512345678'])
  })

  it('should not drop a 9 that was never a 9th digit', () => {
    expect(phoneVariants('5511912345678')).toEqual(['5511912345678'])
  })

  it('should return other numbers alone', () => {
    expect(phoneVariants('33612345678')).toEqual(['33612345678'])
    expect(phoneVariants('14155551234')).toEqual(['14155551234'])
  })

  it('should be symmetric: each variant lists the original', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.stringMatching(/^55[1-9]{2}9?\d{8}$/), fc.stringMatching(/^521?\d{10}$/)),
        (digits) => {
          for (const variant of phoneVariants(digits)) {
            expect(phoneVariants(variant)).toContain(digits)
          }
        },
      ),
    )
  })
})

describe('formatPhone, phoneRegion and callingCode', () => {
  it('should write a stored number as people read it', () => {
    expect(formatPhone('33612345678')).toBe('+33 6 12 34 56 78')
    expect(formatPhone('819012345678')).toBe('+81 90 1234 5678')
    expect(formatPhone('5511987654321')).toBe('+55 11 98765 4321')
  })

  it('should tell the country of a number, and the calling code of a country', () => {
    expect(phoneRegion('33612345678')).toBe('FR')
    expect(phoneRegion('5511987654321')).toBe('BR')
    expect(phoneRegion(null)).toBeUndefined()
    expect(callingCode('JP')).toBe('81')
    expect(callingCode('XX')).toBeUndefined()
  })
})
