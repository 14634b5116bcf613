import { type Expression, type Insertable, type InsertObject, sql, Transaction } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { DeliveryArea } from '../core/cart.ts'
import type { SlotSettings } from '../core/time-slots.ts'
import type { Database, DbOrTrx } from './database.ts'
import { withSavepoint } from './savepoint.ts'
import type {
  OrderEventsTable,
  OrderItemsTable,
  OrderRow,
  OrderStatus,
  OrdersTable,
} from './schema/orders.ts'
import type { ShopRow } from './schema/shops.ts'

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
export function findOrderableSkus(
  db: DbOrTrx,
  shopId: string,
  skus: string[],
): Promise<OrderableSku[]> {
  if (skus.length === 0) return Promise.resolve([])
  return orderableSkus(db, sql.val(shopId), skus).execute()
}

/** Products and variants in one union, so they come back in one round trip. */
function orderableSkus(db: DbOrTrx, shopId: Expression<string>, skus: string[]) {
  // `sku = any(array)` keeps one parameter however many SKUs (and matches none for none).
  const among = sql<boolean>`= any(${skus}::text[])`
  return db
    .selectFrom('products as p')
    .select([
      'p.sku',
      'p.id as productId',
      sql<string | null>`null::uuid`.as('variantId'),
      'p.name as productName',
      sql<Record<string, string> | null>`null::jsonb`.as('variantOptions'),
      'p.price',
      'p.stock',
    ])
    .where('p.shop_id', '=', shopId)
    .where('p.active', '=', true)
    .where(sql<boolean>`p.sku ${among}`)
    .unionAll(
      db
        .selectFrom('product_variants as v')
        .innerJoin('products as p', 'p.id', 'v.product_id')
        .select((eb) => [
          'v.sku',
          'p.id as productId',
          'v.id as variantId',
          'p.name as productName',
          'v.options as variantOptions',
          eb.fn.coalesce('v.price', 'p.price').as('price'),
          'v.stock',
        ])
        .where('v.shop_id', '=', shopId)
        .where('v.active', '=', true)
        .where('p.active', '=', true)
        .where(sql<boolean>`v.sku ${among}`),
    )
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
/**
 * A timestamp a microsecond before the transaction's now(): for an event that must sort before
 * another one written later in the same transaction (both would otherwise be stamped now()).
 */
export function aMomentBeforeNow() {
  return sql<Date>`now() - interval '1 microsecond'`
}

export function insertOrderEvent(db: DbOrTrx, event: InsertObject<Database, 'order_events'>) {
  return db.insertInto('order_events').values(event).returningAll().executeTakeFirstOrThrow()
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
  /** Only orders whose time slot starts in `[from, to)`. */
  slotsBetween?: { from: Date; to: Date } | undefined
  limit: number
  /** The id of the last order of the previous page (keyset pagination). */
  afterId?: string | undefined
  offset?: number | undefined
}

/** A shop's orders, newest first, filtered; returns `limit + 1` rows so callers can tell if more exist. */
export function listShopOrders(db: DbOrTrx, args: ListShopOrdersArgs) {
  let query = db.selectFrom('orders').selectAll().where('shop_id', '=', args.shopId)
  if (args.status) query = query.where('status', '=', args.status)
  if (args.slotsBetween) {
    query = query
      .where('slot_starts_at', '>=', args.slotsBetween.from)
      .where('slot_starts_at', '<', args.slotsBetween.to)
  }
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

/** What pricing an order read from its shop: the statement checks it is still current. */
export interface OrderingSnapshot {
  shop: Pick<
    ShopRow,
    'id' | 'name' | 'currency' | 'locale' | 'whatsapp_phone' | 'order_expiry_hours'
  >
  skus: OrderableSku[]
  shipping: OrderShippingMethod | null
}

/** A shipping method as checkout prices it. */
export interface OrderShippingMethod {
  id: string
  name: string
  price: number
  free_over: number | null
  min_order_amount: number | null
  requires_address: boolean
  /** Priced by area instead of `price` when not empty. */
  areas?: DeliveryArea[]
  /** The time slots it offers, if any. */
  slots?: SlotSettings | null
}

/** The columns of `orders` that `chatcart_write_order` inserts (the others take their defaults). */
type WrittenOrderColumn =
  | 'id'
  | 'shop_id'
  | 'code'
  | 'token'
  | 'status'
  | 'source'
  | 'currency'
  | 'locale'
  | 'subtotal'
  | 'shipping_total'
  | 'total'
  | 'shipping_method_id'
  | 'shipping_method_name'
  | 'customer_name'
  | 'customer_phone'
  | 'customer_address'
  | 'customer_wa_id'
  | 'customer_user_id'
  | 'customer_profile_name'
  | 'note'
  | 'message'
  | 'confirmed_at'
  | 'expires_at'
  | 'discount_id'
  | 'discount_code'
  | 'discount_total'
  | 'delivery_area'
  | 'slot_starts_at'
  | 'slot_ends_at'

/** An order ready to be written: every value priced and composed, its id chosen. */
export interface NewOrder {
  /** Every column `chatcart_write_order` inserts, each given (a missing one would be null). */
  order: Required<Pick<Insertable<OrdersTable>, WrittenOrderColumn>> & { status: OrderStatus }
  /** Its lines, in order (`shop_id` and `order_id` come from the order). */
  items: Omit<Insertable<OrderItemsTable>, 'shop_id' | 'order_id'>[]
  /** Units to take from rows of limited stock (a variant's id, else its product's). */
  takes: { productId: string; variantId: string | null; quantity: number }[]
  /** The `created` event. */
  event: { actor: string; data: Record<string, unknown> }
  /** With a key, the response is stored under it in the same statement. */
  idempotency?: { key: string; requestHash: string; status: number; body: unknown } | undefined
  /** Counted in the same statement: past `limit` orders in the window, nothing is written. */
  rateLimit?: { key: string; limit: number; windowMs: number } | undefined
  /** The catalog values the order was priced from (from a cache): refused as `stale` if changed. */
  pricedFrom?: OrderingSnapshot | undefined
}

export type WriteOrderResult =
  | { kind: 'placed'; order: OrderRow }
  /** The idempotency key is held by an earlier request (read it with `findIdempotencyKey`). */
  | { kind: 'key_taken' }
  /** The stock of this product or variant ran out (or its row is gone): nothing was written. */
  | { kind: 'out_of_stock'; rowId: string }
  /** Another order of the shop has this code: pick another; nothing was written. */
  | { kind: 'code_taken' }
  /** The client placed too many orders; it may try again after `retryAfterSeconds`. */
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** The shop, a price, a name or the shipping method changed since `pricedFrom` was read. */
  | { kind: 'stale' }
  /** The discount reached its maximum uses: nothing was written. */
  | { kind: 'discount_exhausted' }
  /** The customer's phone already holds this once-per-customer discount. */
  | { kind: 'discount_used' }
  /** The time slot has no place left: nothing was written. */
  | { kind: 'slot_full' }

/**
 * Writes a whole order in ONE statement, `chatcart_write_order` (migration 0009), so no
 * transaction is held open across JavaScript and a crash keeps all of it or none: the client's
 * rate-limit hit, the idempotency key with its response, the stock taken from every limited row,
 * the order, its lines and its `created` event. With `pricedFrom`, it first checks that the
 * catalog still holds the values the order was priced from. Rows of stock are locked in one
 * global order (products, then variants, each by id: see core/stock-lock-order.ts), so
 * concurrent carts cannot deadlock. Any refusal undoes every write of the statement. Inside a
 * transaction the statement runs in a savepoint, so a refusal leaves the transaction usable.
 */
export async function writeOrder(db: DbOrTrx, order: NewOrder): Promise<WriteOrderResult> {
  const { idempotency, rateLimit } = order
  // Keys left undefined are left out: the function tests for their presence.
  const p = {
    order: order.order,
    items: order.items,
    takes: order.takes.map((t) => ({
      id: t.variantId ?? t.productId,
      variant: t.variantId !== null,
      quantity: t.quantity,
    })),
    event: order.event,
    idempotency: idempotency && {
      key: idempotency.key,
      request_hash: idempotency.requestHash,
      status: idempotency.status,
      body: idempotency.body,
    },
    rate_limit: rateLimit && {
      key: rateLimit.key,
      limit: rateLimit.limit,
      window_ms: rateLimit.windowMs,
    },
    priced_from: order.pricedFrom,
  }
  const statement = sql<OrderRow>`select * from chatcart_write_order(${JSON.stringify(p)}::jsonb)`
  const run = async (): Promise<WriteOrderResult> => {
    const { rows } = await statement.execute(db)
    const placed = rows[0]
    return placed ? { kind: 'placed', order: placed } : { kind: 'key_taken' }
  }
  try {
    return db instanceof Transaction ? await withSavepoint(db, run) : await run()
  } catch (error) {
    const refused = refusal(error)
    if (refused) return refused
    throw error
  }
}

/** The refusals `writeOrder` reports as results; anything else is rethrown. */
function refusal(error: unknown): WriteOrderResult | undefined {
  const { code, message = '' } = error as { code?: string; message?: string }
  if (code === 'P0001') {
    const [reason, detail = ''] = message.split(':')
    if (reason === 'out_of_stock') return { kind: 'out_of_stock', rowId: detail }
    if (reason === 'stale') return { kind: 'stale' }
    if (reason === 'discount_exhausted') return { kind: 'discount_exhausted' }
    if (reason === 'discount_used') return { kind: 'discount_used' }
    if (reason === 'slot_full') return { kind: 'slot_full' }
    if (reason === 'rate_limited') {
      return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, Number(detail) || 1) }
    }
  }
  if (code === '23505' && message.includes('orders_shop_code_key')) return { kind: 'code_taken' }
  return undefined
}

/**
 * What checkout needs to price an order, in one query: the published shop, its active products
 * and variants among `skus`, and the active shipping method asked for.
 */
export async function findOrderingContext(
  db: DbOrTrx,
  slug: string,
  skus: string[],
  shippingMethodId: string | null,
): Promise<(OrderingSnapshot & { shop: ShopRow }) | undefined> {
  const row = await db
    .selectFrom('shops as s')
    .selectAll('s')
    .select((eb) => [
      jsonArrayFrom(orderableSkus(db, eb.ref('s.id'), skus)).as('skus'),
      jsonObjectFrom(
        eb
          .selectFrom('shipping_methods as m')
          .select([
            'm.id',
            'm.name',
            'm.price',
            'm.free_over',
            'm.requires_address',
            'm.min_order_amount',
            'm.areas',
            'm.slots',
          ])
          .whereRef('m.shop_id', '=', 's.id')
          .where('m.id', '=', shippingMethodId)
          .where('m.active', '=', true),
      ).as('shipping'),
    ])
    .where('s.slug', '=', slug)
    .where('s.published', '=', true)
    .executeTakeFirst()
  if (!row) return undefined
  const { skus: found, shipping, ...shop } = row
  return { shop, skus: found, shipping }
}

/** The stored answer of an idempotency key, if the key was used. */
export function findIdempotencyKey(db: DbOrTrx, shopId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('key', '=', key)
    .executeTakeFirst()
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
      's.payments as shop_payments',
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
export function lockOrder(db: Transaction<Database>, orderId: string) {
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

/** Records how an order was paid and moves it to paid (the caller holds its row lock). */
export function setOrderPaid(
  trx: Transaction<Database>,
  orderId: string,
  paid: { method: string; reference: string | null; amount: number | null; at: Date },
) {
  return trx
    .updateTable('orders')
    .set({
      status: 'paid',
      paid_method: paid.method,
      paid_reference: paid.reference,
      paid_amount: paid.amount,
      paid_at: paid.at,
      updated_at: paid.at,
    })
    .where('id', '=', orderId)
    .execute()
}
