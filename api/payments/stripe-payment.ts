import { canMoveOrder } from '../../core/order-status.ts'
import type { Db } from '../../db/database.ts'
import { insertOrderEvent, lockOrder, updateOrderStatus } from '../../db/orders.queries.ts'

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
export async function markOrderPaidByStripe(
  db: Db,
  payment: StripePayment,
): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, payment.orderId)
    if (!order || order.shop_id !== payment.shopId || !canMoveOrder(order.status, 'paid')) {
      return { changed: false }
    }
    await updateOrderStatus(trx, order.id, 'paid')
    await insertOrderEvent(trx, {
      shop_id: order.shop_id,
      order_id: order.id,
      type: 'status_changed',
      from_status: order.status,
      to_status: 'paid',
      actor: 'stripe',
      data: JSON.stringify({
        method: 'stripe',
        reference: payment.reference,
        amount: payment.amount,
        currency: payment.currency,
      }),
    })
    return { changed: true }
  })
}
