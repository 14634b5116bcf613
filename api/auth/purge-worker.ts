import type { Db } from '../../db/database.ts'
import { purgeExpired } from '../../db/merchants.queries.ts'

/** How often expired sessions, spent rate-limit windows and lapsed invites are deleted. */
export const PURGE_INTERVAL_MS = 10 * 60_000
/** Rows of each kind per statement: a large backlog goes in several sweeps, none of them long. */
const PURGE_BATCH = 5_000

/**
 * Starts the purge sweep: at start-up, then every {@link PURGE_INTERVAL_MS}. Each process may run
 * it; deletes of rows already gone are harmless. Returns a stop function.
 * @example const stop = startPurgeWorker(db, { log: true }); … await stop()
 */
export function startPurgeWorker(db: Db, options: { log: boolean }): () => Promise<void> {
  let current: Promise<unknown> = Promise.resolve()
  let stopped = false
  const sweep = () =>
    purgeExpired(db, PURGE_BATCH).catch((error: unknown) => {
      // A database outage or a lock: the next sweep tries again.
      if (options.log) {
        const message = error instanceof Error ? error.message : String(error)
        console.error(JSON.stringify({ level: 'error', area: 'purge', error: message }))
      }
    })
  const tick = () => {
    if (!stopped) current = current.then(sweep)
  }
  const first = setTimeout(tick, 5_000)
  first.unref()
  const timer = setInterval(tick, PURGE_INTERVAL_MS)
  timer.unref()
  return async function stop() {
    stopped = true
    clearTimeout(first)
    clearInterval(timer)
    await current
  }
}
