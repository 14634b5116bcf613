import { Hono } from 'hono'
import { z } from 'zod'
import { toMajorUnits } from '../../core/money.ts'
import { listItemsOfOrders, listShopOrders } from '../../db/orders.queries.ts'
import type { OrderItemRow, OrderRow } from '../../db/schema/orders.ts'
import type { AppEnv } from '../app-env.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { orderStatusSchema } from '../orders/order-schema.ts'
import { readQuery } from '../validate.ts'
import { csvResponse, spreadsheetSafe, toCsv } from './csv.ts'

const ordersCsvQuerySchema = z.strictObject({ status: orderStatusSchema.optional() })
const PAGE = 500

/** The orders CSV's columns, in order. */
export const ORDER_CSV_COLUMNS = [
  'code',
  'created_at',
  'status',
  'source',
  'customer_name',
  'customer_phone',
  'customer_whatsapp',
  'customer_address',
  'items',
  'shipping_method',
  'subtotal',
  'shipping',
  'total',
  'currency',
  'confirmed_at',
  'note',
  'paid_method',
  'paid_reference',
  'paid_amount',
  'paid_at',
] as const

/** One order as a CSV row; text the customer typed cannot run as a spreadsheet formula. */
export function orderCsvRow(order: OrderRow, items: OrderItemRow[]): string[] {
  const lines = items.map((i) => `${i.quantity} x ${i.name} [${i.sku}]`).join('; ')
  return [
    order.code,
    order.created_at.toISOString(),
    order.status,
    order.source,
    spreadsheetSafe(order.customer_name),
    order.customer_phone ?? '',
    order.customer_wa_id ?? '',
    spreadsheetSafe(order.customer_address ?? ''),
    spreadsheetSafe(lines),
    spreadsheetSafe(order.shipping_method_name ?? ''),
    toMajorUnits(order.subtotal, order.currency),
    toMajorUnits(order.shipping_total, order.currency),
    toMajorUnits(order.total, order.currency),
    order.currency,
    order.confirmed_at?.toISOString() ?? '',
    spreadsheetSafe(order.note ?? ''),
    order.paid_method ?? '',
    spreadsheetSafe(order.paid_reference ?? ''),
    order.paid_amount === null ? '' : toMajorUnits(order.paid_amount, order.currency),
    order.paid_at?.toISOString() ?? '',
  ]
}

/** `GET /api/shops/:slug/orders.csv[?status=…]`: every order, read in pages of 500. */
export function ordersCsvRoutes() {
  const routes = new Hono<AppEnv>()
  routes.get('/api/shops/:slug/orders.csv', requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const { status } = readQuery(c, ordersCsvQuerySchema)
    const rows: string[][] = [[...ORDER_CSV_COLUMNS]]
    let afterId: string | undefined
    for (;;) {
      const page = await listShopOrders(db, { shopId: shop.id, status, limit: PAGE, afterId })
      const orders = page.slice(0, PAGE)
      const items = await listItemsOfOrders(
        db,
        orders.map((o) => o.id),
      )
      for (const order of orders) {
        rows.push(
          orderCsvRow(
            order,
            items.filter((i) => i.order_id === order.id),
          ),
        )
      }
      if (page.length <= PAGE) break
      afterId = orders.at(-1)?.id
    }
    const suffix = status ? `-${status}` : ''
    return csvResponse(toCsv(rows), `${shop.slug}-orders${suffix}.csv`)
  })
  return routes
}
