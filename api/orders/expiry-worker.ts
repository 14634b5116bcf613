import type { Db } from '../../db/database.ts'
import type { AppConfig } from '../config.ts'
import { startPeriodicSweep } from '../periodic-sweep.ts'
import { expireDueOrders } from './expiry.ts'

/**
 * Starts the order expiry sweep: once at start-up (orders that lapsed while the server was
 * stopped), then every `config.orderExpirySweepMs`. The deadlines are in the database, so a failed
 * sweep loses nothing. Returns a stop function that waits for a sweep in progress.
 * @example const stop = startOrderExpiryWorker(db, config); … await stop()
 */
export function startOrderExpiryWorker(db: Db, config: AppConfig): () => Promise<void> {
  return startPeriodicSweep({
    sweep: () => expireDueOrders(db),
    intervalMs: config.orderExpirySweepMs,
    area: 'order-expiry',
    log: config.log,
  })
}
