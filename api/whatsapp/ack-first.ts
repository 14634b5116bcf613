// Acknowledging webhooks comes before processing them: while deliveries keep arriving, the
// processing of stored ones waits for a quiet moment, within bounds, so that a flood is answered
// at the speed of one insert per delivery and worked through in big batches right after.

/** The longest processing waits for a quiet moment, before a run and between its batches. */
export const MAX_DEFER_MS = 1_000

/** A gap this long without a delivery counts as quiet. */
const QUIET_MS = 20

let last = Number.NEGATIVE_INFINITY

/** Records that a delivery was just acknowledged (this process's). */
export function noteAcknowledgement(): void {
  last = performance.now()
}

/** When this process last acknowledged a delivery (`performance.now()` time). */
export function lastAcknowledgement(): number {
  return last
}

/**
 * Resolves once no delivery has been acknowledged for a short while, or after
 * {@link MAX_DEFER_MS}: processing calls it between batches.
 */
export async function quietMoment(): Promise<void> {
  const started = performance.now()
  for (;;) {
    const now = performance.now()
    const quietFor = now - last
    if (quietFor >= QUIET_MS || now - started >= MAX_DEFER_MS) return
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS - quietFor))
  }
}
