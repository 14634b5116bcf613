import { describe, expect, it } from 'vitest'
import {
  emptyDraft,
  generateVariants,
  moveItem,
  splitValues,
  validateDraft,
  variantSku,
} from './product-form.ts'

describe('product form', () => {
  it('should build variant SKUs from the product SKU and plain values', () => {
    expect(variantSku('TEE', ['M', 'Bleu ciel'])).toBe('TEE-M-BLEUCIEL')
  })

  it('should keep the SKU, price and stock of variants that still exist', () => {
    const draft = { ...emptyDraft(), sku: 'TEE', options: [{ name: 'Size', values: 'S, M' }] }
    const first = generateVariants(draft).map((v) =>
      v.options.Size === 'M' ? { ...v, sku: 'CUSTOM', price: 2100 } : v,
    )
    const next = generateVariants({
      ...draft,
      options: [{ name: 'Size', values: 'M, L' }],
      variants: first,
    })
    expect(next.map((v) => [v.sku, v.price])).toEqual([
      ['CUSTOM', 2100],
      ['TEE-L', null],
    ])
  })

  it('should name repeated option names and SKUs by their field', () => {
    const draft = {
      ...emptyDraft(),
      name: 'Tee',
      sku: 'TEE',
      price: 100,
      options: [
        { name: 'Size', values: 'S' },
        { name: 'Size', values: '' },
      ],
      variants: [{ sku: 'TEE', options: { Size: 'S' }, price: null, stock: 'x', active: true }],
    }
    expect(validateDraft(draft)).toEqual({
      'options.1.name': 'Each option name once',
      'options.1.values': 'Give at least one value',
      'variants.0.sku': 'This SKU is used twice',
      'variants.0.stock': 'Use a whole number',
    })
  })

  it('should split values without blanks or repeats and move list items', () => {
    expect(splitValues(' S, M,,S ')).toEqual(['S', 'M'])
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a'])
    expect(moveItem(['a', 'b'], 1, 5)).toEqual(['a', 'b'])
  })
})
