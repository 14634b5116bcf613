import type { Db } from '../../db/database.ts'
import type { AppConfig } from '../config.ts'
import { startPeriodicSweep } from '../periodic-sweep.ts'
import { syncCatalogs } from './sync.ts'

/** How often each process looks for catalog changes to send and batches to check. */
export const CATALOG_SYNC_INTERVAL_MS = 5_000

/**
 * Starts Meta catalog sync: at start-up (so changes queued before a restart go out), then every
 * {@link CATALOG_SYNC_INTERVAL_MS}. Its state is the `meta_catalog_items` outbox, so every
 * process may run it. Returns a stop function that waits for a pass in progress.
 * @example const stop = startCatalogSyncWorker(db, config); … await stop()
 */
export function startCatalogSyncWorker(
  db: Db,
  config: AppConfig,
  options: { intervalMs?: number } = {},
): () => Promise<void> {
  return startPeriodicSweep({
    sweep: () => syncCatalogs(db, config),
    intervalMs: options.intervalMs ?? CATALOG_SYNC_INTERVAL_MS,
    area: 'catalog-sync',
    log: config.log,
  })
}
