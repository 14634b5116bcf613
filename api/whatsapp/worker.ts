import type { Db } from '../../db/database.ts'
import type { AppConfig } from '../config.ts'
import { startPeriodicSweep } from '../periodic-sweep.ts'
import {
  deliveriesArriving,
  lastAcknowledgement,
  MAX_DEFER_MS,
  noteAcknowledgement,
  PROCESS_WINDOW_MS,
} from './ack-first.ts'
import { sendDueMessages } from './outbox.ts'
import { processPending } from './process.ts'

/** How often the recovery sweep looks for stored items and replies nobody handled. */
export const SWEEP_INTERVAL_MS = 10_000

async function runOnce(db: Db, config: AppConfig): Promise<void> {
  try {
    await processPending(db, config)
    await sendDueMessages(db, config.whatsapp)
  } catch (error) {
    // Logged without the payload or the token; the sweep tries again later.
    if (config.log) {
      const message = error instanceof Error ? error.message : String(error)
      console.error(JSON.stringify({ level: 'error', area: 'whatsapp', error: message }))
    }
  }
}

/** Databases with a run already scheduled: it will see every delivery stored before it starts. */
const scheduled = new WeakSet<Db>()

/**
 * Processes what a webhook just stored, once the acknowledgement is on its way: after a quiet
 * {@link PROCESS_WINDOW_MS} without a new delivery, or {@link MAX_DEFER_MS} after the first one
 * of a flood (or after the `processDelayMs` test knob). Acknowledging comes first: Meta retries
 * what is not answered in time, and processing catches up in bigger batches once the burst
 * has passed. The recovery sweep catches anything this misses.
 */
export function scheduleProcessing(db: Db, config: AppConfig): void {
  noteAcknowledgement()
  const delay = config.whatsapp.processDelayMs ?? 0
  if (delay > 0) {
    setTimeout(() => void runOnce(db, config), delay).unref()
    return
  }
  if (scheduled.has(db)) return
  scheduled.add(db)
  const first = performance.now()
  const wait = (ms: number) =>
    setTimeout(() => {
      const waited = performance.now() - first
      if (deliveriesArriving() && waited < MAX_DEFER_MS) {
        const quietFor = performance.now() - lastAcknowledgement()
        wait(Math.min(PROCESS_WINDOW_MS - quietFor, MAX_DEFER_MS - waited))
        return
      }
      scheduled.delete(db)
      void runOnce(db, config)
    }, ms).unref()
  wait(PROCESS_WINDOW_MS)
}

/**
 * Starts the recovery sweep: once at start-up (after `processDelayMs`), then every
 * {@link SWEEP_INTERVAL_MS}, it processes stored webhook items and sends due replies, so a
 * crash between an acknowledgement and its processing loses nothing. Returns a stop function
 * that waits for a sweep in progress.
 * @example const stop = startWhatsAppWorker(db, config); … await stop()
 */
export function startWhatsAppWorker(
  db: Db,
  config: AppConfig,
  options: { intervalMs?: number } = {},
): () => Promise<void> {
  return startPeriodicSweep({
    sweep: () => runOnce(db, config),
    intervalMs: options.intervalMs ?? SWEEP_INTERVAL_MS,
    firstDelayMs: config.whatsapp.processDelayMs ?? 0,
    area: 'whatsapp',
    log: config.log,
  })
}
