import type { ParsedOrderMessage } from '../../core/order-message.ts'

/** What a customer changed in the order message compared with the order we stored. */
export type OrderDifference =
  | { kind: 'quantity'; name: string; expected: number; got: number }
  | { kind: 'added'; name: string; quantity: number }
  | { kind: 'removed'; name: string; quantity: number }
  | { kind: 'total'; expected: number; got: number }

/** The order as the comparison needs it: item names and quantities, total in minor units. */
export interface StoredOrderSummary {
  items: { name: string; quantity: number }[]
  total: number
}

function comparable(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

function sameItem(stored: string, written: string): boolean {
  const a = comparable(stored)
  const b = comparable(written)
  if (a === b) return true
  // Long names are shortened with "…" in the message when the link would be too long
  // (NFKC has turned it into "...").
  const prefix = b.endsWith('...') ? b.slice(0, -3).trimEnd() : ''
  return prefix !== '' && a.startsWith(prefix)
}

/**
 * Lists what differs between the items and total of a message the customer sent and the order
 * they were for. Items are compared by name; when the message shows no item lines (a short
 * message, or one summarised as "… and N more items"), missing items are not reported.
 */
export function orderMessageDifferences(
  order: StoredOrderSummary,
  parsed: ParsedOrderMessage,
): OrderDifference[] {
  const differences: OrderDifference[] = []
  if (parsed.items.length > 0) {
    const unused = [...order.items]
    for (const item of parsed.items) {
      const index = unused.findIndex((stored) => sameItem(stored.name, item.name))
      const stored = unused[index]
      if (stored === undefined) {
        differences.push({ kind: 'added', name: item.name, quantity: item.quantity })
        continue
      }
      unused.splice(index, 1)
      if (stored.quantity !== item.quantity) {
        differences.push({
          kind: 'quantity',
          name: stored.name,
          expected: stored.quantity,
          got: item.quantity,
        })
      }
    }
    if (parsed.omittedItems === 0) {
      for (const stored of unused) {
        differences.push({ kind: 'removed', name: stored.name, quantity: stored.quantity })
      }
    }
  }
  if (parsed.total !== null && parsed.total !== order.total) {
    differences.push({ kind: 'total', expected: order.total, got: parsed.total })
  }
  return differences
}
