import { randomBytes } from 'node:crypto'
import { orderTotals, priceLines } from '../../core/cart.ts'
import { MAX_AMOUNT } from '../../core/money.ts'
import { generateOrderCode } from '../../core/order-code.ts'
import { composeOrderWhatsAppUrl } from '../../core/order-message.ts'
import type { DbOrTrx } from '../../db/database.ts'
import {
  findActiveShippingMethod,
  findOrderableSkus,
  insertOrderEvent,
  insertOrderItems,
  insertOrderUnlessCodeTaken,
  type OrderableSku,
  takeStock,
} from '../../db/orders.queries.ts'
import type { OrderItemRow, OrderRow, OrderSource } from '../../db/schema/orders.ts'
import type { ShopRow } from '../../db/schema/shops.ts'
import { AppError, invalidField } from '../errors.ts'
import { orderExpiresAt } from './expiry.ts'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './order-schema.ts'

/** What an order is made of, already validated for shape (see `placeOrderSchema`). */
export interface PlaceOrderInput {
  items: { sku: string; quantity: number }[]
  customer: {
    name: string
    phone?: string | null | undefined
    address?: string | null | undefined
    /** The sender's WhatsApp id, when the order arrives from WhatsApp itself. */
    waId?: string | null | undefined
    userId?: string | null | undefined
    profileName?: string | null | undefined
  }
  shippingMethodId?: string | null | undefined
  note?: string | null | undefined
  locale?: string | null | undefined
}

export interface PlaceOrderOptions {
  source: OrderSource
  /** 'confirmed' for orders that arrive as WhatsApp messages (nothing left to confirm). */
  status?: 'pending' | 'confirmed'
  /** Base of the order page link. */
  publicUrl: string
  /** Who placed it, for the `created` event: 'shopper' unless told. */
  actor?: string
}

/** A placed order with everything a response needs. */
export interface PlacedOrder {
  order: OrderRow
  items: OrderItemRow[]
  message: string
  whatsappUrl: string
  orderUrl: string
}

const MAX_CODE_ATTEMPTS = 10

/** A product's name with its variant's option values: `T-shirt (M)`, `Mug (Blue, Large)`. */
export function orderLineName(sku: OrderableSku): string {
  if (sku.variantId === null) return sku.productName
  const values = Object.values(sku.variantOptions ?? {}).filter((v) => v !== '')
  return `${sku.productName} (${values.length > 0 ? values.join(', ') : sku.sku})`
}

/** At least 128 random bits, URL-safe: the only key to the public order page. */
function newOrderToken(): string {
  return randomBytes(18).toString('base64url')
}

/**
 * Places an order inside the caller's transaction: prices every line from the catalog (a
 * variant without a price costs what its product costs), adds shipping, takes the stock with
 * conditional updates, writes the order, its lines and a `created` event, and composes the
 * WhatsApp message in the shopper's language (else the shop's). Any refusal throws an AppError
 * naming the field; the caller's transaction then rolls everything back.
 * @example await db.transaction().execute((trx) => placeOrder(trx, shop, input, { source: 'shop', publicUrl }))
 */
export async function placeOrder(
  trx: DbOrTrx,
  shop: ShopRow,
  input: PlaceOrderInput,
  options: PlaceOrderOptions,
): Promise<PlacedOrder> {
  if (input.items.length === 0) throw invalidField('items', 'Add at least one item')
  if (input.items.length > MAX_ORDER_LINES) {
    throw invalidField('items', `At most ${MAX_ORDER_LINES} lines per order`)
  }
  // Duplicate SKUs become one line; errors name the first line that asked for the SKU.
  const firstIndex = new Map<string, number>()
  input.items.forEach((item, index) => {
    if (
      !Number.isInteger(item.quantity) ||
      item.quantity < 1 ||
      item.quantity > MAX_LINE_QUANTITY
    ) {
      throw invalidField(
        `items.${index}.quantity`,
        `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`,
      )
    }
    if (!firstIndex.has(item.sku)) firstIndex.set(item.sku, index)
  })
  const fieldOf = (sku: string) => `items.${firstIndex.get(sku) ?? 0}.sku`

  const catalog = new Map(
    (await findOrderableSkus(trx, shop.id, [...firstIndex.keys()])).map((s) => [s.sku, s]),
  )
  const priced = priceLines(input.items, (sku) => {
    const found = catalog.get(sku)
    return found && { name: orderLineName(found), price: found.price, stock: null }
  })
  // The per-line cap holds for a SKU however many lines repeat it: 100 lines of 999 are one
  // line of 99,900, refused here rather than taken from the stock.
  const merged = priced.lines.find((line) => line.quantity > MAX_LINE_QUANTITY)
  if (merged) {
    throw new AppError(
      400,
      'quantity_too_large',
      `At most ${MAX_LINE_QUANTITY} of "${merged.name}" per order`,
      fieldOf(merged.sku).replace(/sku$/, 'quantity'),
    )
  }
  const issue = priced.issues[0]
  if (issue?.reason === 'unknown_sku') {
    throw new AppError(400, 'unknown_sku', `No product with SKU "${issue.sku}"`, fieldOf(issue.sku))
  }
  if (issue) throw invalidField(fieldOf(issue.sku).replace(/sku$/, 'quantity'), 'Invalid quantity')

  let shipping: { id: string; name: string; price: number; freeOver: number | null } | null = null
  if (input.shippingMethodId) {
    const method = await findActiveShippingMethod(trx, shop.id, input.shippingMethodId)
    if (!method) throw invalidField('shippingMethodId', 'No such shipping method', 'not_found')
    if (method.requires_address && !input.customer.address?.trim()) {
      throw new AppError(
        400,
        'required',
        'This shipping method needs an address',
        'customer.address',
      )
    }
    shipping = { id: method.id, name: method.name, price: method.price, freeOver: method.free_over }
  }
  const totals = orderTotals(priced.subtotal, shipping)
  if (totals.total > MAX_AMOUNT) {
    throw new AppError(
      400,
      'amount_too_large',
      `The order total may be at most ${MAX_AMOUNT} minor units`,
      'items',
    )
  }

  const lines = priced.lines.map((line) => ({ line, sku: catalog.get(line.sku) as OrderableSku }))

  const status = options.status ?? 'pending'
  const locale = input.locale || shop.locale
  const customer = {
    name: input.customer.name,
    phone: input.customer.phone || null,
    address: input.customer.address || null,
  }
  const note = input.note || null
  const compose = (code: string, orderUrl: string) =>
    composeOrderWhatsAppUrl(shop.whatsapp_phone, {
      shopName: shop.name,
      currency: shop.currency,
      locale,
      code,
      items: priced.lines.map((line) => ({
        name: line.name,
        quantity: line.quantity,
        lineTotal: line.lineTotal,
      })),
      ...totals,
      shippingName: shipping?.name ?? null,
      customer,
      note,
      orderUrl,
    })

  let placed: { order: OrderRow; text: string; url: string; orderUrl: string } | undefined
  for (let attempt = 0; !placed && attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const code = generateOrderCode()
    const token = newOrderToken()
    const orderUrl = `${options.publicUrl}/o/${token}`
    const { text, url } = compose(code, orderUrl)
    const order = await insertOrderUnlessCodeTaken(trx, {
      shop_id: shop.id,
      code,
      token,
      status,
      source: options.source,
      currency: shop.currency,
      locale,
      subtotal: totals.subtotal,
      shipping_total: totals.shippingTotal,
      total: totals.total,
      shipping_method_id: shipping?.id ?? null,
      shipping_method_name: shipping?.name ?? null,
      customer_name: customer.name,
      customer_phone: customer.phone,
      customer_address: customer.address,
      customer_wa_id: input.customer.waId || null,
      customer_user_id: input.customer.userId || null,
      customer_profile_name: input.customer.profileName || null,
      note,
      message: text,
      confirmed_at: status === 'confirmed' ? new Date() : null,
      // An order that never reaches WhatsApp gives its stock back after the shop's time.
      expires_at: status === 'pending' ? orderExpiresAt(shop.order_expiry_hours) : null,
    })
    if (order) placed = { order, text, url, orderUrl }
  }
  if (!placed) throw new Error('Could not find a free order code')
  const { order } = placed

  const items = await insertOrderItems(
    trx,
    lines.map(({ line, sku }, position) => ({
      shop_id: shop.id,
      order_id: order.id,
      product_id: sku.productId,
      variant_id: sku.variantId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unit_price: line.unitPrice,
      line_total: line.lineTotal,
      position,
    })),
  )
  await insertOrderEvent(trx, {
    shop_id: shop.id,
    order_id: order.id,
    type: 'created',
    from_status: null,
    to_status: status,
    actor: options.actor ?? 'shopper',
    data: JSON.stringify({ source: options.source }),
  })

  // Stock is taken last, so its row locks are held for as short a time as possible: concurrent
  // orders of the same product queue on them. Rows of unlimited stock are left alone (no lock).
  // Locks are taken in one global order (by id), so concurrent carts cannot deadlock.
  const limited = lines.filter(({ sku }) => sku.stock !== null)
  limited.sort((a, b) =>
    (a.sku.variantId ?? a.sku.productId).localeCompare(b.sku.variantId ?? b.sku.productId),
  )
  for (const { line, sku } of limited) {
    if (!(await takeStock(trx, sku, line.quantity))) {
      throw new AppError(
        409,
        'out_of_stock',
        `Not enough stock for "${line.name}"`,
        fieldOf(sku.sku),
      )
    }
  }

  return {
    order,
    items,
    message: placed.text,
    whatsappUrl: placed.url,
    orderUrl: placed.orderUrl,
  }
}
