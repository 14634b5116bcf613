import { createHash } from 'node:crypto'
import pLimit from 'p-limit'
import type { DbOrTrx } from '../../db/database.ts'
import { findDiscountByCode, productsInCategories } from '../../db/discounts.queries.ts'
import { findIdempotencyKey, type OrderableSku } from '../../db/orders.queries.ts'
import { AppError, notFound } from '../errors.ts'
import { placedOrderJson } from './order-json.ts'
import { type PlaceOrderBody, placeOrderPhone } from './order-schema.ts'
import type { OrderingCache } from './ordering-cache.ts'
import {
  type PricedOrder,
  priceOrder,
  type ResolvedDiscount,
  TooManyOrders,
  writePricedOrder,
} from './place-order.ts'

/** An idempotency key may be used afresh after this long. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000
/** A copy found stale is read again; past this many reads something keeps changing it. */
const MAX_READS = 3

/**
 * Order statements a process runs at once; the rest wait here. Orders of a popular product all
 * queue on its stock row, and when ten per process queued inside PostgreSQL, every commit woke
 * each of them to find the row taken again: the backends spent more CPU on waking than on the
 * orders. Waiting here costs nothing, and four keep the rows busy.
 */
export const ORDER_WRITES_AT_ONCE = 4
/** Orders that may wait for their turn; past this a flood is refused at once, not queued. */
export const ORDER_WRITES_WAITING = 200
const orderWrites = pLimit(ORDER_WRITES_AT_ONCE)

/** 503 for an order past the queue's bound; the shopper may send it again in a moment. */
export class CheckoutBusy extends AppError {
  constructor() {
    super(503, 'busy', 'Too many orders at once; try again in a moment')
  }
}

export interface CheckoutRequest {
  slug: string
  body: PlaceOrderBody
  idempotencyKey: string | undefined
  /** The client's bucket (`checkout:<address>`) and its limit. */
  rateLimit: { key: string; limit: number; windowMs: number }
  publicUrl: string
}

export interface CheckoutAnswer {
  status: number
  body: unknown
  /** The answer stored under the idempotency key by an earlier request. */
  replayed: boolean
}

/**
 * Checkout: prices the order from the shop's catalog (usually the process's copy of it, see
 * `OrderingCache`), then writes it with its rate-limit hit and idempotent answer in one
 * statement. A key already used replays its first answer, even when the catalog would refuse
 * the order now; used with another body, it is a 409.
 */
export async function checkout(
  db: DbOrTrx,
  cache: OrderingCache,
  request: CheckoutRequest,
): Promise<CheckoutAnswer> {
  const { slug, body, idempotencyKey: key } = request
  const skus = [...new Set(body.items.map((item) => item.sku))]
  let shopId: string | undefined
  let requestHash = ''
  try {
    for (let read = 1; ; read++) {
      const context = await cache.get(db, slug, skus, body.shippingMethodId ?? null, {
        fresh: read > 1,
      })
      if (!context) throw notFound('Shop')
      const { shop } = context
      shopId = shop.id
      const phone = placeOrderPhone(body.customer.phone, shop.whatsapp_phone)
      const input = { ...body, customer: { ...body.customer, phone } }
      // The parsed body has a fixed key order, so equal requests hash equally.
      requestHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url')
      let priced: PricedOrder
      try {
        const discount = input.discountCode
          ? await resolveDiscount(db, shop.id, input.discountCode, context.skus)
          : null
        priced = priceOrder(shop, input, context, discount)
      } catch (error) {
        // A SKU or method missing from a copy may have been added since: ask the database.
        if (context.cached) continue
        throw error
      }
      if (orderWrites.pendingCount >= ORDER_WRITES_WAITING) throw new CheckoutBusy()
      const placed = await orderWrites(() =>
        writePricedOrder(db, shop, priced, {
          source: input.source ?? 'shop',
          publicUrl: request.publicUrl,
          idempotency: key === undefined ? undefined : { key, requestHash },
          rateLimit: request.rateLimit,
          pricedFromCache: context.cached,
        }),
      )
      if (placed === 'stale') {
        cache.forget(slug)
        if (read < MAX_READS) continue
        throw new AppError(409, 'catalog_changed', 'The shop changed meanwhile; try again')
      }
      if (placed) return { status: 201, body: placedOrderJson(placed), replayed: false }
      const earlier = await replay(db, shop.id, key, requestHash)
      if (earlier) return earlier
      throw new AppError(409, 'idempotency_conflict', 'Try again', 'Idempotency-Key')
    }
  } catch (error) {
    // A request already answered is replayed even when the catalog would refuse it now. A key
    // already looked up (a replay or its conflict) is not looked up twice, and a refusal for
    // the load (the client's limit, a full queue) looks up nothing.
    const keyRead = error instanceof AppError && error.field === 'Idempotency-Key'
    const load = error instanceof TooManyOrders || error instanceof CheckoutBusy
    if (!(error instanceof AppError) || load || keyRead || !shopId) throw error
    const earlier = await replay(db, shopId, key, requestHash)
    if (earlier) return earlier
    throw error
  }
}

/**
 * The answer stored under an idempotency key of the shop, or undefined when there is no key,
 * the key is unused or older than 24 hours. A key used with a different request is a 409.
 */
async function replay(
  db: DbOrTrx,
  shopId: string,
  key: string | undefined,
  requestHash: string,
): Promise<CheckoutAnswer | undefined> {
  if (key === undefined) return undefined
  const row = await findIdempotencyKey(db, shopId, key)
  if (!row || row.created_at.getTime() < Date.now() - IDEMPOTENCY_TTL_MS) return undefined
  if (row.request_hash !== requestHash) {
    throw new AppError(
      409,
      'idempotency_conflict',
      'This Idempotency-Key was used with a different request',
      'Idempotency-Key',
    )
  }
  return { status: row.response_status ?? 201, body: row.response_body, replayed: true }
}

/**
 * The shop's discount with this code (any case) and, when it is for some categories, the
 * products of the cart it applies to. 400 `invalid_discount` on `discountCode` when there is none.
 */
export async function resolveDiscount(
  db: DbOrTrx,
  shopId: string,
  code: string,
  skus: readonly OrderableSku[],
): Promise<ResolvedDiscount> {
  const row = await findDiscountByCode(db, shopId, code)
  if (!row) {
    throw new AppError(400, 'invalid_discount', 'No such discount code', 'discountCode')
  }
  if (row.category_ids.length === 0) return { row, productIds: null }
  const productIds = [...new Set(skus.map((sku) => sku.productId))]
  return { row, productIds: await productsInCategories(db, shopId, productIds, row.category_ids) }
}
