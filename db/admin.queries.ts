import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

// Read models for the merchant admin: dashboard figures and the look-ups of the CSV import.

/**
 * Orders (not cancelled) and paid revenue per day of the shop's time zone, for the days since
 * `since`. Days without orders are absent.
 */
export async function dailyOrderTotals(
  db: DbOrTrx,
  args: { shopId: string; timezone: string; since: Date },
) {
  const day = sql<string>`to_char(created_at at time zone ${args.timezone}, 'YYYY-MM-DD')`
  const rows = await db
    .selectFrom('orders')
    .select([
      day.as('day'),
      sql<string>`count(*) filter (where status not in ('cancelled', 'expired'))`.as('orders'),
      sql<string>`coalesce(sum(total) filter (where status in ('paid', 'shipped', 'completed')), 0)`.as(
        'revenue',
      ),
    ])
    .where('shop_id', '=', args.shopId)
    .where('created_at', '>=', args.since)
    // By position: the time zone is a parameter, so the two copies of `day` would differ.
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute()
  return rows.map((r) => ({ day: r.day, orders: Number(r.orders), revenue: Number(r.revenue) }))
}

/**
 * The funnel of orders created since `since`: all of them, those that arrived on WhatsApp, and
 * those paid. Arrived means a WhatsApp message of the customer was matched to the order (by its
 * code or as a reply, even after the merchant moved it on), or the order is a native WhatsApp
 * cart; a status the merchant set by hand says nothing about WhatsApp.
 */
export async function orderFunnel(db: DbOrTrx, args: { shopId: string; since: Date }) {
  const row = await db
    .selectFrom('orders')
    .select([
      sql<string>`count(*)`.as('created'),
      sql<string>`count(*) filter (where orders.match is not null or exists (
        select 1 from inbound_messages m
        where m.order_id = orders.id and m.kind = 'message'
          and m.state in ('matched', 'recorded') and m.match_method is not null))`.as('arrived'),
      sql<string>`count(*) filter (where status in ('paid', 'shipped', 'completed'))`.as('paid'),
    ])
    .where('shop_id', '=', args.shopId)
    .where('created_at', '>=', args.since)
    .executeTakeFirstOrThrow()
  return { created: Number(row.created), arrived: Number(row.arrived), paid: Number(row.paid) }
}

/**
 * The orders paid since `since` (paid, shipped or completed) by how they were paid, most first;
 * `method` is null for orders marked paid before methods were recorded.
 */
export async function paidOrdersByMethod(db: DbOrTrx, args: { shopId: string; since: Date }) {
  const rows = await db
    .selectFrom('orders')
    .select(['paid_method as method', sql<string>`count(*)`.as('orders')])
    .where('shop_id', '=', args.shopId)
    .where('created_at', '>=', args.since)
    .where('status', 'in', ['paid', 'shipped', 'completed'])
    .groupBy('paid_method')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('paid_method')
    .execute()
  return rows.map((r) => ({ method: r.method, orders: Number(r.orders) }))
}

/** The best-selling SKUs (by units) of orders not cancelled since `since`. */
export async function topSellingSkus(
  db: DbOrTrx,
  args: { shopId: string; since: Date; limit: number },
) {
  const rows = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select([
      'i.sku',
      sql<string>`max(i.name)`.as('name'),
      sql<string>`sum(i.quantity)`.as('quantity'),
      sql<string>`sum(i.line_total)`.as('revenue'),
    ])
    .where('o.shop_id', '=', args.shopId)
    .where('o.created_at', '>=', args.since)
    .where('o.status', 'not in', ['cancelled', 'expired'])
    .groupBy('i.sku')
    .orderBy(sql`sum(i.quantity)`, 'desc')
    .orderBy('i.sku')
    .limit(args.limit)
    .execute()
  return rows.map((r) => ({
    sku: r.sku,
    name: r.name,
    quantity: Number(r.quantity),
    revenue: Number(r.revenue),
  }))
}

/** How many WhatsApp messages of the shop wait to be matched to an order. */
export async function countUnmatchedMessages(db: DbOrTrx, shopId: string): Promise<number> {
  const row = await db
    .selectFrom('inbound_messages')
    .select(sql<string>`count(*)`.as('n'))
    .where('shop_id', '=', shopId)
    .where('kind', '=', 'message')
    .where('state', '=', 'unmatched')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every SKU the shop uses, products and variants alike, with the product it belongs to. */
export function listShopSkuOwners(db: DbOrTrx, shopId: string) {
  return db
    .selectFrom('products')
    .select(['sku', 'id as product_id'])
    .where('shop_id', '=', shopId)
    .unionAll(
      db.selectFrom('product_variants').select(['sku', 'product_id']).where('shop_id', '=', shopId),
    )
    .execute()
}

/** Every product slug of the shop. */
export async function listProductSlugs(db: DbOrTrx, shopId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('slug')
    .where('shop_id', '=', shopId)
    .execute()
  return rows.map((r) => r.slug)
}
