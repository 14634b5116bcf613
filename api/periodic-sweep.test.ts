import { describe, expect, it } from 'vitest'
import { startPeriodicSweep } from './periodic-sweep.ts'

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('startPeriodicSweep', () => {
  it('should keep sweeping after a pass fails, as a database outage would make it', async () => {
    let passes = 0
    const stop = startPeriodicSweep({
      sweep: async () => {
        passes++
        if (passes <= 2) throw new Error('Connection terminated unexpectedly')
      },
      intervalMs: 10,
      area: 'test',
      log: false,
    })
    await wait(120)
    await stop()
    expect(passes).toBeGreaterThan(3)
  })

  it('should never run two passes at once, and stop should wait for the one in progress', async () => {
    let running = 0
    let most = 0
    let finished = 0
    const stop = startPeriodicSweep({
      sweep: async () => {
        running++
        most = Math.max(most, running)
        await wait(30)
        running--
        finished++
      },
      intervalMs: 5,
      area: 'test',
      log: false,
    })
    await wait(50)
    await stop()
    expect(most).toBe(1)
    expect(running).toBe(0)
    const after = finished
    await wait(40)
    expect(finished).toBe(after)
  })
})
