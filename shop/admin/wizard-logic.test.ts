import { describe, expect, it } from 'vitest'
import { COUNTRIES } from './countries.ts'
import { composePhone, splitPhone } from './wizard-logic.ts'

describe('composePhone', () => {
  it('should read a national number in the picked country', () => {
    expect(composePhone('33', '06 12 34 56 78')).toBe('33612345678')
    expect(composePhone('81', '090-1234-5678')).toBe('819012345678')
    expect(composePhone('55', '(11) 98765-4321')).toBe('5511987654321')
    // Italy keeps the leading zero of a landline.
    expect(composePhone('39', '06 1234 5678')).toBe('390612345678')
  })

  it('should keep the country of a number typed with + or 00', () => {
    expect(composePhone('33', '+44 7700 900123')).toBe('447700900123')
    expect(composePhone('33', '0044 7700 900123')).toBe('447700900123')
  })

  it('should refuse what is not a number of a possible length', () => {
    expect(composePhone('33', '')).toBeNull()
    expect(composePhone('33', '06 12')).toBeNull()
    expect(composePhone('33', 'call me')).toBeNull()
  })
})

describe('splitPhone', () => {
  it('should split a stored number into its calling code and national part', () => {
    expect(splitPhone('33612345678', '1')).toEqual({ dial: '33', national: '612345678' })
    expect(splitPhone('390612345678', '1')).toEqual({ dial: '39', national: '0612345678' })
    expect(splitPhone('99912345678', '1')).toEqual({ dial: '1', national: '+99912345678' })
  })
})

describe('COUNTRIES', () => {
  it('should take calling codes from the phone metadata', () => {
    expect(COUNTRIES.find((c) => c[0] === 'FR')).toEqual(['FR', '33', 'EUR'])
    expect(COUNTRIES.find((c) => c[0] === 'BR')).toEqual(['BR', '55', 'BRL'])
    expect(COUNTRIES.length).toBeGreaterThan(60)
  })
})
