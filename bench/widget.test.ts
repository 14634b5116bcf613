import { describe, expect, it } from 'vitest'
import { mainThreadAfterScript } from './widget.ts'

// A trace's events as Chromium writes them: microseconds, one renderer main thread (1:1), another
// thread (1:2) whose tasks are not the page's.
const task = (ts: number, dur: number, tid = 1) => ({
  name: 'RunTask',
  ph: 'X',
  ts,
  dur,
  pid: 1,
  tid,
})
const evaluate = (ts: number, url: string) => ({
  name: 'EvaluateScript',
  ph: 'X',
  ts,
  dur: 500,
  pid: 1,
  tid: 1,
  args: { data: { url } },
})

describe('mainThreadAfterScript', () => {
  const events = [
    task(0, 50_000), // the page's own parsing, before the script
    task(99_900, 2_000), // the task that evaluates the script
    evaluate(100_000, 'http://127.0.0.1:9/widget.js'),
    task(101_000, 500), // nested in the task above: counted once
    task(200_000, 4_000),
    task(250_000, 9_000, 2), // another thread
    task(3_200_000, 7_000), // after the window
  ]

  it("should sum the main thread's tasks from the script's evaluation over the window", () => {
    expect(mainThreadAfterScript(events, '/widget.js')).toBe(6)
  })

  it('should give null when the script never ran', () => {
    expect(mainThreadAfterScript(events, '/empty.js')).toBeNull()
  })
})
