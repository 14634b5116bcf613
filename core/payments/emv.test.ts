import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc16, decodeEmv, EmvDecodeError, emvField, emvPayload, emvText, emvValue } from './emv.ts'

/**
 * The example payload of EMVCo's "EMV® QR Code Specification for Payment Systems (EMV QRCPS)
 * Merchant-Presented Mode" v1.1, Appendix A, with its CRC A13A: two merchant account templates,
 * a Chinese merchant name and city in the language template 64 (lengths in characters), the
 * additional data template and an unreserved template 91.
 */
const EMVCO_EXAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN' +
  '5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.72530315655020162330304' +
  '12340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A'

describe('crc16', () => {
  it('should give the check value 29B1 of CRC-16/CCITT-FALSE for "123456789"', () => {
    // The check value of CRC-16/IBM-3740 (alias CCITT-FALSE) in Greg Cook's CRC catalogue.
    expect(crc16('123456789')).toBe('29B1')
  })

  it('should pad to four upper-case hex digits', () => {
    expect(crc16('')).toBe('FFFF')
    expect(crc16('hello')).toMatch(/^[0-9A-F]{4}$/)
  })

  it('should checksum the UTF-8 bytes, as the EMVCo example with Chinese text needs', () => {
    expect(crc16(EMVCO_EXAMPLE.slice(0, -4))).toBe('A13A')
  })
})

describe('emvField', () => {
  it('should write ID, two-digit length and value', () => {
    expect(emvField('58', 'BR')).toBe('5802BR')
    expect(emvField('59', 'A'.repeat(25))).toBe(`5925${'A'.repeat(25)}`)
  })

  it('should count characters, not bytes', () => {
    expect(emvField('01', '最佳运输')).toBe('0104最佳运输')
  })

  it('should refuse empty values, values over 99 characters and bad IDs', () => {
    expect(() => emvField('59', '')).toThrow(RangeError)
    expect(() => emvField('59', 'x'.repeat(100))).toThrow(RangeError)
    expect(() => emvField('5', 'x')).toThrow(RangeError)
  })
})

describe('decodeEmv', () => {
  it("should read EMVCo's example, templates and UTF-8 language template included", () => {
    const fields = decodeEmv(EMVCO_EXAMPLE)
    expect(fields.map((field) => field.id)).toEqual([
      '00',
      '01',
      '29',
      '31',
      '52',
      '58',
      '59',
      '60',
      '64',
      '54',
      '53',
      '55',
      '62',
      '91',
      '63',
    ])
    expect(emvValue(fields, '29', '05')).toBe('A93FO3230Q')
    expect(emvValue(fields, '31', '03')).toBe('12345678')
    expect(emvValue(fields, '59')).toBe('BEST TRANSPORT')
    expect(emvValue(fields, '64', '01')).toBe('最佳运输')
    expect(emvValue(fields, '64', '02')).toBe('北京')
    expect(emvValue(fields, '54')).toBe('23.72')
    expect(emvValue(fields, '62', '06')).toBe('***')
    expect(emvValue(fields, '62', '09')).toBe('ME')
    expect(emvValue(fields, '91', '00')).toBe('A011223344998877')
  })

  it('should read a PayNow SGQR code scanned at a Singapore merchant, with its SGQR template 51', () => {
    // A real SGQR label decoded in "Peeking PayNow" (2021); its CRC A177 is the label's own.
    const sgqr =
      '00020101021126430009SG.PAYNOW010120210T04SS0129D030110502QS51810007SG.SGQR0112210730317' +
      '41D020701.00010306600316040201050327906040000070820210730520400005303702' +
      '5802SG5925LOVING HEART MULTI-SERVIC6009Singapore6304A177'
    const fields = decodeEmv(sgqr)
    expect(emvValue(fields, '26', '02')).toBe('T04SS0129D')
    expect(emvValue(fields, '51', '00')).toBe('SG.SGQR')
  })

  it('should refuse a payload whose CRC does not match, naming both', () => {
    const broken = EMVCO_EXAMPLE.replace('23.72', '23.73')
    expect(() => decodeEmv(broken)).toThrow(EmvDecodeError)
    expect(() => decodeEmv(broken)).toThrow(/CRC is A13A/)
  })

  it('should refuse a payload without the format indicator first or the CRC last', () => {
    expect(() => decodeEmv(emvPayload(['5802BR']))).toThrow(/payload format indicator/)
    expect(() => decodeEmv('0002015802BR')).toThrow(/CRC data object/)
  })

  it('should refuse a data object longer than what is left, and a repeated ID', () => {
    expect(() => decodeEmv('0002015809BR6304ABCD')).toThrow(EmvDecodeError)
    expect(() => decodeEmv(emvPayload(['000201', '5802BR', '5802BR']))).toThrow(/repeated/)
  })

  it('should refuse a template whose inner data objects do not add up', () => {
    expect(() => decodeEmv(emvPayload(['000201', emvField('26', '0014br.gov')]))).toThrow(
      /template 26/,
    )
  })

  it('should give back any payload it encodes', () => {
    const value = fc.stringMatching(/^[\x20-\x7e\u00e0-\u00ff\u4e00-\u4e10]{1,99}$/)
    const id = fc.integer({ min: 52, max: 61 }).map((n) => String(n))
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(id, value), { selector: ([key]) => key }), (pairs) => {
        const payload = emvPayload(['000201', ...pairs.map(([key, text]) => emvField(key, text))])
        const fields = decodeEmv(payload)
        expect(fields.slice(1, -1).map(({ id: key, value: text }) => [key, text])).toEqual(pairs)
      }),
    )
  })
})

describe('emvText', () => {
  it('should transliterate accents and other scripts to printable ASCII', () => {
    expect(emvText('São Paulo', 15)).toBe('Sao Paulo')
    expect(emvText('Ελένη', 25)).toBe('Eleni')
    expect(emvText('Crème brûlée & Co', 25)).toBe('Creme brulee & Co')
    expect(emvText('ＡＢＣ　Café', 25)).toBe('ABC Cafe')
  })

  it('should cut to the length and trim what the cut leaves', () => {
    expect(emvText('Padaria Pão de Açúcar Ltda.', 25)).toBe('Padaria Pao de Acucar Ltd')
    expect(emvText('Rio de Janeiro Centro', 15)).toBe('Rio de Janeiro')
  })

  it('should give an empty string when nothing readable is left', () => {
    expect(emvText('\u0000\u200b  ', 25)).toBe('')
  })
})
