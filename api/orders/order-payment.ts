import { z } from 'zod'
import { MAX_AMOUNT } from '../../core/money.ts'
import { PAID_STATUSES, PAYABLE_STATUSES } from '../../core/order-status.ts'
import {
  type PaymentMethod,
  type PaymentRequest,
  paymentRequest,
} from '../../core/payments/payment-method.ts'
import { PaymentSettingsError } from '../../core/payments/payment-order.ts'
import type { DbOrTrx } from '../../db/database.ts'
import type { OrderRow } from '../../db/schema/orders.ts'
import type { ShopPaymentMethod } from '../../db/schema/shops.ts'
import type { AppConfig } from '../config.ts'
import {
  type StripePaymentEntry,
  stripeCheckoutOrder,
  stripePaymentEntry,
} from '../payments/stripe.ts'

/** What "mark paid" takes: how the money came, and its reference and amount if known. */
export const markPaidSchema = z.strictObject({
  method: z.enum(['cash', 'bank', 'pix', 'upi', 'sepa', 'paynow', 'promptpay', 'stripe', 'other']),
  reference: z.string().trim().min(1).max(200).nullable().optional(),
  /** In the currency's minor units. */
  amount: z.number().int('use minor units').min(0).max(MAX_AMOUNT).nullable().optional(),
})

/** How the order was paid, once it is. */
export interface PaidPayment {
  status: 'paid'
  method: string | null
  reference: string | null
  amount: number | null
  paidAt: string | null
}

/** The `payment` of an order: how it was paid, or what the shopper may pay it with. */
export type OrderPayment =
  | PaidPayment
  | { status: 'unpaid'; methods: (PaymentRequest | StripePaymentEntry)[] }

/** The paid part of an order, or null while it is unpaid. */
export function paidPayment(order: OrderRow): PaidPayment | null {
  if (!order.paid_at && !PAID_STATUSES.has(order.status)) return null
  return {
    status: 'paid',
    method: order.paid_method,
    reference: order.paid_reference,
    amount: order.paid_amount,
    paidAt: order.paid_at?.toISOString() ?? null,
  }
}

/**
 * What the order page shows under "how to pay": the paid payment, or each of the shop's methods
 * made for this order (amount, currency and the order code as the reference). A method whose
 * payload cannot be made for this order (an amount over its limit) is left out, as is Stripe when
 * it has no Checkout page to offer now. A cancelled or expired order offers none.
 */
export async function orderPayment(
  db: DbOrTrx,
  config: AppConfig,
  order: OrderRow & { shop_name: string },
  methods: ShopPaymentMethod[],
  clientKey: string,
): Promise<OrderPayment> {
  const paid = paidPayment(order)
  if (paid) return paid
  if (!PAYABLE_STATUSES.has(order.status)) return { status: 'unpaid', methods: [] }
  const offered: (PaymentRequest | StripePaymentEntry | null)[] = await Promise.all(
    methods.map(async (method) => {
      if (method.type === 'stripe') {
        return stripePaymentEntry(db, config, stripeCheckoutOrder(order), clientKey)
      }
      try {
        return paymentRequest(
          method as PaymentMethod,
          { amount: order.total, currency: order.currency, code: order.code },
          { expiresAt: order.expires_at ?? undefined },
        )
      } catch (error) {
        if (error instanceof PaymentSettingsError) return null
        throw error
      }
    }),
  )
  return { status: 'unpaid', methods: offered.filter((m) => m !== null) }
}
