import type { Generated, Selectable } from 'kysely'

/** Where a SKU stands on its way to the shop's Meta catalog. */
export type MetaCatalogItemState = 'pending' | 'sending' | 'checking' | 'synced' | 'failed'

/**
 * The outbox of Meta catalog sync: one row per shop and SKU whose catalog item is to be sent
 * (queued by triggers in the transaction of each product change; migration 0016), kept after
 * it is synced as the record of its state.
 */
export interface MetaCatalogItemsTable {
  shop_id: string
  sku: string
  /** The product the SKU belonged to when it was queued (its own SKU or a variant's). */
  product_id: string | null
  state: Generated<MetaCatalogItemState>
  /** Grows with every queueing: a send only settles the version it read. */
  version: Generated<number>
  attempts: Generated<number>
  next_attempt_at: Generated<Date>
  claimed_at: Date | null
  /** What the last request did with the item: `UPDATE` (an upsert) or `DELETE`. */
  method: 'UPDATE' | 'DELETE' | null
  /** Meta's batch handle while its status is being checked. */
  handle: string | null
  error: string | null
  /** Whether the item is in Meta's catalog after the last synced request; null: not known. */
  in_catalog: boolean | null
  synced_at: Date | null
  changed_at: Generated<Date>
}
export type MetaCatalogItemRow = Selectable<MetaCatalogItemsTable>
