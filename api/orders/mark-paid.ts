import { canMoveOrder } from '../../core/order-status.ts'
import type { Db } from '../../db/database.ts'
import { insertOrderEvent, lockOrder, setOrderPaid } from '../../db/orders.queries.ts'

/** A payment received for an order, by whatever method. */
export interface OrderPayment {
  shopId: string
  orderId: string
  /** 'stripe', 'pix', 'upi', 'sepa', 'paynow', 'promptpay', 'bank', 'cash' or 'other'. */
  method: string
  /** The payment's reference (a transfer id, Stripe's payment intent), if known. */
  reference?: string | null
  /** In the currency's minor units, if known. */
  amount?: number | null
  /** The amount's currency when the payer reported one; else the order's. */
  currency?: string
  /** Who marks it: 'stripe', 'merchant:<id>', … */
  actor: string
}

/**
 * Moves the order to paid once, from pending or confirmed: its row is locked, so of concurrent
 * calls one moves it and the others find it paid already. The paid_* columns record the method,
 * reference, amount and time, and one status_changed event carries them. `changed` is false when
 * the order was not payable (already paid, cancelled, expired) or is not the shop's.
 */
export async function markOrderPaid(db: Db, payment: OrderPayment): Promise<{ changed: boolean }> {
  return db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, payment.orderId)
    if (!order || order.shop_id !== payment.shopId || !canMoveOrder(order.status, 'paid')) {
      return { changed: false }
    }
    await setOrderPaid(trx, order.id, {
      method: payment.method,
      reference: payment.reference ?? null,
      amount: payment.amount ?? null,
      at: new Date(),
    })
    await insertOrderEvent(trx, {
      shop_id: order.shop_id,
      order_id: order.id,
      type: 'status_changed',
      from_status: order.status,
      to_status: 'paid',
      actor: payment.actor,
      data: JSON.stringify({
        method: payment.method,
        reference: payment.reference ?? null,
        amount: payment.amount ?? null,
        currency: payment.currency ?? order.currency,
      }),
    })
    return { changed: true }
  })
}
