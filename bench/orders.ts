import { randomBytes } from 'node:crypto'
import type autocannon from 'autocannon'
import { againstLimit, LOAD_HEAD, loadRow } from './api.ts'
import { BENCH_ORDER_SKUS, BENCH_SLUG } from './bench-data.ts'
import { limitAround, load } from './load.ts'
import type { Cell, Table } from './report.ts'
import type { BenchServer } from './servers.ts'

// Checkout: `POST /api/shops/bench/orders` re-priced, stock-taking and idempotent, at 50 connections.

const CONNECTIONS = 50
/** Issue 11: orders on PostgreSQL at 0.8 of the one-statement limit's rate. */
const ORDERS_LIMIT_RATIO = 0.8

/** A shopper's cart: a few SKUs of unlimited or huge stock, so the run never sells out. */
export const ORDER_BODY = JSON.stringify({
  items: BENCH_ORDER_SKUS.map((sku, i) => ({ sku, quantity: 1 + (i % 2) })),
  customer: { name: 'Bench Shopper' },
  note: 'Ring twice, please.',
})

/** Builds each request with an `Idempotency-Key` of its own, as the storefront does. */
function uniqueKeys() {
  const run = randomBytes(6).toString('hex')
  let n = 0
  return (request: autocannon.Request): autocannon.Request => ({
    ...request,
    headers: { ...request.headers, 'idempotency-key': `bench-${run}-${n++}` },
  })
}

/** Order creation on each engine, beside a bare POST and the one-statement limit. */
export async function ordersTable(
  bare: BenchServer,
  servers: BenchServer[],
  limitServer?: BenchServer,
): Promise<Table> {
  const headers = { 'content-type': 'application/json' }
  const rows: Cell[][] = []
  const baseline = await load({
    url: `${bare.url}/bare`,
    connections: CONNECTIONS,
    method: 'POST',
    headers,
    body: ORDER_BODY,
    setupRequest: uniqueKeys(),
  })
  rows.push(loadRow('baseline: bare Hono `POST /bare` (same body)', '–', CONNECTIONS, baseline))
  const limitRun = (limit: BenchServer) =>
    load({
      url: `${limit.url}/limit/orders`,
      connections: CONNECTIONS,
      method: 'POST',
      headers,
      body: ORDER_BODY,
      setupRequest: uniqueKeys(),
    })
  // Each row is judged against the limit measured just before and just after it (their mean),
  // as the acknowledgement's rows are: the machine's speed drifts between runs, and each run
  // leaves the hot product rows with more dead versions for the next one to walk.
  const limitBeside = await limitAround(limitServer && (() => limitRun(limitServer)))
  for (const server of servers) {
    const orders = await load({
      url: `${server.url}/api/shops/${BENCH_SLUG}/orders`,
      connections: CONNECTIONS,
      method: 'POST',
      headers,
      body: ORDER_BODY,
      setupRequest: uniqueKeys(),
    })
    const limit = await limitBeside()
    if (limit) {
      rows.push(
        loadRow(
          'limit: the whole order in one SQL statement (Hono + pg, 2 processes; mean of the runs just before and after the next row)',
          'postgres',
          CONNECTIONS,
          limit,
        ),
      )
    }
    const { target, ok } = againstLimit(
      orders,
      limit,
      ORDERS_LIMIT_RATIO,
      server.name === 'postgres',
    )
    rows.push(
      loadRow(
        '`POST /api/shops/bench/orders` (3 SKUs, unique Idempotency-Key)',
        server.name,
        CONNECTIONS,
        orders,
        target,
        ok,
      ),
    )
  }
  return {
    title: 'Order creation',
    note: 'Each order is priced from the database, takes stock in its transaction and stores its idempotent response. The limit does the same writes in one statement, on the same PostgreSQL; each row is judged against the limit measured just before and just after it (their mean).',
    head: LOAD_HEAD,
    rows,
  }
}
