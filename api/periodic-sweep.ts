export interface PeriodicSweepOptions {
  /** One pass of the work; a pass that throws is logged and the next one tries again. */
  sweep: () => Promise<unknown>
  intervalMs: number
  /** Wait before the first pass (0: as soon as the event loop turns). */
  firstDelayMs?: number
  /** Names the sweep in the log line of a failed pass. */
  area: string
  log: boolean
}

/**
 * Runs a background sweep: a first pass after `firstDelayMs`, then one every `intervalMs`, never
 * two at once. Its state lives in the database, so every process may run it and a restart loses
 * nothing. Returns a stop function that waits for a pass in progress.
 * @example const stop = startPeriodicSweep({ sweep: () => purge(db), intervalMs: 60_000, area: 'purge', log: true })
 */
export function startPeriodicSweep(options: PeriodicSweepOptions): () => Promise<void> {
  let current: Promise<unknown> = Promise.resolve()
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  const pass = () =>
    options.sweep().catch((error: unknown) => {
      if (!options.log) return
      const message = error instanceof Error ? error.message : String(error)
      console.error(JSON.stringify({ level: 'error', area: options.area, error: message }))
    })
  const tick = () => {
    if (!stopped) current = current.then(() => (stopped ? undefined : pass()))
  }
  const first = setTimeout(() => {
    tick()
    timer = setInterval(tick, options.intervalMs)
    timer.unref()
  }, options.firstDelayMs ?? 0)
  first.unref()
  return async function stop() {
    stopped = true
    clearTimeout(first)
    clearInterval(timer)
    await current
  }
}
