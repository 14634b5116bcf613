import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_DEFER_MS } from './ack-first.ts'

// Each test takes a fresh copy of the module: what it remembers of deliveries and quiet is kept
// on the fake clock, which starts again at 0 in every test.
let noteAcknowledgement: () => void
let quietMoment: () => Promise<void>
let deliveriesArriving: () => boolean

describe('acknowledgements before processing', () => {
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
    vi.resetModules()
    ;({ noteAcknowledgement, quietMoment, deliveriesArriving } = await import('./ack-first.ts'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const settled = (promise: Promise<void>) => {
    let done = false
    void promise.then(() => {
      done = true
    })
    return () => done
  }

  it('should let processing go on at once when no delivery came in lately', async () => {
    noteAcknowledgement()
    await vi.advanceTimersByTimeAsync(1_000)
    const done = settled(quietMoment())
    await vi.advanceTimersByTimeAsync(0)
    expect(done()).toBe(true)
  })

  it('should hold processing while deliveries keep coming, and go on once they pause', async () => {
    noteAcknowledgement()
    const done = settled(quietMoment())
    for (let i = 0; i < 20; i++) {
      await vi.advanceTimersByTimeAsync(5)
      noteAcknowledgement()
    }
    expect(done()).toBe(false)
    await vi.advanceTimersByTimeAsync(50)
    expect(done()).toBe(true)
  })

  it('should not take a spell of its own busy work for quiet while deliveries still come', async () => {
    noteAcknowledgement()
    // Processing kept the event loop for 30 ms: no acknowledgement could be recorded meanwhile.
    await vi.advanceTimersByTimeAsync(30)
    const done = settled(quietMoment())
    for (let i = 0; i < 10; i++) {
      noteAcknowledgement()
      await vi.advanceTimersByTimeAsync(5)
    }
    expect(done()).toBe(false)
    await vi.advanceTimersByTimeAsync(50)
    expect(done()).toBe(true)
  })

  it('should not wait again for quiet already seen, until the next delivery', async () => {
    noteAcknowledgement()
    await vi.advanceTimersByTimeAsync(5)
    const first = settled(quietMoment())
    await vi.advanceTimersByTimeAsync(50)
    expect(first()).toBe(true)
    // No delivery since: the next batch goes on without sleeping through another window.
    const second = settled(quietMoment())
    await vi.advanceTimersByTimeAsync(0)
    expect(second()).toBe(true)
    // A new delivery: quiet has to be seen again.
    noteAcknowledgement()
    const third = settled(quietMoment())
    await vi.advanceTimersByTimeAsync(1)
    expect(third()).toBe(false)
    await vi.advanceTimersByTimeAsync(50)
    expect(third()).toBe(true)
  })

  it('should tell a flood under way from a pause', async () => {
    expect(deliveriesArriving()).toBe(false)
    noteAcknowledgement()
    await vi.advanceTimersByTimeAsync(50)
    expect(deliveriesArriving()).toBe(true)
    await vi.advanceTimersByTimeAsync(60)
    expect(deliveriesArriving()).toBe(false)
  })

  it('should never hold processing longer than its bound, however long the flood', async () => {
    noteAcknowledgement()
    const done = settled(quietMoment())
    for (let t = 0; t < MAX_DEFER_MS - 10; t += 5) {
      noteAcknowledgement()
      await vi.advanceTimersByTimeAsync(5)
    }
    expect(done()).toBe(false)
    for (let t = 0; t < 40; t += 5) {
      noteAcknowledgement()
      await vi.advanceTimersByTimeAsync(5)
    }
    expect(done()).toBe(true)
  })
})
