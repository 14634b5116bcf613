import type { DbOrTrx } from '../../db/database.ts'
import {
  findOrderingContext,
  type OrderableSku,
  type OrderingSnapshot,
  type OrderShippingMethod,
} from '../../db/orders.queries.ts'
import type { ShopRow } from '../../db/schema/shops.ts'

/** A shop, SKUs and a shipping method for checkout, and whether they came from the cache. */
export interface OrderingContext extends OrderingSnapshot {
  shop: ShopRow
  cached: boolean
}

interface Entry {
  shop: ShopRow
  skus: Map<string, OrderableSku>
  methods: Map<string, OrderShippingMethod>
  expiresAt: number
}

/**
 * What checkout prices orders from, per shop, kept for `ttlMs` in this process: the shop row,
 * the SKUs and shipping methods recent orders asked for. An order priced from this copy is
 * written with `pricedFrom`, so the write itself checks every value it used and refuses as
 * `stale` if one changed: a stale copy costs a fresh read and a retry, never a wrong price.
 * Only what the catalog holds is kept (an unknown SKU is always asked again), at most
 * `maxSkus` per shop and `maxShops` shops, so anonymous requests cannot grow it.
 */
export class OrderingCache {
  private readonly shops = new Map<string, Entry>()

  constructor(
    private readonly ttlMs = 10_000,
    // At most 100 × 200 SKUs of a few hundred bytes: a few MB per process.
    private readonly maxShops = 100,
    private readonly maxSkus = 200,
  ) {}

  /**
   * The context of an order of `skus` (and the shipping method, if any): from the cache when it
   * holds all of them and `fresh` is not asked, else read in one query. Undefined for a shop
   * that is unknown or not published.
   */
  async get(
    db: DbOrTrx,
    slug: string,
    skus: string[],
    shippingMethodId: string | null,
    options: { fresh?: boolean } = {},
  ): Promise<OrderingContext | undefined> {
    const now = Date.now()
    const entry = this.shops.get(slug)
    if (!options.fresh && entry && entry.expiresAt > now) {
      const found = skus.map((sku) => entry.skus.get(sku))
      const method = shippingMethodId ? entry.methods.get(shippingMethodId) : null
      if (method !== undefined && found.every((sku) => sku !== undefined)) {
        return { shop: entry.shop, skus: found as OrderableSku[], shipping: method, cached: true }
      }
    }
    const read = await findOrderingContext(db, slug, skus, shippingMethodId)
    if (!read) {
      this.shops.delete(slug)
      return undefined
    }
    this.remember(slug, read, now, options.fresh ? undefined : entry)
    return { ...read, cached: false }
  }

  /** Forgets a shop, after its write found a value changed. */
  forget(slug: string): void {
    this.shops.delete(slug)
  }

  private remember(
    slug: string,
    read: OrderingSnapshot & { shop: ShopRow },
    now: number,
    previous: Entry | undefined,
  ) {
    // A copy of another version of the shop, expired or full starts over.
    const keep =
      previous &&
      previous.expiresAt > now &&
      previous.shop.updated_at.getTime() === read.shop.updated_at.getTime() &&
      previous.skus.size + read.skus.length <= this.maxSkus
    const entry: Entry = keep
      ? previous
      : { shop: read.shop, skus: new Map(), methods: new Map(), expiresAt: now + this.ttlMs }
    entry.shop = read.shop
    for (const sku of read.skus.slice(0, this.maxSkus)) entry.skus.set(sku.sku, sku)
    if (read.shipping) entry.methods.set(read.shipping.id, read.shipping)
    if (!keep) {
      this.shops.delete(slug)
      if (this.shops.size >= this.maxShops) this.evict(now)
      this.shops.set(slug, entry)
    }
  }

  private evict(now: number) {
    for (const [slug, entry] of this.shops) if (entry.expiresAt <= now) this.shops.delete(slug)
    // Still full: drop the oldest insertions.
    for (const slug of this.shops.keys()) {
      if (this.shops.size < this.maxShops) break
      this.shops.delete(slug)
    }
  }
}
