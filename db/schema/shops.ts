import type { Generated, Selectable } from 'kysely'
import type { PaymentMethod } from '../../core/payments/payment-method.ts'
import type { Json, JsonWithDefault } from './json.ts'

/** `{ mon: [['09:00', '18:00']], … }`: opening intervals per weekday in the shop's timezone. */
export type WeeklyHours = Partial<Record<Weekday, [string, string][]>>
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** A day the shop stays closed whatever its hours say: `YYYY-MM-DD` in the shop's timezone. */
export interface ClosedDate {
  date: string
  label?: string
}

/** Other ways to reach the shop, shown by the storefront and the widget. */
export interface ShopChannels {
  messenger?: string
  instagram?: string
  telegram?: string
  sms?: string
  email?: string
  phone?: string
}

/** A payment method as a shop stores it: a transfer method of core/payments, or Stripe Checkout. */
export type ShopPaymentMethod = PaymentMethod | { type: 'stripe' }

export interface ShopsTable {
  id: Generated<string>
  merchant_id: string
  slug: string
  name: string
  description: Generated<string>
  whatsapp_phone: string
  whatsapp_phone_number_id: string | null
  currency: string
  locale: Generated<string>
  timezone: Generated<string>
  logo_image: string | null
  address: Generated<string>
  business_hours: Json<WeeklyHours> | null
  /** Holidays and other closed days, at most 100. */
  closed_dates: JsonWithDefault<ClosedDate[]>
  channels: JsonWithDefault<ShopChannels>
  published: Generated<boolean>
  widget_settings: JsonWithDefault<Record<string, unknown>>
  /** Hours after which an unsent pending order lapses (1–720). */
  order_expiry_hours: Generated<number>
  /** The Meta catalog that product changes are synced to (digits), or null. */
  meta_catalog_id: string | null
  /** Chatcart sends the automatic order confirmation (on by default, needs an access token). */
  auto_confirm_reply: Generated<boolean>
  /** At most this many messages sent by Chatcart per calendar month (UTC); null = no cap. */
  monthly_message_cap: number | null
  /** The payment methods offered on the order page (core/payments `PaymentMethod`s, or `{type:'stripe'}`). */
  payments: JsonWithDefault<ShopPaymentMethod[]>
  /** The subtotal an order needs; null means none (migration 0017). */
  min_order_amount: number | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type ShopRow = Selectable<ShopsTable>
