import autocannon from 'autocannon'

// One autocannon measurement on loopback, reduced to the figures the tables print.

/** Seconds per timed measurement: long enough to settle, short enough to keep the bench brief. */
export const LOAD_SECONDS = 6
/**
 * Seconds of the same load, untimed, before a timed measurement: every server (limits and
 * baselines alike) is measured warm, with its connections open, its code compiled by the JIT and
 * its database plans cached, as a server is after its first seconds of traffic.
 */
export const WARM_UP_SECONDS = 2

export interface LoadResult {
  reqPerSec: number
  p50: number
  p99: number
  errors: number
  requests: number
  seconds: number
}

export interface LoadOptions {
  url: string
  connections: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Builds each request: a unique body, header or signature per request. */
  setupRequest?: (request: autocannon.Request) => autocannon.Request
  /** Stop after this many requests instead of after {@link LOAD_SECONDS}. */
  amount?: number
}

/** Runs autocannon against a loopback URL; non-2xx answers and timeouts count as errors. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  if (!options.url.startsWith('http://127.0.0.1:')) throw new Error('bench loads stay on 127.0.0.1')
  const url = new URL(options.url)
  const request: autocannon.Request = {
    method: options.method ?? 'GET',
    path: `${url.pathname}${url.search}`,
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
    ...(options.setupRequest ? { setupRequest: options.setupRequest } : {}),
  }
  // autocannon hands its result over on its next one-second tick: a counted run that took 0.7 s
  // reads 1.01 s. A counted run is timed from its start to its last answer instead.
  const run = (length: { amount: number } | { duration: number }) =>
    new Promise<{ result: autocannon.Result; seconds: number }>((resolve, reject) => {
      const started = performance.now()
      let lastAnswer = started
      const instance = autocannon(
        {
          url: url.origin,
          connections: options.connections,
          pipelining: 1,
          timeout: 10,
          ...length,
          requests: [request],
        },
        (error, result) => {
          if (error) reject(error)
          else
            resolve({
              result,
              seconds: 'amount' in length ? (lastAnswer - started) / 1000 : result.duration,
            })
        },
      )
      if ('amount' in length) {
        instance.on('response', () => {
          lastAnswer = performance.now()
        })
      }
    })
  // A counted run (a fixed amount of work) is measured from cold, as it is meant to be.
  if (!options.amount) await run({ duration: WARM_UP_SECONDS })
  const { result, seconds } = await run(
    options.amount ? { amount: options.amount } : { duration: LOAD_SECONDS },
  )
  const requests = result.requests.total
  return {
    reqPerSec: Math.round(requests / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    requests,
    seconds,
  }
}

/** The mean of two loads of the same route: the limit measured on either side of a row. */
function meanLoad(a: LoadResult, b: LoadResult): LoadResult {
  const mean = (x: number, y: number) => Math.round((x + y) / 2)
  return {
    reqPerSec: mean(a.reqPerSec, b.reqPerSec),
    p50: mean(a.p50, b.p50),
    p99: mean(a.p99, b.p99),
    errors: a.errors + b.errors,
    requests: a.requests + b.requests,
    seconds: a.seconds + b.seconds,
  }
}

/**
 * A limit measured on either side of each row: runs `limit` once now, and returns a function to
 * call after each row, which runs it again and gives the mean of the runs just before and after
 * that row. On a shared machine the load of the moment moves both alike, so the ratio compares
 * the two under the same conditions rather than a minute apart. Without `limit`, undefined.
 * @example const limitBeside = await limitAround(runLimit); …run a row…; const limit = await limitBeside()
 */
export async function limitAround(
  limit: (() => Promise<LoadResult>) | undefined,
): Promise<() => Promise<LoadResult | undefined>> {
  let before = limit ? await limit() : undefined
  return async () => {
    const after = limit ? await limit() : undefined
    const mean = before && after ? meanLoad(before, after) : undefined
    before = after
    return mean
  }
}
