import { describe, expect, it } from 'vitest'
import { decodeEmv, emvValue } from './emv.ts'
import { PaymentSettingsError } from './payment-order.ts'
import { encodeBrCode, normalizePixKey, pixBrCode, validatePixSettings } from './pix.ts'

/**
 * The static BR Code example of the Banco Central do Brasil's "Manual de Padrões para Iniciação
 * do Pix" (BR Code section): random key, no amount, no txid (`***`), CRC 1D3D.
 */
const BCB_STATIC_EXAMPLE =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR' +
  '5913Fulano de Tal6008BRASILIA62070503***63041D3D'

const shop = {
  key: '+55 61 91234-5678',
  merchantName: 'Padaria Pão de Açúcar Ltda.',
  merchantCity: 'São José dos Campos',
}
const order = { amount: 1234, currency: 'BRL', code: 'K7Q2M9' }

function settingsError(make: () => unknown): PaymentSettingsError {
  try {
    make()
  } catch (error) {
    if (error instanceof PaymentSettingsError) return error
    throw error
  }
  throw new Error('expected a PaymentSettingsError')
}

describe('encodeBrCode', () => {
  it("should reproduce the Banco Central's static example byte for byte, CRC included", () => {
    const code = encodeBrCode({
      key: '123e4567-e12b-12d1-a456-426655440000',
      merchantName: 'Fulano de Tal',
      merchantCity: 'BRASILIA',
      amount: null,
      txid: '***',
    })
    expect(code).toBe(BCB_STATIC_EXAMPLE)
  })
})

describe('pixBrCode', () => {
  it('should carry the key, the amount in reais, ASCII name and city and the code as txid', () => {
    // CRC AEFB checked with Python's binascii.crc_hqx(payload, 0xFFFF), another implementation.
    expect(pixBrCode(shop, order)).toBe(
      '00020126360014br.gov.bcb.pix0114+5561912345678520400005303986540512.345802BR' +
        '5925Padaria Pao de Acucar Ltd6015Sao Jose dos Ca62100506K7Q2M96304AEFB',
    )
  })

  it('should round-trip through the decoder with the fields of the manual', () => {
    const fields = decodeEmv(pixBrCode(shop, { ...order, amount: 5 }))
    expect(emvValue(fields, '26', '00')).toBe('br.gov.bcb.pix')
    expect(emvValue(fields, '26', '01')).toBe('+5561912345678')
    expect(emvValue(fields, '52')).toBe('0000')
    expect(emvValue(fields, '53')).toBe('986')
    expect(emvValue(fields, '54')).toBe('0.05')
    expect(emvValue(fields, '58')).toBe('BR')
    expect(emvValue(fields, '62', '05')).toBe('K7Q2M9')
  })

  it('should keep the name to 25 and the city to 15 characters of ASCII', () => {
    const fields = decodeEmv(
      pixBrCode(
        {
          ...shop,
          merchantName: 'Açaí do Zé — Comércio de Frutas',
          merchantCity: 'Ribeirão Preto',
        },
        order,
      ),
    )
    expect(emvValue(fields, '59')).toBe('Acai do Ze -- Comercio de')
    expect(emvValue(fields, '60')).toBe('Ribeirao Preto')
    for (const field of fields) expect(field.value).toMatch(/^[\x20-\x7e]+$/)
  })

  it('should fit the longest e-mail key (77 characters) in template 26 (99 characters)', () => {
    const longest = `${'a'.repeat(65)}@example.com`
    expect(longest).toHaveLength(77)
    const fields = decodeEmv(pixBrCode({ ...shop, key: longest }, order))
    expect(emvValue(fields, '26')).toHaveLength(99)
    expect(emvValue(fields, '26', '01')).toBe(longest)
  })

  it('should write the largest amount field 54 holds, 13 characters', () => {
    const fields = decodeEmv(pixBrCode(shop, { ...order, amount: 999_999_999_999 }))
    expect(emvValue(fields, '54')).toBe('9999999999.99')
    expect(settingsError(() => pixBrCode(shop, { ...order, amount: 1e12 })).field).toBe('amount')
  })

  it('should refuse another currency, naming the currency', () => {
    const error = settingsError(() => pixBrCode(shop, { ...order, currency: 'EUR' }))
    expect(error.field).toBe('currency')
    expect(error.code).toBe('unsupported_currency')
  })

  it('should refuse amounts that are not a positive whole number of centavos', () => {
    for (const amount of [0, -5, 12.5, Number.NaN]) {
      expect(settingsError(() => pixBrCode(shop, { ...order, amount })).field).toBe('amount')
    }
  })

  it('should refuse a txid that is not 1 to 25 letters and digits', () => {
    for (const code of ['K7Q-2M9', '', 'A'.repeat(26)]) {
      expect(settingsError(() => pixBrCode(shop, { ...order, code })).field).toBe('code')
    }
  })

  it('should refuse bad settings with the field', () => {
    expect(settingsError(() => pixBrCode({ ...shop, key: 'nope' }, order)).field).toBe('key')
    expect(settingsError(() => pixBrCode({ ...shop, merchantName: ' ' }, order)).field).toBe(
      'merchantName',
    )
  })
})

describe('normalizePixKey', () => {
  it('should store CPF and CNPJ without punctuation after checking their digits', () => {
    expect(normalizePixKey('529.982.247-25')).toEqual({ kind: 'cpf', key: '52998224725' })
    expect(normalizePixKey('11.222.333/0001-81')).toEqual({ kind: 'cnpj', key: '11222333000181' })
  })

  it('should accept the alphanumeric CNPJ of July 2026 (Receita Federal example)', () => {
    expect(normalizePixKey('12.ABC.345/01DE-35')).toEqual({ kind: 'cnpj', key: '12ABC34501DE35' })
  })

  it('should refuse a CPF or CNPJ whose check digits are wrong, or one digit repeated', () => {
    for (const key of [
      '529.982.247-26',
      '111.111.111-11',
      '11.222.333/0001-82',
      '12ABC34501DE36',
    ]) {
      expect(normalizePixKey(key)).toMatchObject({ field: 'key', code: 'invalid_pix_key' })
    }
  })

  it('should write phone keys as +55 and the number', () => {
    expect(normalizePixKey('+55 (61) 91234-5678')).toEqual({ kind: 'phone', key: '+5561912345678' })
    expect(normalizePixKey('5561912345678')).toEqual({ kind: 'phone', key: '+5561912345678' })
    expect(normalizePixKey('+1 415 555 0100')).toMatchObject({ field: 'key' })
  })

  it('should take 11 digits as a CPF and hint at +55 when they are not one', () => {
    expect(normalizePixKey('(61) 91234-5678')).toMatchObject({
      field: 'key',
      message: expect.stringContaining('+55'),
    })
  })

  it('should lower-case e-mails and random keys', () => {
    expect(normalizePixKey(' Loja@Example.COM ')).toEqual({
      kind: 'email',
      key: 'loja@example.com',
    })
    expect(normalizePixKey('123E4567-E12B-12D1-A456-426655440000')).toEqual({
      kind: 'evp',
      key: '123e4567-e12b-12d1-a456-426655440000',
    })
    expect(normalizePixKey(`${'a'.repeat(66)}@example.com`)).toMatchObject({ field: 'key' })
    expect(normalizePixKey('loja@@example.com')).toMatchObject({ field: 'key' })
  })
})

describe('validatePixSettings', () => {
  it('should pass good settings and name the field of bad ones', () => {
    expect(validatePixSettings(shop)).toBeNull()
    expect(validatePixSettings({ ...shop, merchantCity: '—' })).toMatchObject({
      field: 'merchantCity',
    })
    expect(validatePixSettings({ ...shop, key: '' })).toMatchObject({ field: 'key' })
  })
})
