import { randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import { currencyDigits } from '../../core/money.ts'
import { generateOrderCode } from '../../core/order-code.ts'
import type { Database, DbOrTrx } from '../../db/database.ts'
import { setOrderItemFlags, setOrderMatch } from '../../db/order-matching.queries.ts'
import {
  findOrderableSkus,
  insertOrderEvent,
  insertOrderItems,
  insertOrderUnlessCodeTaken,
  type OrderableSku,
  takeStock,
} from '../../db/orders.queries.ts'
import { withSavepoint } from '../../db/savepoint.ts'
import type { OrderMatch, OrderRow } from '../../db/schema/orders.ts'
import type { ShopRow } from '../../db/schema/shops.ts'
import type { AppConfig } from '../config.ts'
import { AppError } from '../errors.ts'
import { orderLineName, placeOrder } from '../orders/place-order.ts'

/** A cart line as WhatsApp sends it (`item_price` in major units) or as a merchant types it. */
export interface CartRequestLine {
  sku: string
  quantity: number
  itemPrice?: number | undefined
  currency?: string | undefined
}

/** Something the merchant should look at in an order made from a WhatsApp cart. */
export type CartFlag =
  | { kind: 'unknown_sku'; sku: string }
  | { kind: 'price'; sku: string; whatsapp: number; catalog: number }
  | { kind: 'currency'; sku: string; whatsapp: string; catalog: string }
  | { kind: 'stock'; sku: string; requested: number }

export interface WhatsAppOrderInput {
  shop: ShopRow
  lines: CartRequestLine[]
  customer: {
    name: string
    waId: string | null
    userId: string | null
    profileName: string | null
  }
  note: string | null
  /** The WhatsApp message the order comes from. */
  messageId: string
  method: string
  /** Who created it, for the order history: 'whatsapp' or 'merchant:<id>'. */
  actor: string
  /**
   * Lines a merchant typed: refuse unknown SKUs and missing stock (a 4xx naming the line)
   * instead of keeping them flagged as for a cart the customer already sent.
   */
  refuseOddLines?: boolean
}

function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency))
}

function mergeLines(lines: CartRequestLine[]): CartRequestLine[] {
  const bySku = new Map<string, CartRequestLine>()
  for (const line of lines) {
    const seen = bySku.get(line.sku)
    if (seen) seen.quantity += line.quantity
    else bySku.set(line.sku, { ...line })
  }
  return [...bySku.values()]
}

/** What WhatsApp's cart says that our catalog does not: other prices, other currencies. */
function priceFlags(line: CartRequestLine, item: OrderableSku | undefined, currency: string) {
  const flags: CartFlag[] = []
  const lineFlags: Record<string, unknown> = {}
  if (line.currency !== undefined && line.currency !== currency) {
    flags.push({ kind: 'currency', sku: line.sku, whatsapp: line.currency, catalog: currency })
    lineFlags.whatsappCurrency = line.currency
  } else if (line.itemPrice !== undefined && item) {
    const whatsapp = toMinorUnits(line.itemPrice, currency)
    if (whatsapp !== item.price) {
      flags.push({ kind: 'price', sku: line.sku, whatsapp, catalog: item.price })
      lineFlags.whatsappPrice = whatsapp
    }
  }
  return { flags, lineFlags }
}

/**
 * Creates a confirmed order with source `whatsapp` from a cart. Items are found by SKU (product
 * or variant) and priced from the catalog by the checkout's own `placeOrder`; a WhatsApp price or
 * currency that differs is flagged on the line. When the checkout would refuse the cart (an
 * unknown SKU, stock that ran out), the order is still made, because the customer has already
 * sent it: the odd lines are kept and flagged for the merchant.
 */
export async function createWhatsAppOrder(
  trx: Transaction<Database>,
  config: AppConfig,
  input: WhatsAppOrderInput,
): Promise<{ order: OrderRow; flags: CartFlag[] }> {
  const { shop } = input
  const lines = mergeLines(input.lines)
  const catalog = new Map(
    (
      await findOrderableSkus(
        trx,
        shop.id,
        lines.map((l) => l.sku),
      )
    ).map((s) => [s.sku, s]),
  )
  const checked = lines.map((line) => ({
    line,
    item: catalog.get(line.sku),
    ...priceFlags(line, catalog.get(line.sku), shop.currency),
  }))
  const priceDifferences = checked.flatMap((c) => c.flags)

  if (checked.every((c) => c.item) || input.refuseOddLines) {
    const place = () =>
      placeOrder(
        trx,
        shop,
        {
          items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          customer: { ...input.customer, phone: input.customer.waId },
          note: input.note,
        },
        {
          source: 'whatsapp',
          status: 'confirmed',
          publicUrl: config.publicUrl,
          actor: input.actor,
        },
      )
    const placed = input.refuseOddLines
      ? await place()
      : await withSavepoint(trx, place).catch((error: unknown) => {
          if (error instanceof AppError) return undefined
          throw error
        })
    if (placed) {
      for (const c of checked) {
        if (c.flags.length > 0)
          await setOrderItemFlags(trx, placed.order.id, c.line.sku, c.lineFlags)
      }
      const order = await setOrderMatch(trx, placed.order.id, {
        messageId: input.messageId,
        method: input.method,
        edited: false,
        differences: priceDifferences,
      })
      return { order, flags: priceDifferences }
    }
  }
  return createFlaggedOrder(trx, input, checked)
}

/** The order of a cart the checkout refused, with every line kept and the odd ones flagged. */
async function createFlaggedOrder(
  trx: DbOrTrx,
  input: WhatsAppOrderInput,
  checked: {
    line: CartRequestLine
    item: OrderableSku | undefined
    flags: CartFlag[]
    lineFlags: Record<string, unknown>
  }[],
): Promise<{ order: OrderRow; flags: CartFlag[] }> {
  const { shop } = input
  const { items, flags } = await takeFlaggedLines(trx, shop, checked)
  const subtotal = items.reduce((sum, i) => sum + i.unit_price * i.quantity, 0)
  const match: OrderMatch = {
    messageId: input.messageId,
    method: input.method,
    edited: false,
    differences: flags,
  }
  let order: OrderRow | undefined
  for (let attempt = 0; attempt < 10 && !order; attempt++) {
    order = await insertOrderUnlessCodeTaken(trx, {
      shop_id: shop.id,
      code: generateOrderCode(),
      token: randomBytes(18).toString('base64url'),
      status: 'confirmed',
      source: 'whatsapp',
      currency: shop.currency,
      locale: shop.locale,
      subtotal,
      shipping_total: 0,
      total: subtotal,
      shipping_method_id: null,
      shipping_method_name: null,
      customer_name: input.customer.name,
      customer_phone: input.customer.waId,
      customer_address: null,
      customer_wa_id: input.customer.waId,
      customer_user_id: input.customer.userId,
      customer_profile_name: input.customer.profileName,
      note: input.note,
      match: JSON.stringify(match),
      confirmed_at: new Date(),
    })
  }
  if (!order) throw new Error('Could not find a free order code')
  const orderId = order.id
  await insertOrderItems(
    trx,
    items.map((item, position) => ({
      ...item,
      shop_id: shop.id,
      order_id: orderId,
      line_total: item.unit_price * item.quantity,
      position,
      flags: item.flags ? JSON.stringify(item.flags) : null,
    })),
  )
  await insertOrderEvent(trx, {
    shop_id: shop.id,
    order_id: orderId,
    type: 'created',
    from_status: null,
    to_status: 'confirmed',
    actor: input.actor,
    data: JSON.stringify({ source: 'whatsapp', flags }),
  })
  return { order, flags }
}

/** The order's lines: stock taken where there is some, each problem flagged, none refused. */
async function takeFlaggedLines(
  trx: DbOrTrx,
  shop: WhatsAppOrderInput['shop'],
  checked: Parameters<typeof createFlaggedOrder>[2],
) {
  const flags: CartFlag[] = []
  const items = []
  for (const { line, item, flags: lineDifferences, lineFlags } of checked) {
    flags.push(...lineDifferences)
    if (!item) {
      flags.push({ kind: 'unknown_sku', sku: line.sku })
      const sameCurrency = line.currency === undefined || line.currency === shop.currency
      const price =
        line.itemPrice !== undefined && sameCurrency
          ? toMinorUnits(line.itemPrice, shop.currency)
          : 0
      items.push({
        product_id: null,
        variant_id: null,
        sku: line.sku,
        name: line.sku,
        quantity: line.quantity,
        unit_price: price,
        flags: { ...lineFlags, unknownSku: true },
      })
      continue
    }
    const flagged = { ...lineFlags }
    if (!(await takeStock(trx, item, line.quantity))) {
      flags.push({ kind: 'stock', sku: line.sku, requested: line.quantity })
      flagged.outOfStock = true
    }
    items.push({
      product_id: item.productId,
      variant_id: item.variantId,
      sku: item.sku,
      name: orderLineName(item),
      quantity: line.quantity,
      unit_price: item.price,
      flags: Object.keys(flagged).length > 0 ? flagged : null,
    })
  }

  return { items, flags }
}
