import type { Db } from '../../db/database.ts'
import type { AppConfig } from '../config.ts'
import { expireDueOrders } from './expiry.ts'

/**
 * Starts the order expiry sweep: once at start-up (orders that lapsed while the server was
 * stopped), then every `config.orderExpirySweepMs`. Returns a stop function that waits for a
 * sweep in progress.
 * @example const stop = startOrderExpiryWorker(db, config); … await stop()
 */
export function startOrderExpiryWorker(db: Db, config: AppConfig): () => Promise<void> {
  let current: Promise<void> = Promise.resolve()
  let stopped = false
  const sweep = async () => {
    try {
      await expireDueOrders(db)
    } catch (error) {
      // The next sweep tries again; nothing is lost, the deadlines are in the database.
      if (config.log) {
        const message = error instanceof Error ? error.message : String(error)
        console.error(JSON.stringify({ level: 'error', area: 'order-expiry', error: message }))
      }
    }
  }
  const tick = () => {
    if (stopped) return
    current = current.then(() => (stopped ? undefined : sweep()))
  }
  tick()
  const timer = setInterval(tick, config.orderExpirySweepMs)
  timer.unref()
  return async function stop() {
    stopped = true
    clearInterval(timer)
    await current
  }
}
