import {
  categoryJson,
  imageJson,
  ownerProductJson,
  shippingMethodJson,
} from '../../../api/catalog/catalog-json.ts'
import type { MetaSyncJson } from '../../../api/catalog-sync/sync-state.ts'
import { discountJson } from '../../../api/discounts/discount-json.ts'
import { ownerOrderJson } from '../../../api/orders/order-json.ts'
import { ownerShopJson } from '../../../api/shops/shop-json.ts'
import {
  inboundMessageJson,
  inboxMessageJson,
  orderSummaryJson,
  whatsappDiagnosticJson,
} from '../../../api/whatsapp/inbox-json.ts'
import { PHONE_SUGGESTION } from '../../../api/whatsapp/process.ts'
import type { InboundMessageRow } from '../../../db/inbound-messages.queries.ts'
import type { CategoryRow } from '../../../db/schema/categories.ts'
import type { DiscountRow } from '../../../db/schema/discounts.ts'
import type { OrderItemRow, OrderRow } from '../../../db/schema/orders.ts'
import type { ProductRow, ProductVariantRow } from '../../../db/schema/products.ts'
import type { ShippingMethodRow } from '../../../db/schema/shipping-methods.ts'
import type { ShopRow } from '../../../db/schema/shops.ts'
import type {
  Category,
  InboxMessage,
  Order,
  Product,
  ShippingMethod,
  Shop,
  UploadedImage,
  WhatsAppDiagnostic,
} from '../api.ts'
import type { Discount } from '../screens/Discounts.tsx'

// The admin's component tests answer with JSON made by the server's own mappers from database
// rows, so a field renamed or reshaped on the server fails them.

const CREATED = new Date('2026-12-01T10:00:00.000Z')
const PUBLIC_URL = 'https://chatcart.example'

/** An order row as the database holds it, with `changes` applied. */
export function orderRow(changes: Partial<OrderRow> = {}): OrderRow {
  return {
    id: 'o1',
    shop_id: 's1',
    code: 'K7Q2M9',
    token: 'token-of-the-order',
    status: 'pending',
    source: 'shop',
    currency: 'EUR',
    locale: 'en',
    subtotal: 3000,
    shipping_total: 500,
    total: 3500,
    shipping_method_id: 'm1',
    shipping_method_name: 'Courier',
    customer_name: 'Ana',
    customer_phone: '33612345678',
    discount_id: null,
    discount_code: null,
    discount_total: 0,
    delivery_area: null,
    slot_starts_at: null,
    slot_ends_at: null,
    customer_address: '1 rue de la Paix',
    customer_wa_id: null,
    customer_user_id: null,
    customer_profile_name: null,
    customer_username: null,
    merchant_replied_at: null,
    note: null,
    message: 'Hello! I would like to order…',
    match: null,
    created_at: CREATED,
    updated_at: CREATED,
    confirmed_at: null,
    expires_at: new Date('2026-12-03T10:00:00.000Z'),
    out_of_stock_on_revival: false,
    paid_method: null,
    paid_reference: null,
    paid_amount: null,
    paid_at: null,
    ...changes,
  }
}

/** One line of an order. */
export function orderItemRow(changes: Partial<OrderItemRow> = {}): OrderItemRow {
  return {
    id: 'i1',
    shop_id: 's1',
    order_id: 'o1',
    product_id: 'p1',
    variant_id: null,
    sku: 'MUG',
    name: 'Mug',
    quantity: 2,
    unit_price: 1500,
    line_total: 3000,
    position: 0,
    flags: null,
    ...changes,
  }
}

/** The owner's JSON of an order, as `GET /api/shops/{slug}/orders/{code}` answers it. */
export function orderJson(
  changes: Partial<OrderRow> = {},
  items: OrderItemRow[] = [orderItemRow()],
): Order {
  return JSON.parse(JSON.stringify({ ...ownerOrderJson(orderRow(changes), items), events: [] }))
}

/** A shipping method row as the database holds it, with `changes` applied. */
export function shippingMethodRow(changes: Partial<ShippingMethodRow> = {}): ShippingMethodRow {
  return {
    id: 'm1',
    shop_id: 's1',
    name: 'Courier',
    price: 500,
    free_over: null,
    requires_address: true,
    min_order_amount: null,
    areas: [],
    slots: null,
    active: true,
    position: 0,
    created_at: CREATED,
    ...changes,
  }
}

/** The owner's JSON of a shipping method, as `GET /api/shops/{slug}/shipping-methods` lists it. */
export function methodJson(changes: Partial<ShippingMethodRow> = {}): ShippingMethod {
  return JSON.parse(JSON.stringify(shippingMethodJson(shippingMethodRow(changes))))
}

/** A shop row as the database holds it, with `changes` applied. */
export function shopRow(changes: Partial<ShopRow> = {}): ShopRow {
  return {
    id: 's1',
    merchant_id: 'u1',
    slug: 'shop',
    name: 'Maison Test',
    description: '',
    whatsapp_phone: '33612345678',
    whatsapp_phone_number_id: null,
    currency: 'EUR',
    locale: 'fr',
    timezone: 'UTC',
    logo_image: null,
    address: '',
    business_hours: null,
    closed_dates: [],
    channels: {},
    published: true,
    widget_settings: {},
    order_expiry_hours: 24,
    meta_catalog_id: null,
    auto_confirm_reply: false,
    monthly_message_cap: null,
    payments: [],
    min_order_amount: null,
    created_at: CREATED,
    updated_at: CREATED,
    ...changes,
  }
}

/** The owner's JSON of a shop, as `GET /api/shops` lists it. */
export function shopJson(changes: Partial<ShopRow> = {}): Shop {
  return JSON.parse(JSON.stringify(ownerShopJson(shopRow(changes), PUBLIC_URL)))
}

/** A product row as the database holds it, with `changes` applied. */
export function productRow(changes: Partial<ProductRow> = {}): ProductRow {
  return {
    id: 'p1',
    shop_id: 's1',
    category_id: null,
    sku: 'MUG',
    slug: 'mug',
    name: 'Mug',
    description: '',
    price: 1500,
    compare_at_price: null,
    stock: null,
    active: true,
    position: 0,
    options: [],
    images: [],
    created_at: CREATED,
    updated_at: CREATED,
    ...changes,
  }
}

/** One variant of a product. */
export function variantRow(changes: Partial<ProductVariantRow> = {}): ProductVariantRow {
  return {
    id: 'v1',
    shop_id: 's1',
    product_id: 'p1',
    sku: 'MUG-S',
    options: {},
    price: null,
    compare_at_price: null,
    stock: null,
    active: true,
    position: 0,
    ...changes,
  }
}

/** An uploaded image of the shop (800 × 600), as the database describes it. */
function imageInfo(hash: string) {
  return { hash, width: 800, height: 600 }
}

/** The JSON of an uploaded image, as `POST /api/shops/{slug}/images` answers it. */
export function uploadedImageJson(hash = 'a'.repeat(32)): UploadedImage {
  return JSON.parse(JSON.stringify(imageJson(imageInfo(hash), PUBLIC_URL)))
}

/**
 * The owner's JSON of a product, as `GET /api/shops/{slug}/products/{id}` answers it (each image
 * hash in `changes.images` an uploaded image); `metaSync` null is a shop that does not sync to a
 * Meta catalog.
 */
export function productJsonOf(
  changes: Partial<ProductRow> = {},
  variants: ProductVariantRow[] = [],
  metaSync: MetaSyncJson | null = null,
): Product {
  const json = ownerProductJson(productRow(changes), {
    shopSlug: 'shop',
    publicUrl: PUBLIC_URL,
    variants,
    images: new Map((changes.images ?? []).map((hash) => [hash, imageInfo(hash)])),
    metaSync,
  })
  return JSON.parse(JSON.stringify(json))
}

/** The owner's JSON of a category, as `GET /api/shops/{slug}/categories` lists it. */
export function categoryJsonOf(changes: Partial<CategoryRow> = {}): Category {
  const row: CategoryRow = {
    id: 'c1',
    shop_id: 's1',
    name: 'Tea',
    position: 0,
    created_at: CREATED,
  }
  return JSON.parse(JSON.stringify(categoryJson({ ...row, ...changes })))
}

/** A discount row as the database holds it (10 % off by default), with `changes` applied. */
export function discountRow(changes: Partial<DiscountRow> = {}): DiscountRow {
  return {
    id: 'd1',
    shop_id: 's1',
    code: 'WELCOME10',
    percent_off: 10,
    amount_off: null,
    min_subtotal: null,
    starts_at: null,
    ends_at: null,
    max_uses: null,
    once_per_customer: false,
    category_ids: [],
    uses: 0,
    created_at: CREATED,
    ...changes,
  }
}

/** The owner's JSON of a discount, as `GET /api/shops/{slug}/discounts` lists it. */
export function discountJsonOf(changes: Partial<DiscountRow> = {}): Discount {
  return JSON.parse(JSON.stringify(discountJson(discountRow(changes))))
}

/** The JSON of an order as the inbox's link and create-order routes answer it. */
export function orderSummaryJsonOf(
  changes: Partial<OrderRow> = {},
  items: OrderItemRow[] = [orderItemRow()],
): Order {
  return JSON.parse(JSON.stringify(orderSummaryJson(orderRow(changes), items)))
}

/**
 * A stored WhatsApp message row (a customer's text, sent five minutes ago, that matched no order),
 * with `changes` applied.
 */
export function inboundMessageRow(changes: Partial<InboundMessageRow> = {}): InboundMessageRow {
  return {
    id: 'm1',
    shop_id: 's1',
    phone_number_id: '106540352242922',
    event_key: 'wamid.1',
    kind: 'message',
    wa_message_id: 'wamid.1',
    type: 'text',
    from_wa_id: '5511987654321',
    from_user_id: null,
    profile_name: 'Ana Souza',
    body: 'Hello, do you deliver on Sundays?',
    context_id: null,
    sent_at: new Date(Date.now() - 5 * 60_000),
    payload: {},
    outgoing: false,
    username: null,
    edited_at: null,
    revoked_at: null,
    state: 'unmatched',
    order_id: null,
    match_method: null,
    error: null,
    received_at: new Date(),
    processed_at: new Date(),
    ...changes,
  }
}

/**
 * A message waiting in the inbox, as `GET /api/shops/{slug}/inbox` lists it in `messages`;
 * `suggestedOrder` is the code of a pending order whose checkout phone is the sender's number.
 */
export function inboxMessageJsonOf(
  changes: Partial<InboundMessageRow> = {},
  suggestedOrder?: string,
): InboxMessage {
  const row = inboundMessageRow(
    suggestedOrder ? { match_method: PHONE_SUGGESTION, ...changes } : changes,
  )
  const json = inboxMessageJson({
    ...row,
    suggested_code: suggestedOrder ?? null,
    suggested_status: suggestedOrder ? 'pending' : null,
  })
  return JSON.parse(JSON.stringify(json))
}

/**
 * A message the merchant sent from the WhatsApp Business app (an echo, recorded), as
 * `GET /api/shops/{slug}/inbox` lists it in `fromApp`.
 */
export function appMessageJsonOf(changes: Partial<InboundMessageRow> = {}): InboxMessage {
  const row = inboundMessageRow({ kind: 'echo', outgoing: true, state: 'recorded', ...changes })
  return JSON.parse(JSON.stringify(inboundMessageJson(row)))
}

/**
 * The shop's WhatsApp diagnostic, as `GET /api/shops/{slug}/whatsapp` answers it: a verify token
 * and an app secret configured, no access token unless `replies`, nothing received unless `last`.
 */
export function whatsappDiagnosticJsonOf(
  args: {
    phoneNumberId?: string | null
    replies?: boolean
    last?: { receivedAt: Date; kind: string; type: string | null }
    counts?: Record<string, number>
    outbox?: Record<string, number>
    echoes?: { lastAt: Date | null; count: number }
  } = {},
): WhatsAppDiagnostic {
  const json = whatsappDiagnosticJson({
    phoneNumberId: args.phoneNumberId === undefined ? '106540352242922' : args.phoneNumberId,
    config: {
      publicUrl: PUBLIC_URL,
      whatsapp: {
        verifyToken: 'verify-token',
        appSecret: 'app-secret',
        accessToken: args.replies ? 'access-token' : undefined,
        graphUrl: 'https://graph.facebook.com',
      },
    },
    diagnostics: {
      last: args.last && {
        received_at: args.last.receivedAt,
        kind: args.last.kind,
        type: args.last.type,
      },
      states: Object.entries(args.counts ?? {}).map(([state, count]) => ({ state, count })),
      outbox: Object.entries(args.outbox ?? {}).map(([status, count]) => ({ status, count })),
    },
    echoes: args.echoes ?? { lastAt: null, count: 0 },
  })
  return JSON.parse(JSON.stringify(json))
}
