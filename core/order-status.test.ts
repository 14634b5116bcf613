import { describe, expect, it } from 'vitest'
import { canMoveOrder, ORDER_STATUSES, statusSteps } from './order-status.ts'

describe('order status moves', () => {
  it('should let every status that is not final be cancelled, and nothing leave a final one', () => {
    for (const status of ORDER_STATUSES) {
      const final = ['completed', 'cancelled', 'expired'].includes(status)
      expect(canMoveOrder(status, 'cancelled')).toBe(!final)
    }
    expect(canMoveOrder('expired', 'pending')).toBe(false)
  })

  it('should find the fewest moves forward, skipping confirmed unless asked', () => {
    expect(statusSteps('pending', 'paid')).toEqual(['paid'])
    expect(statusSteps('pending', 'shipped')).toEqual(['paid', 'shipped'])
    expect(statusSteps('pending', 'confirmed')).toEqual(['confirmed'])
    expect(statusSteps('confirmed', 'completed')).toEqual(['paid', 'shipped', 'completed'])
    expect(statusSteps('shipped', 'cancelled')).toEqual(['cancelled'])
  })

  it('should find no way back, and none out of a final status', () => {
    expect(statusSteps('paid', 'confirmed')).toBeNull()
    expect(statusSteps('paid', 'paid')).toBeNull()
    expect(statusSteps('completed', 'cancelled')).toBeNull()
    expect(statusSteps('expired', 'cancelled')).toBeNull()
  })
})
