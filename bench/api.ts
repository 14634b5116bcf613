import { BENCH_SLUG } from './bench-data.ts'
import { type LoadResult, load } from './load.ts'
import { type Cell, num, type Table, verdict } from './report.ts'
import type { BenchServer } from './servers.ts'

// Read throughput: /healthz and the public catalog of 50 products, beside a bare Hono route.

const CONNECTIONS = 100
/** Budget: public catalog (50 products) on PostgreSQL, 2 cores, 100 connections. */
const CATALOG_REQ_PER_SEC = 3000
const CATALOG_P99_MS = 30

/** The columns of every throughput table. */
export const LOAD_HEAD = [
  'what',
  'engine',
  'conns',
  'req/s',
  'p50 ms',
  'p99 ms',
  'errors',
  'target',
  'result',
]

/** One throughput row; `target` and `ok` stay empty for baselines and details. */
export function loadRow(
  what: string,
  engine: string,
  connections: number,
  r: LoadResult,
  target?: string,
  ok?: boolean,
): Cell[] {
  return [
    what,
    engine,
    connections,
    r.reqPerSec,
    num(r.p50),
    num(r.p99),
    r.errors,
    target ?? '',
    verdict(ok),
  ]
}

/**
 * A Chatcart row's target as a ratio to its limit row, measured in the same run: at least `min`
 * of the limit's req/s, no errors, and (unless `p99` is false) p99 at most twice the limit's.
 * Rows on another engine than the limit's show their ratio without a verdict.
 */
export function againstLimit(
  r: LoadResult,
  limit: LoadResult | undefined,
  min: number,
  judged: boolean,
  p99 = true,
): { target: string; ok: boolean | undefined } {
  if (!limit || limit.reqPerSec === 0) return { target: 'no limit measured', ok: undefined }
  const ratio = r.reqPerSec / limit.reqPerSec
  const latency = p99 ? `, p99 ≤ ${num(2 * limit.p99, 0)} ms` : ''
  const goal = `≥ ${min} × limit${latency}, 0 errors`
  const fastEnough = !p99 || r.p99 <= 2 * limit.p99
  return {
    // Three decimals: 0.798 printed as 0.8 would read as a pass beside its ❌.
    target: `${num(ratio, 3)} × limit${judged ? ` (${goal})` : ''}`,
    ok: judged ? ratio >= min && fastEnough && r.errors === 0 : undefined,
  }
}

/** Bare route, /healthz and the public catalog on each engine, at 100 connections. */
export async function apiTable(bare: BenchServer, servers: BenchServer[]): Promise<Table> {
  const rows: Cell[][] = []
  const baseline = await load({ url: `${bare.url}/bare`, connections: CONNECTIONS })
  rows.push(loadRow('baseline: bare Hono `GET /bare`', '–', CONNECTIONS, baseline))
  for (const server of servers) {
    const health = await load({ url: `${server.url}/healthz`, connections: CONNECTIONS })
    rows.push(loadRow('`GET /healthz`', server.name, CONNECTIONS, health))
    const catalog = await load({
      url: `${server.url}/api/shops/${BENCH_SLUG}/catalog`,
      connections: CONNECTIONS,
    })
    const onPostgres = server.name === 'postgres'
    rows.push(
      loadRow(
        '`GET /api/shops/bench/catalog` (50 products)',
        server.name,
        CONNECTIONS,
        catalog,
        onPostgres ? `≥ ${CATALOG_REQ_PER_SEC} req/s, p99 ≤ ${CATALOG_P99_MS} ms, 0 errors` : '',
        onPostgres
          ? catalog.reqPerSec >= CATALOG_REQ_PER_SEC &&
              catalog.p99 <= CATALOG_P99_MS &&
              catalog.errors === 0
          : undefined,
      ),
    )
  }
  return {
    title: 'API reads',
    note: 'autocannon on 127.0.0.1; each server is a child process of its own.',
    head: LOAD_HEAD,
    rows,
  }
}
