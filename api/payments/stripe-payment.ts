import type { Db } from '../../db/database.ts'
import { markOrderPaid } from '../orders/mark-paid.ts'

/** A payment Stripe reported for an order. */
export interface StripePayment {
  shopId: string
  orderId: string
  /** The payment intent (`pi_…`), else the Checkout Session (`cs_…`). */
  reference: string
  /** In the currency's ISO 4217 minor units. */
  amount: number
  currency: string
}

/**
 * Moves the order to paid once: its row is locked, so of concurrent deliveries of the same event
 * one moves it and the others find it paid already. The status_changed event carries the method,
 * the reference and the amount. `changed` is false when the order was not payable (already paid,
 * cancelled, expired) or is not the shop's.
 */
export function markOrderPaidByStripe(
  db: Db,
  payment: StripePayment,
): Promise<{ changed: boolean }> {
  return markOrderPaid(db, { ...payment, method: 'stripe', actor: 'stripe' })
}
