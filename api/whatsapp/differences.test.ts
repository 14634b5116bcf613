import { describe, expect, it } from 'vitest'
import { parseOrderMessage } from '../../core/order-message.ts'
import { orderMessageDifferences } from './differences.ts'

const order = {
  items: [
    { name: 'T-shirt (M)', quantity: 2 },
    { name: 'Mug', quantity: 1 },
  ],
  total: 5180,
}

function differencesOf(text: string) {
  const parsed = parseOrderMessage(text, 'EUR')
  if (!parsed) throw new Error('not an order message')
  return orderMessageDifferences(order, parsed)
}

describe('orderMessageDifferences', () => {
  it('should find nothing when the message is the order', () => {
    const text = 'Order #K7Q2M9\n\n2 × T-shirt (M) — €39.80\n1 × Mug — €12.00\n\nTotal: €51.80'
    expect(differencesOf(text)).toEqual([])
  })

  it('should report a changed quantity and total', () => {
    const text = 'Order #K7Q2M9\n\n3 × T-shirt (M) — €59.70\n1 × Mug — €12.00\n\nTotal: €71.70'
    expect(differencesOf(text)).toEqual([
      { kind: 'quantity', name: 'T-shirt (M)', expected: 2, got: 3 },
      { kind: 'total', expected: 5180, got: 7170 },
    ])
  })

  it('should report added and removed items', () => {
    const text = 'Order #K7Q2M9\n\n2 × T-shirt (M) — €39.80\n1 × Poster — €5.00'
    expect(differencesOf(text)).toEqual([
      { kind: 'added', name: 'Poster', quantity: 1 },
      { kind: 'removed', name: 'Mug', quantity: 1 },
    ])
  })

  it('should match a name the message shortened with …', () => {
    const text = 'Order #K7Q2M9\n\n2 × T-sh… — €39.80\n1 × Mug — €12.00'
    expect(differencesOf(text)).toEqual([])
  })

  it('should not report missing items when the message summarised them', () => {
    const text = 'Order #K7Q2M9\n\n2 × T-shirt (M) — €39.80\n… and 1 more item\n\nTotal: €51.80'
    expect(differencesOf(text)).toEqual([])
  })

  it('should compare nothing but the total when the message lists no items', () => {
    expect(differencesOf('Order #K7Q2M9 Total: €51.80')).toEqual([])
  })
})
