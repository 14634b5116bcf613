import { describe, expect, it } from 'vitest'
import { byStockLockOrder } from './stock-lock-order.ts'

describe('byStockLockOrder', () => {
  it('should put products before variants, each by id in byte order', () => {
    const rows = [
      {
        productId: 'b0000000-0000-4000-8000-000000000000',
        variantId: 'a0000000-0000-4000-8000-000000000000',
      },
      { productId: 'f0000000-0000-4000-8000-000000000000', variantId: null },
      { productId: '10000000-0000-4000-8000-000000000000', variantId: null },
      {
        productId: 'b0000000-0000-4000-8000-000000000000',
        variantId: '90000000-0000-4000-8000-000000000000',
      },
    ]
    expect(byStockLockOrder(rows).map((r) => r.variantId ?? r.productId)).toEqual([
      '10000000-0000-4000-8000-000000000000',
      'f0000000-0000-4000-8000-000000000000',
      '90000000-0000-4000-8000-000000000000',
      'a0000000-0000-4000-8000-000000000000',
    ])
  })

  it('should order digits before letters, as PostgreSQL orders uuids', () => {
    const ids = ['a', '9', 'f', '0'].map((c) => `${c}0000000-0000-4000-8000-000000000000`)
    const sorted = byStockLockOrder(ids.map((productId) => ({ productId, variantId: null })))
    expect(sorted.map((r) => r.productId[0])).toEqual(['0', '9', 'a', 'f'])
  })
})
