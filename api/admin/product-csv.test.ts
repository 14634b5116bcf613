import { describe, expect, it } from 'vitest'
import { decimalStyleOf, parseAmountCell } from './product-csv.ts'

const read = (text: string, style: 'point' | 'comma' | 'either', currency = 'EUR') => {
  try {
    return parseAmountCell(text, currency, style)
  } catch (error) {
    return (error as Error).message
  }
}

describe('parseAmountCell', () => {
  it('should read a decimal point in comma-separated files and refuse a comma there', () => {
    expect(read('19.90', 'point')).toBe(1990)
    expect(read('5', 'point')).toBe(500)
    expect(read('', 'point')).toBeNull()
    expect(read('12,50', 'point')).toBe('use a plain number such as 19.90')
    expect(read('1,234.50', 'point')).toBe('use a plain number such as 19.90')
  })

  it('should read decimal commas and grouped thousands in semicolon-separated files', () => {
    expect(read('12,50', 'comma')).toBe(1250)
    expect(read('12,5', 'comma')).toBe(1250)
    expect(read('1.234,50', 'comma')).toBe(123450)
    expect(read('1 234,50', 'comma')).toBe(123450)
    expect(read('1\u202f234,50', 'comma')).toBe(123450)
    expect(read('1.234.567', 'comma')).toBe(123456700)
    expect(read('1.234', 'comma')).toBe(123400)
    expect(read('12.50', 'comma')).toBe(1250)
    expect(read('7', 'comma')).toBe(700)
  })

  it('should refuse what cannot be a price rather than guess', () => {
    expect(read('1,234', 'comma')).toBe('EUR has 2 decimals at most')
    expect(read('12,50 €', 'comma')).toBe('use a plain number such as 19,90')
    expect(read('1.23.4', 'comma')).toBe('use a plain number such as 19,90')
    expect(read('12,', 'comma')).toBe('use a plain number such as 19,90')
    expect(read('1.234 567,5', 'comma')).toBe('use a plain number such as 19,90')
    expect(read('-3', 'comma')).toBe('use a plain number such as 19,90')
  })

  it('should read either mark in tab-separated files and refuse a price read two ways', () => {
    expect(read('12,50', 'either')).toBe(1250)
    expect(read('12.50', 'either')).toBe(1250)
    expect(read('1.234,50', 'either')).toBe(123450)
    expect(read('1,234.50', 'either')).toBe(123450)
    expect(read('1,234', 'either')).toBe(
      '"1,234" could mean 1234 or a decimal: write 1234 without a thousands separator, or the price with 2 decimals',
    )
    expect(read('1.234', 'either')).toMatch(/^"1\.234" could mean 1234/)
  })

  it('should take a lone mark before three digits as thousands for a currency without decimals', () => {
    expect(read('1.234', 'either', 'JPY')).toBe(1234)
    expect(read('1,234', 'either', 'JPY')).toBe(1234)
    expect(read('12,50', 'comma', 'JPY')).toBe('JPY has 0 decimals at most')
  })

  it('should pick the decimal style from the separator', () => {
    expect([',', ';', '\t'].map(decimalStyleOf)).toEqual(['point', 'comma', 'either'])
  })
})
