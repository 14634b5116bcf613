/** Every status an order can have, in the order a shop's lists show them. */
export const ORDER_STATUSES = [
  'pending',
  'confirmed',
  'paid',
  'shipped',
  'completed',
  'cancelled',
  'expired',
] as const

export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Statuses in which the shopper may still pay (and the merchant mark the order paid). */
export const PAYABLE_STATUSES: ReadonlySet<OrderStatus> = new Set(['pending', 'confirmed'])

/** Statuses an order reaches only once paid. */
export const PAID_STATUSES: ReadonlySet<OrderStatus> = new Set(['paid', 'shipped', 'completed'])

/**
 * Where each status may go next in one move; every status not final may also be cancelled. A
 * pending order the merchant knows is paid (the customer paid without the message reaching us)
 * goes straight to paid: `confirmed` means its WhatsApp message arrived. An expired order's stock
 * is already back on the shelf; only a late WhatsApp message revives it.
 */
export const NEXT_STATUS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending: ['confirmed', 'paid', 'cancelled'],
  confirmed: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  expired: [],
}

/** Whether one move takes an order from `from` to `to`. */
export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUS[from].includes(to)
}

/**
 * The fewest moves that take an order from `from` to `to` (each a status the API accepts next),
 * or null when `to` cannot be reached: what the admin sends for "mark shipped" on a paid order.
 * @example statusSteps('pending', 'shipped') // ['paid', 'shipped']
 */
export function statusSteps(from: OrderStatus, to: OrderStatus): OrderStatus[] | null {
  const cameFrom = new Map<OrderStatus, OrderStatus>()
  const queue: OrderStatus[] = [from]
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    for (const next of NEXT_STATUS[status]) {
      if (next === from || cameFrom.has(next)) continue
      cameFrom.set(next, status)
      if (next === to) {
        const steps: OrderStatus[] = [to]
        for (let at = status; at !== from; at = cameFrom.get(at) as OrderStatus) steps.unshift(at)
        return steps
      }
      queue.push(next)
    }
  }
  return null
}
