import { randomBytes, randomUUID } from 'node:crypto'
import {
  type DeliveryArea,
  discountAmount,
  matchDeliveryArea,
  orderTotals,
  priceLines,
} from '../../core/cart.ts'
import { MAX_AMOUNT } from '../../core/money.ts'
import { generateOrderCode } from '../../core/order-code.ts'
import { composeOrderWhatsAppUrl } from '../../core/order-message.ts'
import { findTimeSlot, type TimeSlot } from '../../core/time-slots.ts'
import type { DbOrTrx } from '../../db/database.ts'
import {
  findActiveShippingMethod,
  findOrderableSkus,
  type NewOrder,
  type OrderableSku,
  type OrderingSnapshot,
  type OrderShippingMethod,
  type WriteOrderResult,
  writeOrder,
} from '../../db/orders.queries.ts'
import type { DiscountRow } from '../../db/schema/discounts.ts'
import type { OrderRow, OrderSource } from '../../db/schema/orders.ts'
import type { ShopRow } from '../../db/schema/shops.ts'
import { AppError, invalidField } from '../errors.ts'
import { orderExpiresAt } from './expiry.ts'
import { placedOrderJson } from './order-json.ts'
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
  /** A discount code as typed; checkout resolves it with `resolveDiscount` before pricing. */
  discountCode?: string | null | undefined
  /** An area name, district or postal code of the shipping method's delivery areas. */
  deliveryArea?: string | null | undefined
  /** One of the shipping method's time slots (`GET …/shipping-methods/{id}/slots`). */
  slotId?: string | null | undefined
}

export interface PlaceOrderOptions {
  source: OrderSource
  /** 'confirmed' for orders that arrive as WhatsApp messages (nothing left to confirm). */
  status?: 'pending' | 'confirmed'
  /** Base of the order page link. */
  publicUrl: string
  /** Who placed it, for the `created` event: 'shopper' unless told. */
  actor?: string
  /** The request's Idempotency-Key: its answer is stored with the order, in the same statement. */
  idempotency?: { key: string; requestHash: string } | undefined
  /** The client's checkout limit, counted with the order, in the same statement. */
  rateLimit?: NewOrder['rateLimit']
}

/** A placed order with everything a response needs. */
export interface PlacedOrder {
  order: OrderRow
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

/** 429 for a client past its checkout limit; the route adds `Retry-After`. */
export class TooManyOrders extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many attempts; try again in ${retryAfterSeconds} s`)
  }
}

/** At least 128 random bits, URL-safe: the only key to the public order page. */
function newOrderToken(): string {
  return randomBytes(18).toString('base64url')
}

/**
 * Places an order for a shop already read: reads the SKUs and the shipping method it asks for
 * (fresh, not cached), prices it and writes it with `writeOrder`. Any refusal throws an AppError
 * naming the field, and nothing is written. Returns null when the idempotency key was already
 * used: the caller replays that request's answer.
 * @example await placeOrder(db, shop, input, { source: 'whatsapp', publicUrl })
 */
export async function placeOrder(
  db: DbOrTrx,
  shop: ShopRow,
  input: PlaceOrderInput,
  options: PlaceOrderOptions,
): Promise<PlacedOrder | null> {
  const wanted = checkOrderLines(input)
  const skus = await findOrderableSkus(db, shop.id, [...wanted.keys()])
  const method = input.shippingMethodId
    ? await findActiveShippingMethod(db, shop.id, input.shippingMethodId)
    : undefined
  const priced = priceOrder(shop, input, { shop, skus, shipping: method ?? null })
  const result = await writePricedOrder(db, shop, priced, options)
  if (result === 'stale') throw new Error('A fresh catalog cannot be stale')
  return result
}

/** Refuses an empty, oversized or badly counted cart; maps each SKU to its first line. */
export function checkOrderLines(input: PlaceOrderInput): Map<string, number> {
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
  return firstIndex
}

/** An order priced and checked, ready to be given a code and written. */
export interface PricedOrder {
  input: PlaceOrderInput
  lines: { line: PricedLine; sku: OrderableSku }[]
  totals: ReturnType<typeof orderTotals> & { discountTotal: number }
  shipping: OrderShippingMethod | null
  /** The catalog values used, for the write to check when they came from a cache. */
  snapshot: OrderingSnapshot
  /** The request field that named a SKU first (`items.2.sku`). */
  fieldOf: (sku: string) => string
  /** The discount applied and what it saves; null without a code. */
  discount: { id: string; code: string; total: number } | null
  /** How much the subtotal lacks for the shop's or the method's minimum; null when enough. */
  missingForMinimum: number | null
  /** The name of the delivery area the shipping was priced for; null without areas. */
  deliveryArea: string | null
  /** The time slot booked; null when the method offers none. */
  slot: TimeSlot | null
}

/** A shop's discount found by its code, with the products it applies to (null: all). */
export interface ResolvedDiscount {
  row: DiscountRow
  productIds: Set<string> | null
}

type PricedLine = ReturnType<typeof priceLines>['lines'][number]

/**
 * Prices an order from catalog values (a variant without a price costs what its product costs)
 * and adds shipping; throws an AppError naming the field for anything checkout refuses.
 */
export function priceOrder(
  shop: ShopRow,
  input: PlaceOrderInput,
  catalogValues: OrderingSnapshot,
  discount: ResolvedDiscount | null = null,
  now: Date = new Date(),
  /** A quote reports the amount missing for the minimum instead of refusing the order. */
  quote = false,
): PricedOrder {
  const { priced, catalog, fieldOf } = priceItems(input, catalogValues)
  const method = checkedShippingMethod(input, catalogValues)
  const minimum = Math.max(shop.min_order_amount ?? 0, method?.min_order_amount ?? 0)
  const missingForMinimum = priced.subtotal < minimum ? minimum - priced.subtotal : null
  if (missingForMinimum !== null && !quote) {
    throw new AppError(
      400,
      'below_minimum',
      `The order needs ${missingForMinimum} more minor units to reach the minimum of ${minimum}`,
      'items',
      { missing: missingForMinimum },
    )
  }
  const applied = discount && applyDiscount(discount, priced, catalog, now)
  // A quote before the shopper picked an area prices the method's own fee.
  const area =
    method && !(quote && !input.deliveryArea)
      ? deliveryAreaOf(method.areas ?? [], input.deliveryArea)
      : null
  const slot = quote ? null : timeSlotOf(shop, method, input.slotId, now)
  const shipped = orderTotals(
    priced.subtotal,
    method &&
      (area
        ? { price: area.fee, freeOver: area.freeOver }
        : { price: method.price, freeOver: method.free_over }),
  )
  const discountTotal = applied?.total ?? 0
  const totals = { ...shipped, discountTotal, total: shipped.total - discountTotal }
  if (totals.total > MAX_AMOUNT) {
    throw new AppError(
      400,
      'amount_too_large',
      `The order total may be at most ${MAX_AMOUNT} minor units`,
      'items',
    )
  }
  const lines = priced.lines.map((line) => ({ line, sku: catalog.get(line.sku) as OrderableSku }))
  const { id, name, currency, locale, whatsapp_phone, order_expiry_hours } = shop
  return {
    input,
    lines,
    totals,
    shipping: method,
    snapshot: {
      shop: { id, name, currency, locale, whatsapp_phone, order_expiry_hours },
      skus: lines.map(({ sku }) => sku),
      shipping: method,
    },
    fieldOf,
    discount: applied,
    missingForMinimum,
    deliveryArea: area?.name ?? null,
    slot,
  }
}

/** Prices the cart's lines from catalog values; 400 naming the line for anything refused. */
function priceItems(input: PlaceOrderInput, catalogValues: OrderingSnapshot) {
  const firstIndex = checkOrderLines(input)
  const fieldOf = (sku: string) => `items.${firstIndex.get(sku) ?? 0}.sku`
  const catalog = new Map(catalogValues.skus.map((s) => [s.sku, s]))
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
  return { priced, catalog, fieldOf }
}

/** The shipping method asked for, checked against the input; null when none was asked for. */
function checkedShippingMethod(
  input: PlaceOrderInput,
  catalogValues: OrderingSnapshot,
): OrderShippingMethod | null {
  if (!input.shippingMethodId) return null
  const method = catalogValues.shipping
  if (!method || method.id !== input.shippingMethodId) {
    throw invalidField('shippingMethodId', 'No such shipping method', 'not_found')
  }
  if (method.requires_address && !input.customer.address?.trim()) {
    throw new AppError(400, 'required', 'This shipping method needs an address', 'customer.address')
  }
  return method
}

/** The slot `id` names among the method's; null for a method without slots; 400 on slotId else. */
function timeSlotOf(
  shop: ShopRow,
  method: OrderShippingMethod | null,
  id: string | null | undefined,
  now: Date,
): TimeSlot | null {
  const settings = method?.slots
  if (!settings) {
    if (id) throw invalidField('slotId', 'This shipping method offers no time slots')
    return null
  }
  if (!id) throw new AppError(400, 'required', 'Choose a time slot', 'slotId')
  const slot = findTimeSlot(settings, shop.timezone, id, now, shop.closed_dates)
  if (!slot) {
    throw new AppError(400, 'slot_unavailable', 'This time slot is not available', 'slotId')
  }
  return slot
}

/** The method's area for `place`; null for a method without areas; 400 on deliveryArea else. */
function deliveryAreaOf(
  areas: readonly DeliveryArea[],
  place: string | null | undefined,
): DeliveryArea | null {
  if (areas.length === 0) return null
  if (!place) {
    throw new AppError(400, 'required', 'Give the delivery area or postal code', 'deliveryArea')
  }
  const area = matchDeliveryArea(areas, place)
  if (!area) {
    throw new AppError(
      400,
      'outside_areas',
      'This shipping method does not deliver there',
      'deliveryArea',
    )
  }
  return area
}

/** Checks a discount's window and minimum against the cart and prices its saving. */
function applyDiscount(
  discount: ResolvedDiscount,
  priced: ReturnType<typeof priceLines>,
  catalog: Map<string, OrderableSku>,
  now: Date,
): { id: string; code: string; total: number } {
  const { row } = discount
  if ((row.starts_at && now < row.starts_at) || (row.ends_at && now >= row.ends_at)) {
    throw new AppError(
      400,
      'invalid_discount',
      'This discount code is not valid now',
      'discountCode',
    )
  }
  if (row.min_subtotal !== null && priced.subtotal < row.min_subtotal) {
    const missing = row.min_subtotal - priced.subtotal
    throw new AppError(
      400,
      'below_discount_minimum',
      `This discount code needs ${missing} more minor units in the cart`,
      'discountCode',
      { missing },
    )
  }
  const eligible = priced.lines
    .filter((line) => {
      const productId = catalog.get(line.sku)?.productId
      return discount.productIds === null || (productId && discount.productIds.has(productId))
    })
    .reduce((sum, line) => sum + line.lineTotal, 0)
  const value =
    row.percent_off !== null ? { percentOff: row.percent_off } : { amountOff: row.amount_off ?? 0 }
  return { id: row.id, code: row.code, total: discountAmount(eligible, value) }
}

/**
 * Gives a priced order its code, token and WhatsApp message (in the shopper's language, else the
 * shop's) and writes it in one statement. 'stale' when `pricedFrom` values changed meanwhile:
 * price it again from a fresh read.
 */
export async function writePricedOrder(
  db: DbOrTrx,
  shop: ShopRow,
  priced: PricedOrder,
  options: PlaceOrderOptions & { pricedFromCache?: boolean },
): Promise<PlacedOrder | null | 'stale'> {
  const { input, totals, shipping } = priced
  const status = options.status ?? 'pending'
  const locale = input.locale || shop.locale
  const message = orderMessageInput(shop, priced, locale)
  const { takes, items } = orderRows(priced)
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const code = generateOrderCode()
    const token = newOrderToken()
    const orderUrl = `${options.publicUrl}/o/${token}`
    const { text, url } = composeOrderWhatsAppUrl(shop.whatsapp_phone, {
      ...message,
      code,
      orderUrl,
    })
    const order = {
      id: randomUUID(),
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
      customer_name: message.customer.name,
      customer_phone: message.customer.phone,
      customer_address: message.customer.address,
      customer_wa_id: input.customer.waId || null,
      customer_user_id: input.customer.userId || null,
      customer_profile_name: input.customer.profileName || null,
      note: message.note,
      message: text,
      confirmed_at: status === 'confirmed' ? new Date() : null,
      // An order that never reaches WhatsApp gives its stock back after the shop's time.
      expires_at: status === 'pending' ? orderExpiresAt(shop.order_expiry_hours) : null,
      discount_id: priced.discount?.id ?? null,
      discount_code: priced.discount?.code ?? null,
      discount_total: priced.discount?.total ?? 0,
      delivery_area: priced.deliveryArea,
      slot_starts_at: priced.slot?.startsAt ?? null,
      slot_ends_at: priced.slot?.endsAt ?? null,
    }
    const { idempotency } = options
    const result = await writeOrder(db, {
      order,
      items,
      takes,
      event: { actor: options.actor ?? 'shopper', data: { source: options.source } },
      idempotency: idempotency && {
        ...idempotency,
        status: 201,
        body: placedOrderJson({ order, message: text, whatsappUrl: url, orderUrl }),
      },
      rateLimit: options.rateLimit,
      pricedFrom: options.pricedFromCache ? priced.snapshot : undefined,
    })
    switch (result.kind) {
      case 'placed':
        return { order: result.order, message: text, whatsappUrl: url, orderUrl }
      case 'key_taken':
        return null
      case 'stale':
        return 'stale'
      case 'code_taken':
        continue
      default:
        throw refusalError(result, priced)
    }
  }
  throw new Error('Could not find a free order code')
}

/** What the order's WhatsApp message says, but its code and link (chosen per attempt). */
function orderMessageInput(shop: ShopRow, priced: PricedOrder, locale: string) {
  const { input, lines, totals, shipping } = priced
  return {
    shopName: shop.name,
    currency: shop.currency,
    locale,
    items: lines.map(({ line }) => ({
      name: line.name,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
    })),
    ...totals,
    shippingName: shipping?.name ?? null,
    discountCode: priced.discount?.code ?? null,
    deliveryArea: priced.deliveryArea,
    slot: priced.slot && { ...priced.slot, timeZone: shop.timezone },
    customer: {
      name: input.customer.name,
      phone: input.customer.phone || null,
      address: input.customer.address || null,
    },
    note: input.note || null,
    paymentMethods: shop.payments.map((method) => method.type),
  }
}

/** The stock the order takes (rows of unlimited stock are left alone: no lock) and its lines. */
function orderRows({ lines }: PricedOrder) {
  const takes = lines
    .filter(({ sku }) => sku.stock !== null)
    .map(({ line, sku }) => ({
      productId: sku.productId,
      variantId: sku.variantId,
      quantity: line.quantity,
    }))
  const items = lines.map(({ line, sku }, position) => ({
    product_id: sku.productId,
    variant_id: sku.variantId,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unit_price: line.unitPrice,
    line_total: line.lineTotal,
    position,
  }))
  return { takes, items }
}

/** The answer to a write the statement refused. */
function refusalError(
  result: Extract<
    WriteOrderResult,
    { kind: 'rate_limited' | 'out_of_stock' | 'discount_exhausted' | 'discount_used' | 'slot_full' }
  >,
  { lines, fieldOf }: PricedOrder,
): AppError {
  switch (result.kind) {
    case 'rate_limited':
      return new TooManyOrders(result.retryAfterSeconds)
    case 'out_of_stock': {
      const short = lines.find(({ sku }) => (sku.variantId ?? sku.productId) === result.rowId)
      return new AppError(
        409,
        'out_of_stock',
        `Not enough stock for "${short?.line.name ?? 'an item'}"`,
        fieldOf(short?.sku.sku ?? ''),
      )
    }
    case 'discount_exhausted':
      return new AppError(
        409,
        'discount_exhausted',
        'This discount code has been used up',
        'discountCode',
      )
    case 'discount_used':
      return new AppError(
        400,
        'discount_used',
        'This discount code was already used with this phone number',
        'discountCode',
      )
    case 'slot_full':
      return new AppError(409, 'slot_full', 'This time slot is full', 'slotId')
  }
}
