import { type Insertable, type InsertObject, type Selectable, sql } from 'kysely'
import type { Database, DbOrTrx } from './database.ts'
import type {
  IdempotencyKeysTable,
  OrderEventsTable,
  OrderItemsTable,
  OrderStatus,
  OrdersTable,
} from './schema/orders.ts'

/** A product or variant SKU as an order needs it; `price` already falls back to the product's. */
export interface OrderableSku {
  sku: string
  productId: string
  variantId: string | null
  productName: string
  variantOptions: Record<string, string> | null
  price: number
  stock: number | null
}

/** Active products and active variants (of active products) of a shop among these SKUs. */
export async function findOrderableSkus(
  db: DbOrTrx,
  shopId: string,
  skus: string[],
): Promise<OrderableSku[]> {
  if (skus.length === 0) return []
  const [products, variants] = await Promise.all([
    db
      .selectFrom('products')
      .select(['id', 'sku', 'name', 'price', 'stock'])
      .where('shop_id', '=', shopId)
      .where('active', '=', true)
      .where('sku', 'in', skus)
      .execute(),
    db
      .selectFrom('product_variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select([
        'v.id as variantId',
        'v.sku',
        'v.options',
        'v.price',
        'v.stock',
        'p.id as productId',
        'p.name',
        'p.price as productPrice',
      ])
      .where('v.shop_id', '=', shopId)
      .where('v.active', '=', true)
      .where('p.active', '=', true)
      .where('v.sku', 'in', skus)
      .execute(),
  ])
  return [
    ...products.map((p) => ({
      sku: p.sku,
      productId: p.id,
      variantId: null,
      productName: p.name,
      variantOptions: null,
      price: p.price,
      stock: p.stock,
    })),
    ...variants.map((v) => ({
      sku: v.sku,
      productId: v.productId,
      variantId: v.variantId,
      productName: v.name,
      variantOptions: v.options,
      price: v.price ?? v.productPrice,
      stock: v.stock,
    })),
  ]
}

/**
 * Takes `quantity` units of a product or variant in one conditional update, so two concurrent
 * orders can never both take the last unit. False when there is not enough stock (nothing changes).
 * Unlimited stock (null) always succeeds.
 */
export async function takeStock(
  db: DbOrTrx,
  target: { productId: string; variantId: string | null },
  quantity: number,
): Promise<boolean> {
  const stockLeft = sql<number | null>`stock - ${quantity}`
  const enough = sql<boolean>`(stock is null or stock >= ${quantity})`
  const row = target.variantId
    ? await db
        .updateTable('product_variants')
        .set({ stock: stockLeft })
        .where('id', '=', target.variantId)
        .where(enough)
        .returning('id')
        .executeTakeFirst()
    : await db
        .updateTable('products')
        .set({ stock: stockLeft })
        .where('id', '=', target.productId)
        .where(enough)
        .returning('id')
        .executeTakeFirst()
  return row !== undefined
}

/** Puts units back on a product or variant with limited stock (a cancelled order). */
export async function returnStock(
  db: DbOrTrx,
  target: { productId: string | null; variantId: string | null },
  quantity: number,
): Promise<void> {
  const stockBack = sql<number | null>`stock + ${quantity}`
  if (target.variantId) {
    await db
      .updateTable('product_variants')
      .set({ stock: stockBack })
      .where('id', '=', target.variantId)
      .where('stock', 'is not', null)
      .execute()
  } else if (target.productId) {
    await db
      .updateTable('products')
      .set({ stock: stockBack })
      .where('id', '=', target.productId)
      .where('stock', 'is not', null)
      .execute()
  }
}

/** An active shipping method of the shop, or undefined. */
export function findActiveShippingMethod(db: DbOrTrx, shopId: string, id: string) {
  return db
    .selectFrom('shipping_methods')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', id)
    .where('active', '=', true)
    .executeTakeFirst()
}

/** Inserts an order; undefined when its code is already used in this shop (pick another). */
export function insertOrderUnlessCodeTaken(db: DbOrTrx, values: Insertable<OrdersTable>) {
  return db
    .insertInto('orders')
    .values(values)
    .onConflict((oc) => oc.columns(['shop_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst()
}

/** Inserts the lines of an order, in the given order. */
export function insertOrderItems(db: DbOrTrx, items: Insertable<OrderItemsTable>[]) {
  return db.insertInto('order_items').values(items).returningAll().execute()
}

/** Appends an event to an order's history (values may be SQL expressions, e.g. its time). */
export function insertOrderEvent(db: DbOrTrx, event: InsertObject<Database, 'order_events'>) {
  return db.insertInto('order_events').values(event).returningAll().executeTakeFirstOrThrow()
}

/** An order by its public token. */
export function findOrderByToken(db: DbOrTrx, token: string) {
  return db.selectFrom('orders').selectAll().where('token', '=', token).executeTakeFirst()
}

/** An order of a shop by its code, optionally locking the row for an update. */
export function findShopOrderByCode(
  db: DbOrTrx,
  shopId: string,
  code: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('code', '=', code)
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
}

/** The lines of an order, in their original order. */
export function listOrderItems(db: DbOrTrx, orderId: string) {
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute()
}

/** The history of an order, oldest first. */
export function listOrderEvents(db: DbOrTrx, orderId: string) {
  return db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export interface ListShopOrdersArgs {
  shopId: string
  status?: OrderStatus | undefined
  /** Matches the code, the customer's name or phone (case-insensitive, substring). */
  q?: string | undefined
  limit: number
  /** The id of the last order of the previous page (keyset pagination). */
  afterId?: string | undefined
  offset?: number | undefined
}

/** A shop's orders, newest first, filtered; returns `limit + 1` rows so callers can tell if more exist. */
export function listShopOrders(db: DbOrTrx, args: ListShopOrdersArgs) {
  let query = db.selectFrom('orders').selectAll().where('shop_id', '=', args.shopId)
  if (args.status) query = query.where('status', '=', args.status)
  const q = args.q?.trim()
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    const digits = q.replace(/\D/g, '')
    query = query.where((eb) =>
      eb.or([
        eb('code', 'ilike', pattern),
        eb('customer_name', 'ilike', pattern),
        ...(digits.length >= 3 ? [eb('customer_phone', 'like', `%${digits}%`)] : []),
      ]),
    )
  }
  if (args.afterId) {
    // Compared in SQL so the microseconds of created_at are kept exactly.
    const after = sql`(select created_at, id from orders where id = ${args.afterId} and shop_id = ${args.shopId})`
    query = query.where(sql<boolean>`(created_at, id) < ${after}`)
  }
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(args.limit + 1)
    .offset(args.offset ?? 0)
    .execute()
}

/**
 * Moves an order to a new status by the merchant's hand; returns the row. It never stamps
 * `confirmed_at`, which records a WhatsApp message arriving (set only by matching).
 */
export function updateOrderStatus(db: DbOrTrx, orderId: string, status: OrderStatus) {
  return db
    .updateTable('orders')
    .set({ status, updated_at: new Date() })
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Claims an idempotency key for this shop inside the caller's transaction. Returns `claimed` when
 * this request owns the key (it must then store its response), or the row of an earlier request.
 * A concurrent claim of the same key waits on the unique index until the first transaction ends,
 * so it sees that request's committed response (or claims the key itself after a rollback).
 * Keys older than 24 hours are forgotten.
 */
export async function claimIdempotencyKey(
  db: DbOrTrx,
  args: { shopId: string; key: string; requestHash: string },
): Promise<{ claimed: true } | { claimed: false; row: Selectable<IdempotencyKeysTable> }> {
  const insert = () =>
    db
      .insertInto('idempotency_keys')
      .values({ shop_id: args.shopId, key: args.key, request_hash: args.requestHash })
      .onConflict((oc) => oc.columns(['shop_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst()
  if (await insert()) return { claimed: true }
  // Taken: replay it, unless it is older than 24 hours, when the key may be used afresh.
  const expired = await db
    .deleteFrom('idempotency_keys')
    .where('shop_id', '=', args.shopId)
    .where('key', '=', args.key)
    .where('created_at', '<', sql<Date>`now() - interval '24 hours'`)
    .executeTakeFirst()
  if (expired.numDeletedRows > 0n && (await insert())) return { claimed: true }
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('shop_id', '=', args.shopId)
    .where('key', '=', args.key)
    .executeTakeFirstOrThrow()
  return { claimed: false, row }
}

/** Records the response given for a claimed idempotency key. */
export function storeIdempotentResponse(
  db: DbOrTrx,
  args: { shopId: string; key: string; status: number; body: unknown },
) {
  return db
    .updateTable('idempotency_keys')
    .set({ response_status: args.status, response_body: JSON.stringify(args.body) })
    .where('shop_id', '=', args.shopId)
    .where('key', '=', args.key)
    .execute()
}

/** The lines of several orders at once (for a list page), in their original order. */
export function listItemsOfOrders(db: DbOrTrx, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('position')
    .execute()
}

/** An order by its public token with the name and slug of its shop. */
export function findPublicOrder(db: DbOrTrx, token: string) {
  return db
    .selectFrom('orders as o')
    .innerJoin('shops as s', 's.id', 'o.shop_id')
    .selectAll('o')
    .select([
      's.slug as shop_slug',
      's.name as shop_name',
      's.whatsapp_phone as shop_phone',
      's.timezone as shop_timezone',
    ])
    .where('o.token', '=', token)
    .executeTakeFirst()
}

// ── expiry ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Lapses up to `limit` pending orders whose deadline has passed, in one statement: rows another
 * process is working on are skipped (`for update skip locked`), so several servers may sweep at
 * once without touching an order twice. Returns the orders it expired.
 * @example const expired = await expireDuePendingOrders(trx, 200)
 */
export function expireDuePendingOrders(db: DbOrTrx, limit: number) {
  return db
    .updateTable('orders')
    .set({ status: 'expired', updated_at: sql<Date>`now()` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('orders')
        .select('id')
        .where('status', '=', 'pending')
        .where('expires_at', '<=', sql<Date>`now()`)
        .orderBy('expires_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'pending')
    .returning(['id', 'shop_id', 'out_of_stock_on_revival'])
    .execute()
}

/** Units per product or variant over several orders' lines (what those orders hold of the stock). */
export function sumOrderedQuantities(db: DbOrTrx, orderIds: string[]) {
  if (orderIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('order_items')
    .select(['product_id', 'variant_id', sql<number>`sum(quantity)::integer`.as('quantity')])
    .where('order_id', 'in', orderIds)
    .groupBy(['product_id', 'variant_id'])
    .execute()
}

/** Appends several events at once. */
export async function insertOrderEvents(db: DbOrTrx, events: Insertable<OrderEventsTable>[]) {
  if (events.length > 0) await db.insertInto('order_events').values(events).execute()
}

/** An order by id, its row locked until the transaction ends. */
export function lockOrder(db: DbOrTrx, orderId: string) {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst()
}

/**
 * Brings an expired order back to pending (a late message arrived), with a fresh deadline from
 * its shop's expiry time; `outOfStock` flags it for the merchant when its stock was sold meanwhile.
 */
export function reopenExpiredOrder(db: DbOrTrx, orderId: string, outOfStock: boolean) {
  return db
    .updateTable('orders')
    .set({
      status: 'pending',
      updated_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(hours => (select s.order_expiry_hours from shops s where s.id = orders.shop_id))`,
      out_of_stock_on_revival: outOfStock,
    })
    .where('id', '=', orderId)
    .where('status', '=', 'expired')
    .returningAll()
    .executeTakeFirst()
}
