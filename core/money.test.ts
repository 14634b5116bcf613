import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { currencyDigits, formatMoney, isCurrencyCode, parseMoney, toMajorUnits } from './money.ts'

const NBSP_LIKE = /[\u00a0\u202f]/g

describe('currencyDigits', () => {
  it('should give 2 digits for EUR and USD', () => {
    expect(currencyDigits('EUR')).toBe(2)
    expect(currencyDigits('USD')).toBe(2)
  })

  it('should give 0 digits for JPY, CLP, KRW and XOF', () => {
    for (const code of ['JPY', 'CLP', 'KRW', 'XOF']) expect(currencyDigits(code)).toBe(0)
  })

  it('should give 3 digits for the dinars and rials of ISO 4217', () => {
    for (const code of ['KWD', 'BHD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']) {
      expect(currencyDigits(code)).toBe(3)
    }
  })

  it('should follow ISO 4217 where CLDR displays fewer digits', () => {
    expect(currencyDigits('HUF')).toBe(2)
    expect(currencyDigits('IDR')).toBe(2)
    expect(currencyDigits('COP')).toBe(2)
  })

  it('should accept lower-case codes', () => {
    expect(currencyDigits('jpy')).toBe(0)
  })
})

describe('isCurrencyCode', () => {
  it('should accept real ISO 4217 codes', () => {
    for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'BRL', 'MXN']) {
      expect(isCurrencyCode(code)).toBe(true)
    }
  })

  it('should reject lower case, wrong lengths and made-up codes', () => {
    for (const code of ['eur', 'Eur', 'EURO', 'EU', '', 'ABC', 'E1R', ' EUR']) {
      expect(isCurrencyCode(code)).toBe(false)
    }
  })
})

describe('formatMoney', () => {
  it('should format euros in French with a comma and the symbol after', () => {
    expect(formatMoney(3980, 'EUR', 'fr').replace(NBSP_LIKE, ' ')).toBe('39,80 €')
  })

  it('should format euros in English with the symbol first', () => {
    expect(formatMoney(123450, 'EUR', 'en')).toBe('€1,234.50')
  })

  it('should format yen without decimals', () => {
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500')
  })

  it('should format dinars with three decimals', () => {
    expect(formatMoney(1234, 'KWD', 'en').replace(NBSP_LIKE, ' ')).toBe('KWD 1.234')
  })

  it('should keep ISO digits even where CLDR rounds them away', () => {
    expect(formatMoney(1500, 'IQD', 'en').replace(NBSP_LIKE, ' ')).toBe('IQD 1.500')
  })

  it('should fall back to English for a malformed locale', () => {
    expect(formatMoney(100, 'USD', 'not a locale!')).toBe('$1.00')
  })

  it('should throw for a non-integer amount', () => {
    expect(() => formatMoney(19.9, 'EUR', 'en')).toThrow(RangeError)
  })

  it('should throw for an unknown currency', () => {
    expect(() => formatMoney(100, 'EURO', 'en')).toThrow(RangeError)
  })

  it('should never contain a plus sign for non-negative amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (amount) => {
        for (const locale of ['en', 'fr', 'de', 'ar-u-nu-latn']) {
          expect(formatMoney(amount, 'EUR', locale)).not.toContain('+')
        }
      }),
    )
  })
})

describe('toMajorUnits', () => {
  it('should write cents with two decimals', () => {
    expect(toMajorUnits(1990, 'EUR')).toBe('19.90')
    expect(toMajorUnits(5, 'EUR')).toBe('0.05')
    expect(toMajorUnits(0, 'EUR')).toBe('0.00')
  })

  it('should write yen as a whole number', () => {
    expect(toMajorUnits(500, 'JPY')).toBe('500')
  })

  it('should write fils with three decimals', () => {
    expect(toMajorUnits(1234, 'KWD')).toBe('1.234')
    expect(toMajorUnits(7, 'KWD')).toBe('0.007')
  })

  it('should keep the sign of negative amounts', () => {
    expect(toMajorUnits(-1990, 'EUR')).toBe('-19.90')
  })

  it('should be exact for any safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (amount) => {
        const major = toMajorUnits(amount, 'EUR')
        expect(BigInt(major.replace('.', ''))).toBe(BigInt(amount))
      }),
    )
  })

  it('should throw for a fractional amount', () => {
    expect(() => toMajorUnits(1.5, 'EUR')).toThrow(RangeError)
  })
})

describe('parseMoney', () => {
  it('should read euros in French, English, German and Portuguese formats', () => {
    expect(parseMoney('39,80 €', 'EUR')).toBe(3980)
    expect(parseMoney('€39.80', 'EUR')).toBe(3980)
    expect(parseMoney('1.234,50 €', 'EUR')).toBe(123450)
    expect(parseMoney('€ 1.234,50', 'EUR')).toBe(123450)
    expect(parseMoney('1\u202f234,50\u00a0€', 'EUR')).toBe(123450)
  })

  it('should read Swiss apostrophes and Indian grouping', () => {
    expect(parseMoney('CHF 1’234.50', 'CHF')).toBe(123450)
    expect(parseMoney("CHF 1'234.50", 'CHF')).toBe(123450)
    expect(parseMoney('₹12,34,567.89', 'INR')).toBe(123456789)
  })

  it('should read yen with thousands separators', () => {
    expect(parseMoney('¥1,234', 'JPY')).toBe(1234)
    expect(parseMoney('1.234.568 JPY', 'JPY')).toBe(1234568)
    expect(parseMoney('¥500.00', 'JPY')).toBe(500)
  })

  it('should read three decimals for dinars', () => {
    expect(parseMoney('KWD 1.234', 'KWD')).toBe(1234)
    expect(parseMoney('1.234,567 KWD', 'KWD')).toBe(1234567)
    expect(parseMoney('KWD 1,234,567', 'KWD')).toBe(1234567000)
  })

  it('should treat a three-digit group as thousands for two-decimal currencies', () => {
    expect(parseMoney('1.234 €', 'EUR')).toBe(123400)
    expect(parseMoney('1,5 €', 'EUR')).toBe(150)
  })

  it('should read Arabic-Indic digits and bidi marks', () => {
    expect(parseMoney('\u200f\u200e١٢٫٥٠ €', 'EUR')).toBe(1250)
    expect(parseMoney('‏‎1,234.567 د.ك.‏', 'KWD')).toBe(1234567)
  })

  it('should read a negative amount', () => {
    expect(parseMoney('-€5.00', 'EUR')).toBe(-500)
  })

  it('should return null without exactly one number', () => {
    expect(parseMoney('free', 'EUR')).toBeNull()
    expect(parseMoney('5 € or 6 €', 'EUR')).toBeNull()
    expect(parseMoney('', 'EUR')).toBeNull()
  })

  it('should return null for decimals the currency cannot hold', () => {
    expect(parseMoney('¥5.5', 'JPY')).toBeNull()
    expect(parseMoney('€1.999', 'EUR')).toBe(199900)
  })

  it('should read back what formatMoney wrote in many locales', () => {
    const locales = ['en', 'fr', 'es', 'it', 'pt', 'de', 'ar-u-nu-latn', 'de-CH', 'en-IN', 'ja']
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'CHF', 'INR', 'BRL', 'CLF'),
        fc.constantFrom(...locales),
        (amount, currency, locale) => {
          expect(parseMoney(formatMoney(amount, currency, locale), currency)).toBe(amount)
        },
      ),
    )
  })
})
