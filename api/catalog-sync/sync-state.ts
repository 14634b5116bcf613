import type { DbOrTrx } from '../../db/database.ts'
import { listCatalogItemsOfProducts } from '../../db/meta-catalog.queries.ts'
import type { AppConfig } from '../config.ts'

/** A product's place in the shop's Meta catalog, as its owner sees it. */
export interface MetaSyncJson {
  state: 'pending' | 'synced' | 'failed'
  error?: string
  syncedAt?: string
}

/** Whether a shop's product changes go to its Meta catalog: a catalog id and an access token. */
export function catalogSyncActive(
  shop: { meta_catalog_id: string | null },
  config: AppConfig,
): boolean {
  return shop.meta_catalog_id !== null && Boolean(config.whatsapp.accessToken)
}

/**
 * The sync state of each product (its own SKU and its variants'): failed when one SKU failed,
 * pending while one is on its way, else synced since the latest of them. Empty when sync is off.
 */
export async function metaSyncOfProducts(
  db: DbOrTrx,
  shop: { id: string; meta_catalog_id: string | null },
  config: AppConfig,
  productIds: readonly string[],
): Promise<Map<string, MetaSyncJson>> {
  const states = new Map<string, MetaSyncJson>()
  if (!catalogSyncActive(shop, config)) return states
  const rows = await listCatalogItemsOfProducts(db, shop.id, productIds)
  for (const id of productIds) {
    const own = rows.filter((r) => r.product_id === id)
    const failed = own.find((r) => r.state === 'failed')
    if (failed) {
      states.set(id, { state: 'failed', error: failed.error ?? 'Meta refused this product' })
    } else if (own.length === 0 || own.some((r) => r.state !== 'synced')) {
      states.set(id, { state: 'pending' })
    } else {
      const last = Math.max(...own.map((r) => r.synced_at?.getTime() ?? 0))
      states.set(id, { state: 'synced', syncedAt: new Date(last).toISOString() })
    }
  }
  return states
}
