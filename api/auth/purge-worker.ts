import type { Db } from '../../db/database.ts'
import { purgeExpired } from '../../db/merchants.queries.ts'
import { startPeriodicSweep } from '../periodic-sweep.ts'

/**
 * How often expired sessions, spent rate-limit windows, lapsed invites and expired password-reset
 * links are deleted.
 */
export const PURGE_INTERVAL_MS = 10 * 60_000
/** Rows of each kind per statement: a large backlog goes in several sweeps, none of them long. */
const PURGE_BATCH = 5_000

/**
 * Starts the purge sweep: 5 s after start-up, then every {@link PURGE_INTERVAL_MS}. Each process
 * may run it; deletes of rows already gone are harmless. Returns a stop function.
 * @example const stop = startPurgeWorker(db, { log: true }); … await stop()
 */
export function startPurgeWorker(db: Db, options: { log: boolean }): () => Promise<void> {
  return startPeriodicSweep({
    sweep: () => purgeExpired(db, PURGE_BATCH),
    intervalMs: PURGE_INTERVAL_MS,
    firstDelayMs: 5_000,
    area: 'purge',
    log: options.log,
  })
}
