// Acknowledging webhooks comes before processing them: while deliveries keep arriving, the
// processing of stored ones waits for a quiet moment, within bounds, so that a flood is answered
// at the speed of one insert per delivery and worked through in big batches right after.

/** The longest processing waits for a quiet moment, before a run and between its batches. */
export const MAX_DEFER_MS = 3_000

/** A window this long without a delivery counts as quiet. */
const QUIET_MS = 20

/** With no delivery for this long, processing does not even look. */
const IDLE_MS = 1_000

let last = Number.NEGATIVE_INFINITY
/** The start of the latest window found quiet: with no delivery since, it still is. */
let quietSince = Number.NEGATIVE_INFINITY

/** Records that a delivery was just acknowledged (this process's). */
export function noteAcknowledgement(): void {
  last = performance.now()
}

/**
 * An acknowledgement this recent means the burst is still arriving: processing starts this long
 * after the last one, so that a burst is split and matched in a few set-based batches.
 */
export const PROCESS_WINDOW_MS = 100

/**
 * Whether deliveries are still arriving (one was acknowledged in the last
 * {@link PROCESS_WINDOW_MS}): processing that runs anyway, past the bound on waiting, then takes
 * small batches.
 */
export function deliveriesArriving(): boolean {
  return performance.now() - last < PROCESS_WINDOW_MS
}

/** When this process last acknowledged a delivery (`performance.now()` time). */
export function lastAcknowledgement(): number {
  return last
}

/**
 * Resolves once no delivery has been acknowledged for a short while, or after
 * {@link MAX_DEFER_MS}: processing calls it between batches. Quiet is a window spent asleep in
 * which no acknowledgement came: our own processing cannot pass for quiet by keeping the event
 * loop from answering.
 */
export async function quietMoment(): Promise<void> {
  const started = performance.now()
  // Nothing acknowledged for a while, or since quiet was last seen: go on at once, so that
  // the batches after a flood follow each other without a window's sleep between them.
  if (started - last >= IDLE_MS || last < quietSince) return
  for (;;) {
    const windowStart = performance.now()
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS))
    if (last < windowStart) {
      quietSince = windowStart
      return
    }
    if (performance.now() - started >= MAX_DEFER_MS) return
  }
}
