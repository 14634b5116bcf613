import type { Kysely, Transaction } from 'kysely'
import type { CategoriesTable } from './schema/categories.ts'
import type { DiscountsTable } from './schema/discounts.ts'
import type { ImagesTable } from './schema/images.ts'
import type { MerchantsTable } from './schema/merchants.ts'
import type {
  AnalyticsEventsTable,
  InboundMessagesTable,
  OutboundMessagesTable,
  WebhookDeliveriesTable,
} from './schema/messages.ts'
import type { MetaCatalogItemsTable } from './schema/meta-catalog-items.ts'
import type {
  IdempotencyKeysTable,
  OrderEventsTable,
  OrderItemsTable,
  OrdersTable,
} from './schema/orders.ts'
import type { PasswordResetsTable } from './schema/password-resets.ts'
import type { ProductsTable, ProductVariantsTable } from './schema/products.ts'
import type { InvitesTable, RateLimitsTable, SessionsTable } from './schema/sessions.ts'
import type { ShippingMethodsTable } from './schema/shipping-methods.ts'
import type { ShopsTable } from './schema/shops.ts'
import type { SlotBookingsTable } from './schema/slot-bookings.ts'
import type { StripeCheckoutSessionsTable } from './schema/stripe-checkout-sessions.ts'

/** Every table of the product; the only description of the schema that app code uses. */
export interface Database {
  merchants: MerchantsTable
  sessions: SessionsTable
  invites: InvitesTable
  password_resets: PasswordResetsTable
  rate_limits: RateLimitsTable
  shops: ShopsTable
  images: ImagesTable
  categories: CategoriesTable
  products: ProductsTable
  product_variants: ProductVariantsTable
  shipping_methods: ShippingMethodsTable
  orders: OrdersTable
  order_items: OrderItemsTable
  order_events: OrderEventsTable
  idempotency_keys: IdempotencyKeysTable
  webhook_deliveries: WebhookDeliveriesTable
  inbound_messages: InboundMessagesTable
  outbound_messages: OutboundMessagesTable
  analytics_events: AnalyticsEventsTable
  meta_catalog_items: MetaCatalogItemsTable
  stripe_checkout_sessions: StripeCheckoutSessionsTable
  discounts: DiscountsTable
  slot_bookings: SlotBookingsTable
}

export type Db = Kysely<Database>
/** A database handle or an open transaction: what every query function takes. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>
