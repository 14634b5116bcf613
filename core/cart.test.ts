import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CatalogItem, orderTotals, priceLines, shippingCost } from './cart.ts'

const catalog = new Map<string, CatalogItem>([
  ['TEE-M', { name: 'T-shirt (M)', price: 1990, stock: null }],
  ['MUG', { name: 'Mug', price: 1200, stock: 3 }],
  ['CAP', { name: 'Cap', price: 1500, stock: 0 }],
])
const lookup = (sku: string) => catalog.get(sku)

describe('priceLines', () => {
  it('should price lines from the catalog', () => {
    const cart = priceLines(
      [
        { sku: 'TEE-M', quantity: 2 },
        { sku: 'MUG', quantity: 1 },
      ],
      lookup,
    )
    expect(cart).toEqual({
      lines: [
        { sku: 'TEE-M', name: 'T-shirt (M)', quantity: 2, unitPrice: 1990, lineTotal: 3980 },
        { sku: 'MUG', name: 'Mug', quantity: 1, unitPrice: 1200, lineTotal: 1200 },
      ],
      subtotal: 5180,
      issues: [],
    })
  })

  it('should merge lines with the same SKU', () => {
    const cart = priceLines(
      [
        { sku: 'TEE-M', quantity: 1 },
        { sku: 'TEE-M', quantity: 2 },
      ],
      lookup,
    )
    expect(cart.lines).toHaveLength(1)
    expect(cart.lines[0]?.quantity).toBe(3)
  })

  it('should drop unknown SKUs and report them', () => {
    const cart = priceLines([{ sku: 'NOPE', quantity: 1 }], lookup)
    expect(cart.lines).toEqual([])
    expect(cart.issues).toEqual([{ sku: 'NOPE', reason: 'unknown_sku' }])
  })

  it('should drop zero, negative and fractional quantities', () => {
    const cart = priceLines(
      [
        { sku: 'MUG', quantity: 0 },
        { sku: 'MUG', quantity: -1 },
        { sku: 'MUG', quantity: 1.5 },
      ],
      lookup,
    )
    expect(cart.lines).toEqual([])
    expect(cart.issues.map((issue) => issue.reason)).toEqual([
      'invalid_quantity',
      'invalid_quantity',
      'invalid_quantity',
    ])
  })

  it('should reduce a quantity to the stock left', () => {
    const cart = priceLines([{ sku: 'MUG', quantity: 5 }], lookup)
    expect(cart.lines[0]?.quantity).toBe(3)
    expect(cart.subtotal).toBe(3600)
    expect(cart.issues).toEqual([
      { sku: 'MUG', reason: 'insufficient_stock', requested: 5, available: 3 },
    ])
  })

  it('should drop an item that is out of stock', () => {
    const cart = priceLines([{ sku: 'CAP', quantity: 1 }], lookup)
    expect(cart.lines).toEqual([])
    expect(cart.issues).toEqual([{ sku: 'CAP', reason: 'out_of_stock' }])
  })

  it('should refuse quantities whose total overflows safe integers', () => {
    const cart = priceLines([{ sku: 'TEE-M', quantity: Number.MAX_SAFE_INTEGER }], lookup)
    expect(cart.lines).toEqual([])
    expect(cart.issues[0]?.reason).toBe('invalid_quantity')
  })

  it('should make the subtotal the sum of line totals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sku: fc.constantFrom('TEE-M', 'MUG', 'CAP', 'NOPE'),
            quantity: fc.integer({ min: -2, max: 50 }),
          }),
        ),
        (lines) => {
          const cart = priceLines(lines, lookup)
          expect(cart.subtotal).toBe(cart.lines.reduce((sum, line) => sum + line.lineTotal, 0))
          for (const line of cart.lines) {
            expect(line.lineTotal).toBe(line.unitPrice * line.quantity)
          }
        },
      ),
    )
  })
})

describe('shippingCost', () => {
  it('should charge the price below the threshold', () => {
    expect(shippingCost({ price: 500, freeOver: 5000 }, 4999)).toBe(500)
  })

  it('should be free at and above the threshold', () => {
    expect(shippingCost({ price: 500, freeOver: 5000 }, 5000)).toBe(0)
    expect(shippingCost({ price: 500, freeOver: 5000 }, 9000)).toBe(0)
  })

  it('should never be free without a threshold', () => {
    expect(shippingCost({ price: 500, freeOver: null }, 1e9)).toBe(500)
  })
})

describe('orderTotals', () => {
  it('should add shipping to the subtotal', () => {
    expect(orderTotals(3980, { price: 500, freeOver: null })).toEqual({
      subtotal: 3980,
      shippingTotal: 500,
      total: 4480,
    })
  })

  it('should charge no shipping without a method', () => {
    expect(orderTotals(3980, null)).toEqual({ subtotal: 3980, shippingTotal: 0, total: 3980 })
  })
})
