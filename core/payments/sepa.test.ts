import { describe, expect, it } from 'vitest'
import { PaymentSettingsError } from './payment-order.ts'
import {
  decodeEpcQr,
  EPC_PAYLOAD_MAX_BYTES,
  encodeEpcQr,
  normalizeIban,
  sepaEpcQr,
  validateSepaSettings,
} from './sepa.ts'

/**
 * The sample of EPC069-12 ("Quick Response Code: Guidelines to Enable Data Capture for the
 * Initiation of a SEPA Credit Transfer"), as the Wikipedia article "EPC QR code" reproduces it:
 * version 001 with BIC, purpose CHAR, unstructured remittance text and a note to the payer.
 */
const EPC_EXAMPLE = [
  'BCD',
  '001',
  '1',
  'SCT',
  'BPOTBEB1',
  'Red Cross of Belgium',
  'BE72000000001616',
  'EUR1',
  'CHAR',
  '',
  'Urgency fund',
  'Sample EPC QR code',
].join('\n')

const shop = { iban: 'DE89 3704 0044 0532 0130 00', beneficiary: 'Café Klee', bic: null }
const order = { amount: 1234, currency: 'EUR', code: 'K7Q2M9' }

function settingsError(make: () => unknown): PaymentSettingsError {
  try {
    make()
  } catch (error) {
    if (error instanceof PaymentSettingsError) return error
    throw error
  }
  throw new Error('expected a PaymentSettingsError')
}

describe('decodeEpcQr and encodeEpcQr', () => {
  it("should read EPC069-12's sample and write it back byte for byte", () => {
    const fields = decodeEpcQr(EPC_EXAMPLE)
    expect(fields).toEqual({
      version: '001',
      bic: 'BPOTBEB1',
      beneficiary: 'Red Cross of Belgium',
      iban: 'BE72000000001616',
      amount: 100,
      purpose: 'CHAR',
      reference: '',
      text: 'Urgency fund',
      information: 'Sample EPC QR code',
    })
    expect(encodeEpcQr(fields)).toBe(EPC_EXAMPLE)
  })

  it('should read CRLF line ends and amounts with one or two decimals', () => {
    const fields = decodeEpcQr(EPC_EXAMPLE.replace('EUR1', 'EUR12.3').replaceAll('\n', '\r\n'))
    expect(fields.amount).toBe(1230)
    expect(decodeEpcQr(EPC_EXAMPLE.replace('EUR1', 'EUR0.01')).amount).toBe(1)
  })

  it('should refuse what the guidelines do not allow, naming the element', () => {
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('BCD', 'BCX'))).toThrow(/BCD/)
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('\n001\n', '\n003\n'))).toThrow(/version/)
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('EUR1', 'USD1'))).toThrow(/amount/)
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('EUR1', 'EUR1.234'))).toThrow(/amount/)
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('1616', '1617'))).toThrow(/IBAN/)
    // Version 001 needs the BIC; 002 may leave it out.
    expect(() => decodeEpcQr(EPC_EXAMPLE.replace('BPOTBEB1', ''))).toThrow(/BIC/)
    const v2 = EPC_EXAMPLE.replace('\n001\n', '\n002\n').replace('BPOTBEB1', '')
    expect(decodeEpcQr(v2).bic).toBe('')
  })

  it('should refuse a creditor reference and a text together, and over 331 bytes', () => {
    const fields = decodeEpcQr(EPC_EXAMPLE)
    expect(() => encodeEpcQr({ ...fields, reference: 'RF18539007547034' })).toThrow(/not both/)
    expect(() =>
      encodeEpcQr({ ...fields, beneficiary: 'ü'.repeat(70), text: '€'.repeat(140) }),
    ).toThrow(/over 331/)
  })
})

describe('sepaEpcQr', () => {
  it('should write version 002 without BIC, the amount in euros and the code as remittance text', () => {
    expect(sepaEpcQr(shop, order)).toBe(
      'BCD\n002\n1\nSCT\n\nCafé Klee\nDE89370400440532013000\nEUR12.34\n\n\nK7Q2M9',
    )
  })

  it('should write the BIC when the shop gave one, and the translated note with the code', () => {
    const payload = sepaEpcQr({ ...shop, bic: 'cobadeff xxx' }, order, 'Commande  K7Q2M9')
    expect(decodeEpcQr(payload)).toMatchObject({
      version: '002',
      bic: 'COBADEFFXXX',
      beneficiary: 'Café Klee',
      iban: 'DE89370400440532013000',
      amount: 1234,
      reference: '',
      text: 'Commande K7Q2M9',
    })
  })

  it('should round-trip amounts in cents', () => {
    for (const amount of [1, 10, 100, 1230, 99_999_999_999]) {
      expect(decodeEpcQr(sepaEpcQr(shop, { ...order, amount })).amount).toBe(amount)
    }
  })

  it('should fall back to the code alone when the note does not fit the 331 bytes', () => {
    const longName = { ...shop, beneficiary: 'ü'.repeat(70) }
    const payload = sepaEpcQr(longName, order, `${'€'.repeat(120)} K7Q2M9`)
    expect(decodeEpcQr(payload).text).toBe('K7Q2M9')
    expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(EPC_PAYLOAD_MAX_BYTES)
  })

  it('should refuse other currencies, amounts out of range and bad IBANs, naming the field', () => {
    expect(settingsError(() => sepaEpcQr(shop, { ...order, currency: 'CHF' })).field).toBe(
      'currency',
    )
    expect(settingsError(() => sepaEpcQr(shop, { ...order, amount: 100_000_000_000 })).field).toBe(
      'amount',
    )
    const bad = settingsError(() => sepaEpcQr({ ...shop, iban: 'DE89370400440532013001' }, order))
    expect([bad.field, bad.code]).toEqual(['iban', 'invalid_iban_checksum'])
  })
})

describe('normalizeIban', () => {
  it('should accept the IBAN examples of ISO 13616 / the EPC, in any spacing and case', () => {
    expect(normalizeIban('DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000')
    expect(normalizeIban('gb82 west 1234 5698 7654 32')).toBe('GB82WEST12345698765432')
    expect(normalizeIban('FR14 2004 1010 0505 0001 3M02 606')).toBe('FR1420041010050500013M02606')
    expect(normalizeIban('NL91ABNA0417164300')).toBe('NL91ABNA0417164300')
    // A country outside the length table is held to mod 97 and the general shape.
    expect(normalizeIban('SA03 8000 0000 6080 1016 7519')).toBe('SA0380000000608010167519')
  })

  it('should refuse a wrong check digit, a swapped pair and a wrong length, with the reason', () => {
    expect(normalizeIban('DE89370400440532013001')).toMatchObject({
      field: 'iban',
      code: 'invalid_iban_checksum',
    })
    expect(normalizeIban('DE89370400440532010300')).toMatchObject({ code: 'invalid_iban_checksum' })
    expect(normalizeIban('DE8937040044053201300')).toMatchObject({
      code: 'invalid_iban_length',
      message: expect.stringContaining('22'),
    })
    expect(normalizeIban('1234')).toMatchObject({ field: 'iban', code: 'invalid_iban' })
  })
})

describe('validateSepaSettings', () => {
  it('should name the field of bad settings', () => {
    expect(validateSepaSettings(shop)).toBeNull()
    expect(validateSepaSettings({ ...shop, bic: 'COBA' })).toMatchObject({ field: 'bic' })
    expect(validateSepaSettings({ ...shop, beneficiary: '' })).toMatchObject({
      field: 'beneficiary',
    })
    expect(validateSepaSettings({ ...shop, beneficiary: 'x'.repeat(71) })).toMatchObject({
      field: 'beneficiary',
    })
    expect(validateSepaSettings({ ...shop, beneficiary: 'Klee\nGmbH' })).toMatchObject({
      field: 'beneficiary',
    })
  })

  it('should refuse a name whose bytes leave no room for the largest order', () => {
    expect(validateSepaSettings({ ...shop, beneficiary: '中'.repeat(70) })).toBeNull()
    expect(validateSepaSettings({ ...shop, beneficiary: '😀'.repeat(70) })).toMatchObject({
      field: 'beneficiary',
      code: 'name_too_long',
    })
  })
})
