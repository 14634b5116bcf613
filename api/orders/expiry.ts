import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Transaction } from 'kysely'
import { byStockLockOrder } from '../../core/stock-lock-order.ts'
import type { Database, Db } from '../../db/database.ts'
import {
  aMomentBeforeNow,
  expireDuePendingOrders,
  insertOrderEvent,
  insertOrderEvents,
  listOrderItems,
  lockOrder,
  reopenExpiredOrder,
  returnStock,
  sumOrderedQuantities,
  takeStock,
} from '../../db/orders.queries.ts'
import type { OrderRow } from '../../db/schema/orders.ts'

/** Shops that never chose get this: a day to press Send in WhatsApp. */
export const DEFAULT_ORDER_EXPIRY_HOURS = 24
/**
 * Orders lapsed per transaction; a sweep runs batches until none is left. Small, because on
 * PGlite a transaction holds the one connection that every page and checkout waits for.
 */
const EXPIRY_BATCH = 50

/** When an order placed now lapses if it never reaches WhatsApp. */
export function orderExpiresAt(hours: number, now: number = Date.now()): Date {
  return new Date(now + hours * 3_600_000)
}

/**
 * Lapses every pending order past its deadline: each becomes `expired`, its units go back to
 * the stock and its timeline gets an `expired` event. Runs in batches, one transaction each,
 * and skips orders another process holds, so any number of servers may sweep together; the
 * deadline lives on the order, so a sweep after a restart finds what lapsed meanwhile.
 * Returns how many orders lapsed.
 * @example await expireDueOrders(db)
 */
export async function expireDueOrders(db: Db): Promise<number> {
  let total = 0
  for (let batch = 0; ; batch++) {
    // PGlite answers in promise callbacks only: without a turn of the event loop between
    // batches, requests that arrived meanwhile would wait for the whole sweep.
    if (batch > 0) await nextTurn()
    const count = await db.transaction().execute(async (trx) => {
      const expired = await expireDuePendingOrders(trx, EXPIRY_BATCH)
      // A revived order flagged out of stock never took its units again: nothing to give back.
      const holding = expired.filter((o) => !o.out_of_stock_on_revival).map((o) => o.id)
      const quantities = await sumOrderedQuantities(trx, holding)
      const targets = byStockLockOrder(
        quantities.map((q) => ({
          productId: q.product_id,
          variantId: q.variant_id,
          quantity: q.quantity,
        })),
      )
      for (const target of targets) await returnStock(trx, target, target.quantity)
      await insertOrderEvents(
        trx,
        expired.map((order) => ({
          shop_id: order.shop_id,
          order_id: order.id,
          type: 'expired',
          from_status: 'pending',
          to_status: 'expired',
          actor: 'system',
          data: null,
        })),
      )
      return expired.length
    })
    total += count
    if (count < EXPIRY_BATCH) return total
  }
}

/**
 * Revives an expired order that a late WhatsApp message points at (by its code), inside the
 * caller's transaction: it takes its stock again and goes back to `pending`, ready to be
 * confirmed by that message as usual. When some of its stock was sold meanwhile it takes none,
 * goes back to `pending` all the same (the customer did send it) and is flagged
 * `out_of_stock_on_revival` for the merchant. A pending order is locked until the caller's
 * transaction ends, so a sweep cannot lapse it between this read and its confirmation (the
 * sweep skips locked rows; one already lapsing it finishes first, and the order is revived).
 * Any other order comes back unchanged.
 * @example order = await reviveExpiredOrder(trx, order)
 */
export async function reviveExpiredOrder(
  trx: Transaction<Database>,
  order: OrderRow,
): Promise<OrderRow> {
  if (order.status !== 'expired' && order.status !== 'pending') return order
  const locked = await lockOrder(trx, order.id)
  if (locked?.status !== 'expired') return locked ?? order

  const items = await listOrderItems(trx, order.id)
  const targets = byStockLockOrder(
    items.map((item) => ({
      productId: item.product_id,
      variantId: item.variant_id,
      quantity: item.quantity,
      sku: item.sku,
    })),
  )
  const taken: typeof targets = []
  let short: string | null = null
  for (const target of targets) {
    if (!target.productId) continue // the product was deleted: nothing to take
    const ok = await takeStock(
      trx,
      { productId: target.productId, variantId: target.variantId },
      target.quantity,
    )
    if (!ok) {
      short = target.sku
      break
    }
    taken.push(target)
  }
  // All or nothing: an order flagged out of stock holds none of the stock.
  if (short !== null) {
    for (const target of taken) await returnStock(trx, target, target.quantity)
  }
  const revived = await reopenExpiredOrder(trx, order.id, short !== null)
  if (!revived) return locked
  await insertOrderEvent(trx, {
    shop_id: order.shop_id,
    order_id: order.id,
    type: short === null ? 'revived' : 'out_of_stock_on_revival',
    from_status: 'expired',
    to_status: 'pending',
    actor: 'whatsapp',
    data: short === null ? null : JSON.stringify({ sku: short }),
    // The confirmation that follows in this transaction is stamped now() too: a microsecond
    // earlier keeps the timeline in the order things happened.
    created_at: aMomentBeforeNow(),
  })
  return revived
}
