import type { Selectable } from 'kysely'
import type { OrderEventsTable, OrderItemRow, OrderRow } from '../../db/schema/orders.ts'
import { paidPayment } from './order-payment.ts'

type OrderEventRow = Selectable<OrderEventsTable>

/** An order line as both shoppers and merchants see it. */
export function orderItemJson(item: OrderItemRow) {
  return {
    sku: item.sku,
    name: item.name,
    quantity: item.quantity,
    unitPrice: item.unit_price,
    lineTotal: item.line_total,
  }
}

/** The time slot an order booked, or null. */
export function slotJson(order: Partial<Pick<OrderRow, 'slot_starts_at' | 'slot_ends_at'>>) {
  return order.slot_starts_at && order.slot_ends_at
    ? { startsAt: order.slot_starts_at.toISOString(), endsAt: order.slot_ends_at.toISOString() }
    : null
}

/** The answer to a placed order (also what an idempotent replay returns). */
export function placedOrderJson(placed: {
  order: Pick<
    OrderRow,
    'id' | 'code' | 'token' | 'status' | 'subtotal' | 'shipping_total' | 'total' | 'currency'
  > &
    Partial<Pick<OrderRow, 'discount_code' | 'discount_total' | 'slot_starts_at' | 'slot_ends_at'>>
  message: string
  whatsappUrl: string
  orderUrl: string
}) {
  const { order } = placed
  return {
    id: order.id,
    code: order.code,
    token: order.token,
    status: order.status,
    subtotal: order.subtotal,
    shippingTotal: order.shipping_total,
    discountCode: order.discount_code ?? null,
    discountTotal: order.discount_total ?? 0,
    slot: slotJson(order),
    total: order.total,
    currency: order.currency,
    message: placed.message,
    whatsappUrl: placed.whatsappUrl,
    orderUrl: placed.orderUrl,
  }
}

/** What the shopper holding the token may see: no customer details, no ids. */
export function publicOrderJson(
  order: OrderRow & { shop_slug: string; shop_name: string },
  items: OrderItemRow[],
  whatsappUrl: string,
) {
  return {
    code: order.code,
    status: order.status,
    items: items.map(orderItemJson),
    subtotal: order.subtotal,
    shippingTotal: order.shipping_total,
    discountCode: order.discount_code,
    discountTotal: order.discount_total,
    deliveryArea: order.delivery_area,
    slot: slotJson(order),
    total: order.total,
    currency: order.currency,
    whatsappUrl,
    message: order.message,
    createdAt: order.created_at.toISOString(),
    confirmedAt: order.confirmed_at?.toISOString() ?? null,
    expiresAt: order.status === 'pending' ? (order.expires_at?.toISOString() ?? null) : null,
    shop: { slug: order.shop_slug, name: order.shop_name },
  }
}

/** One entry of an order's history. */
export function orderEventJson(event: OrderEventRow) {
  return {
    type: event.type,
    fromStatus: event.from_status,
    toStatus: event.to_status,
    actor: event.actor,
    data: event.data,
    createdAt: event.created_at.toISOString(),
  }
}

/** An order as its merchant sees it. */
export function ownerOrderJson(order: OrderRow, items: OrderItemRow[]) {
  return {
    id: order.id,
    code: order.code,
    status: order.status,
    source: order.source,
    items: items.map(orderItemJson),
    subtotal: order.subtotal,
    shippingTotal: order.shipping_total,
    discountCode: order.discount_code,
    discountTotal: order.discount_total,
    deliveryArea: order.delivery_area,
    slot: slotJson(order),
    total: order.total,
    currency: order.currency,
    locale: order.locale,
    shippingMethod: order.shipping_method_name
      ? { id: order.shipping_method_id, name: order.shipping_method_name }
      : null,
    customer: {
      name: order.customer_name,
      phone: order.customer_phone,
      waId: order.customer_wa_id,
      // A customer who hides their number is known by business-scoped user id and username.
      userId: order.customer_user_id,
      username: order.customer_username,
      address: order.customer_address,
    },
    note: order.note,
    match: order.match,
    createdAt: order.created_at.toISOString(),
    confirmedAt: order.confirmed_at?.toISOString() ?? null,
    expiresAt: order.status === 'pending' ? (order.expires_at?.toISOString() ?? null) : null,
    outOfStockOnRevival: order.out_of_stock_on_revival,
    /** When the merchant answered it from the WhatsApp Business app ("answered by you"). */
    merchantRepliedAt: order.merchant_replied_at?.toISOString() ?? null,
    /** How it was paid (method, reference, amount, when), or unpaid. */
    payment: paidPayment(order) ?? { status: 'unpaid' as const },
    /** An amount was recorded as paid and it is not the order's total. */
    paymentMismatch: order.paid_amount !== null && order.paid_amount !== order.total,
  }
}
