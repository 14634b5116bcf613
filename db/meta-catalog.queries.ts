import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'
import type { MetaCatalogItemState } from './schema/meta-catalog-items.ts'

// Meta catalog sync's outbox (migration 0016). Triggers queue the rows; these functions take them,
// read what to send, and record the outcome.

/** A row taken for sending or checking: the version it had is the one its outcome settles. */
export interface ClaimedCatalogItem {
  sku: string
  version: number
  attempts: number
  inCatalog: boolean | null
  /** The request last sent for it (`UPDATE` or `DELETE`), if any. */
  method: 'UPDATE' | 'DELETE' | null
  /** While checking a DELETE: why the item could not be sent as it is now (see the sender). */
  error: string | null
}

export interface ClaimedCatalogBatch {
  shopId: string
  catalogId: string
  items: ClaimedCatalogItem[]
}

/**
 * Takes up to `limit` due rows of one shop (the shop of the row due longest; `for update skip
 * locked`, so processes never take the same rows) and marks them `sending`, one more attempt.
 * Due: `pending` whose time has come, or `sending` since before `staleBefore` (a process died
 * holding them). Rows of shops without a catalog id wait. Run it in a transaction.
 */
export async function claimDueCatalogItems(
  trx: DbOrTrx,
  args: { now: Date; staleBefore: Date; limit: number },
): Promise<ClaimedCatalogBatch | undefined> {
  const due = (shopId?: string) => {
    let query = trx
      .selectFrom('meta_catalog_items as i')
      .innerJoin('shops as s', 's.id', 'i.shop_id')
      .select(['i.shop_id', 'i.sku', 's.meta_catalog_id'])
      .where('s.meta_catalog_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('i.state', '=', 'pending'), eb('i.next_attempt_at', '<=', args.now)]),
          eb.and([eb('i.state', '=', 'sending'), eb('i.claimed_at', '<', args.staleBefore)]),
        ]),
      )
    if (shopId) query = query.where('i.shop_id', '=', shopId)
    return query.orderBy('i.next_attempt_at').forUpdate('i').skipLocked()
  }
  const first = await due().limit(1).executeTakeFirst()
  if (!first?.meta_catalog_id) return undefined
  const rows = await due(first.shop_id).limit(args.limit).execute()
  const claimed = await trx
    .updateTable('meta_catalog_items')
    .set((eb) => ({
      state: 'sending',
      claimed_at: args.now,
      attempts: eb('attempts', '+', 1),
    }))
    .where('shop_id', '=', first.shop_id)
    .where(
      'sku',
      'in',
      rows.map((r) => r.sku),
    )
    .returning(['sku', 'version', 'attempts', 'in_catalog', 'method', 'error'])
    .execute()
  return {
    shopId: first.shop_id,
    catalogId: first.meta_catalog_id,
    items: claimed.map((r) => ({
      sku: r.sku,
      version: r.version,
      attempts: r.attempts,
      inCatalog: r.in_catalog,
      method: r.method,
      error: r.error,
    })),
  }
}

/**
 * Takes the rows of one batch handle whose status is due to be checked (`for update skip
 * locked`) and leases them until `leaseUntil`. Run it in a transaction.
 */
export async function claimDueCatalogCheck(
  trx: DbOrTrx,
  args: { now: Date; leaseUntil: Date },
): Promise<(ClaimedCatalogBatch & { handle: string }) | undefined> {
  const due = trx
    .selectFrom('meta_catalog_items as i')
    .innerJoin('shops as s', 's.id', 'i.shop_id')
    .select(['i.shop_id', 'i.sku', 'i.handle', 's.meta_catalog_id'])
    .where('s.meta_catalog_id', 'is not', null)
    .where('i.state', '=', 'checking')
    .where('i.handle', 'is not', null)
  const first = await due
    .where('i.next_attempt_at', '<=', args.now)
    .orderBy('i.next_attempt_at')
    .limit(1)
    .forUpdate('i')
    .skipLocked()
    .executeTakeFirst()
  if (!first?.handle || !first.meta_catalog_id) return undefined
  const rows = await due
    .where('i.shop_id', '=', first.shop_id)
    .where('i.handle', '=', first.handle)
    .forUpdate('i')
    .skipLocked()
    .execute()
  const leased = await trx
    .updateTable('meta_catalog_items')
    .set({ next_attempt_at: args.leaseUntil })
    .where('shop_id', '=', first.shop_id)
    .where(
      'sku',
      'in',
      rows.map((r) => r.sku),
    )
    .returning(['sku', 'version', 'attempts', 'in_catalog', 'method', 'error'])
    .execute()
  return {
    shopId: first.shop_id,
    catalogId: first.meta_catalog_id,
    handle: first.handle,
    items: leased.map((r) => ({
      sku: r.sku,
      version: r.version,
      attempts: r.attempts,
      inCatalog: r.in_catalog,
      method: r.method,
      error: r.error,
    })),
  }
}

/** What became of one taken row. */
export interface CatalogItemOutcome {
  sku: string
  version: number
  state: Exclude<MetaCatalogItemState, 'sending'>
  method?: 'UPDATE' | 'DELETE' | null
  error?: string | null
  handle?: string | null
  nextAttemptAt?: Date | null
  /** Whether the item is now in the catalog (always given for `synced`; else null keeps it). */
  inCatalog?: boolean | null
}

/**
 * Records outcomes in one statement. A row queued again since it was taken (another version)
 * is left alone: its newer state is still to be sent.
 */
export async function settleCatalogItems(
  db: DbOrTrx,
  shopId: string,
  outcomes: readonly CatalogItemOutcome[],
  now: Date,
): Promise<void> {
  if (outcomes.length === 0) return
  const list = JSON.stringify(
    outcomes.map((o) => ({
      sku: o.sku,
      version: o.version,
      state: o.state,
      method: o.method ?? null,
      error: o.error ?? null,
      handle: o.handle ?? null,
      next_attempt_at: o.nextAttemptAt?.toISOString() ?? null,
      in_catalog: o.inCatalog ?? null,
    })),
  )
  await sql`
    update meta_catalog_items m set
      state = x.state,
      method = coalesce(x.method, m.method),
      error = x.error,
      handle = x.handle,
      next_attempt_at = coalesce(x.next_attempt_at, m.next_attempt_at),
      in_catalog = case when x.state = 'synced' then x.in_catalog
        else coalesce(x.in_catalog, m.in_catalog) end,
      synced_at = case when x.state = 'synced' then ${now} else m.synced_at end,
      claimed_at = null
    from jsonb_to_recordset(${list}::jsonb) as x(sku text, version int, state text, method text,
      error text, handle text, next_attempt_at timestamptz, in_catalog boolean)
    where m.shop_id = ${shopId} and m.sku = x.sku and m.version = x.version`.execute(db)
}

/**
 * The products and variants that the SKUs name now, with the products of those variants and how
 * many active variants each product has: all the sender needs to build the catalog items.
 */
export async function findCatalogSources(db: DbOrTrx, shopId: string, skus: readonly string[]) {
  if (skus.length === 0) return { shop: undefined, products: [], variants: [], activeVariants: [] }
  const shop = await db
    .selectFrom('shops')
    .select(['slug', 'name', 'currency'])
    .where('id', '=', shopId)
    .executeTakeFirst()
  const variants = await db
    .selectFrom('product_variants')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('sku', 'in', [...skus])
    .execute()
  const products = await db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where((eb) =>
      eb.or([
        eb('sku', 'in', [...skus]),
        ...(variants.length
          ? [eb('id', 'in', [...new Set(variants.map((v) => v.product_id))])]
          : []),
      ]),
    )
    .execute()
  const activeVariants = products.length
    ? await db
        .selectFrom('product_variants')
        .select(['product_id', (eb) => eb.fn.countAll<string>().as('count')])
        .where('shop_id', '=', shopId)
        .where(
          'product_id',
          'in',
          products.map((p) => p.id),
        )
        .where('active', '=', true)
        .groupBy('product_id')
        .execute()
    : []
  return { shop, products, variants, activeVariants }
}

/** The sync rows of these products (their own SKU and their variants'), for their sync state. */
export async function listCatalogItemsOfProducts(
  db: DbOrTrx,
  shopId: string,
  productIds: readonly string[],
) {
  if (productIds.length === 0) return []
  return db
    .selectFrom('meta_catalog_items')
    .select(['product_id', 'sku', 'state', 'error', 'synced_at'])
    .where('shop_id', '=', shopId)
    .where('product_id', 'in', [...productIds])
    .execute()
}
