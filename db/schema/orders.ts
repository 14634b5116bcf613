import type { Generated, Selectable } from 'kysely'
import type { OrderStatus } from '../../core/order-status.ts'
import type { Json } from './json.ts'

export type { OrderStatus }
export type OrderSource = 'shop' | 'widget' | 'whatsapp'

export interface OrderMatch {
  messageId: string
  method: string
  edited: boolean
  differences: unknown[]
  /** The code came from another number than the one typed at checkout. */
  senderDiffers?: boolean
}

export interface OrdersTable {
  id: Generated<string>
  shop_id: string
  code: string
  token: string
  status: Generated<OrderStatus>
  source: Generated<OrderSource>
  currency: string
  locale: string
  subtotal: number
  shipping_total: Generated<number>
  total: number
  shipping_method_id: string | null
  shipping_method_name: string | null
  customer_name: string
  customer_phone: string | null
  /** The discount code used, as the owner typed it, and what it saved (migration 0017). */
  discount_id: string | null
  discount_code: string | null
  discount_total: Generated<number>
  /** The delivery area of the shipping method the order was priced for (migration 0018). */
  delivery_area: string | null
  /** The time slot booked at checkout (migration 0019). */
  slot_starts_at: Date | null
  slot_ends_at: Date | null
  customer_address: string | null
  customer_wa_id: string | null
  customer_user_id: string | null
  customer_profile_name: string | null
  /** The customer's WhatsApp username (shown where there is no number). */
  customer_username: string | null
  /** When the merchant first answered this order from the WhatsApp Business app. */
  merchant_replied_at: Date | null
  note: string | null
  message: Generated<string>
  match: Json<OrderMatch> | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  confirmed_at: Date | null
  /** When a pending order lapses and gives its stock back (set at creation; null once sent). */
  expires_at: Date | null
  /** Revived by a late message after its stock was sold: the merchant must check it. */
  out_of_stock_on_revival: Generated<boolean>
  /** How the order was paid: 'stripe', 'pix', 'cash', … (null while unpaid). */
  paid_method: string | null
  /** The payment's reference (a transfer id, Stripe's payment intent), if known. */
  paid_reference: string | null
  /** The amount received in the currency's minor units, if known. */
  paid_amount: number | null
  paid_at: Date | null
}
export type OrderRow = Selectable<OrdersTable>

export interface OrderItemsTable {
  id: Generated<string>
  shop_id: string
  order_id: string
  product_id: string | null
  variant_id: string | null
  sku: string
  name: string
  quantity: number
  unit_price: number
  line_total: number
  position: Generated<number>
  flags: Json<Record<string, unknown>> | null
}
export type OrderItemRow = Selectable<OrderItemsTable>

export interface OrderEventsTable {
  id: Generated<string>
  shop_id: string
  order_id: string
  type: string
  from_status: string | null
  to_status: string | null
  /** 'shopper', 'merchant:<id>', 'whatsapp' or 'system'. */
  actor: string
  data: Json<Record<string, unknown>> | null
  created_at: Generated<Date>
}

export interface IdempotencyKeysTable {
  shop_id: string
  key: string
  request_hash: string
  response_status: number | null
  response_body: Json<unknown> | null
  created_at: Generated<Date>
}
