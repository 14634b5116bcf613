import { BENCH_ORDER_SKUS, BENCH_SLUG } from './bench-data.ts'
import { type Cell, num, type Table, verdict } from './report.ts'
import {
  type BenchDatabase,
  type BenchServer,
  prepareDatabase,
  startAppServer,
  stopServer,
} from './servers.ts'

// PGlite is one connection inside the server's process: while a write holds it, every read
// waits. This section measures how long reads wait while heavy writes run.

/** Budget: a write on PGlite never blocks reads for more than 100 ms. */
const STALL_TARGET_MS = 100
/** Products in the imported file. */
const IMPORT_PRODUCTS = 1_500
/** The order burst: orders in all, and how many in flight at once. */
const BURST_ORDERS = 300
const BURST_CONCURRENCY = 10
/** Shoppers reading at the same time, each one request after another. */
const READERS = 2
/** How long the readers run alone, for the reads' own latency. */
const QUIET_MS = 3_000

/** The reads: a search of the storefront and a search of the public catalog API (both queries). */
function readPaths(): string[] {
  return [`/${BENCH_SLUG}?q=Product`, `/api/shops/${BENCH_SLUG}/catalog?q=Product&limit=10`]
}

interface Reads {
  count: number
  errors: number
  p50: number
  max: number
}

/** READERS loops of sequential GETs until `until` resolves; every latency is kept. */
async function readWhile(url: string, until: Promise<unknown>): Promise<Reads> {
  let stop = false
  until.finally(() => {
    stop = true
  })
  const times: number[] = []
  let errors = 0
  const paths = readPaths()
  await Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      for (let i = reader; !stop; i++) {
        const started = performance.now()
        const res = await fetch(`${url}${paths[i % paths.length]}`, {
          headers: { 'accept-encoding': 'gzip' },
        })
        await res.arrayBuffer()
        times.push(performance.now() - started)
        if (!res.ok) errors++
      }
    }),
  )
  times.sort((a, b) => a - b)
  return {
    count: times.length,
    errors,
    p50: times[Math.floor(times.length / 2)] ?? Number.NaN,
    max: times.at(-1) ?? Number.NaN,
  }
}

function productsCsv(count: number): string {
  const lines = [
    'sku,parent_sku,name,description,price,compare_at_price,stock,category,active,options,variant_options,image_urls',
  ]
  for (let n = 1; n <= count; n++) {
    lines.push(
      `IMP-${n},,Imported product ${n},"A product from the bench's import, number ${n}",${n % 90}.50,,${n % 50},Imported ${n % 12},true,,,`,
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

/** A merchant with a shop of their own on the server; returns the session cookie and slug. */
async function signUpOwner(url: string): Promise<{ cookie: string; slug: string }> {
  const headers = { 'content-type': 'application/json', origin: url }
  const signup = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email: 'importer@bench.invalid', password: 'bench import password' }),
  })
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`)
  const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const slug = 'bench-import'
  const shop = await fetch(`${url}/api/shops`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({
      slug,
      name: 'Bench import',
      whatsappPhone: '+33 6 12 34 56 78',
      currency: 'EUR',
    }),
  })
  if (shop.status !== 201) throw new Error(`creating the shop answered ${shop.status}`)
  return { cookie, slug }
}

async function importProducts(url: string, owner: { cookie: string; slug: string }) {
  const started = performance.now()
  const res = await fetch(`${url}/api/shops/${owner.slug}/products/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', origin: url, cookie: owner.cookie },
    body: productsCsv(IMPORT_PRODUCTS),
  })
  const body = (await res.json()) as { created?: number }
  if (res.status !== 200) throw new Error(`the import answered ${res.status}`)
  return { ms: performance.now() - started, created: body.created ?? 0 }
}

async function orderBurst(url: string) {
  const started = performance.now()
  let next = 0
  let placed = 0
  await Promise.all(
    Array.from({ length: BURST_CONCURRENCY }, async () => {
      while (next < BURST_ORDERS) {
        const n = next++
        const res = await fetch(`${url}/api/shops/${BENCH_SLUG}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `stall-${n}` },
          body: JSON.stringify({
            items: [{ sku: BENCH_ORDER_SKUS[n % BENCH_ORDER_SKUS.length], quantity: 1 }],
            customer: { name: 'Bench Shopper' },
          }),
        })
        await res.arrayBuffer()
        if (res.status === 201) placed++
      }
    }),
  )
  return { ms: performance.now() - started, placed }
}

/** A row of reads; `alone` (the reads' p50 without writes) turns the longest into a stall. */
function readRow(what: string, reads: Reads, alone?: Reads): Cell[] {
  // The read's own time is no stall: what a write adds is the longest minus a read alone.
  const stall = alone ? reads.max - alone.p50 : undefined
  return [
    what,
    reads.count,
    num(reads.p50),
    num(reads.max),
    num(stall),
    reads.errors,
    alone ? `stall ≤ ${STALL_TARGET_MS} ms, 0 errors` : '',
    stall === undefined ? '' : verdict(stall <= STALL_TARGET_MS && reads.errors === 0),
  ]
}

/**
 * On a PGlite server of its own (a fresh bench database, sign-up open for the importer):
 * storefront and catalog searches by {@link READERS} shoppers, first alone, then while a CSV
 * import of {@link IMPORT_PRODUCTS} products and a burst of {@link BURST_ORDERS} orders run.
 * The longest read is the stall a write caused.
 */
export async function pgliteStallTable(): Promise<Table> {
  const db: BenchDatabase = await prepareDatabase('pglite')
  let server: BenchServer | undefined
  try {
    server = await startAppServer(db, { SIGNUP: 'open' })
    const { url } = server
    const owner = await signUpOwner(url)
    // Warm: the first queries of each kind compile their plans and the WebAssembly behind them.
    await readWhile(url, new Promise((r) => setTimeout(r, 1000)))
    const quiet = await readWhile(url, new Promise((r) => setTimeout(r, QUIET_MS)))
    const imported = importProducts(url, owner)
    const underImport = await readWhile(url, imported)
    const { ms: importMs, created } = await imported
    const burst = orderBurst(url)
    const underOrders = await readWhile(url, burst)
    const { ms: burstMs, placed } = await burst
    return {
      title: 'PGlite: reads while writing',
      note: `A PGlite server of its own. ${READERS} shoppers read one request after another (a storefront search and a catalog API search, both queries); the stall a write caused is the longest read while it runs, less the reads' p50 alone. The import of ${IMPORT_PRODUCTS.toLocaleString('en')} products (${created} created) took ${num(importMs / 1000, 1)} s; ${placed} of ${BURST_ORDERS} orders (${BURST_CONCURRENCY} at a time) were placed in ${num(burstMs / 1000, 1)} s.`,
      head: ['reads', 'requests', 'p50 ms', 'longest ms', 'stall ms', 'errors', 'target', 'result'],
      rows: [
        readRow('alone (their own latency)', quiet),
        readRow(
          `during a CSV import of ${IMPORT_PRODUCTS.toLocaleString('en')} products`,
          underImport,
          quiet,
        ),
        readRow(`during a burst of ${BURST_ORDERS} orders`, underOrders, quiet),
      ],
    }
  } finally {
    if (server) await stopServer(server)
    await db.drop()
  }
}
