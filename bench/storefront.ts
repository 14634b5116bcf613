import { gzipSync } from 'node:zlib'
import { againstLimit, LOAD_HEAD, loadRow } from './api.ts'
import { BENCH_SLUG, LARGE_BENCH_SLUG, LARGE_SHOP_PRODUCTS } from './bench-data.ts'
import { load } from './load.ts'
import { type Cell, kb, num, type Table, verdict } from './report.ts'
import { type BenchServer, peakRssMb, type RenderTimes } from './servers.ts'

// The storefront of 50 products: bytes a shopper downloads, render time, and page throughput.

/** Renders timed in-process for the render figures. */
export const RENDERS = 500
const CONNECTIONS = 50
/** Requests of the unmeasured warm-up before each page load. */
const WARM_UP = 5_000
/** Budget: the storefront page at 0.5 of a static gzip response of the same HTML. */
const STOREFRONT_LIMIT_RATIO = 0.5
/** Budget: storefront page of 50 products. */
const JS_BUDGET_KB = 15
const HTML_BUDGET_KB = 30
const RENDER_P50_MS = 5

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'`()]*?\bfrom\s*)?["'`]([^"'`]+\.js)["'`]/g
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } })
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`)
  return res.text()
}

/** Script and modulepreload URLs of a page, resolved against its address. */
function scriptUrls(html: string, pageUrl: string): string[] {
  const urls: string[] = []
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/g)) {
    const isScript = tag.startsWith('<script')
    const isPreload = /\brel=["']?modulepreload\b/.test(tag)
    const ref = tag.match(isScript ? /\bsrc=["']?([^"'\s>]+)/ : /\bhref=["']?([^"'\s>]+)/)?.[1]
    if (ref && (isScript || isPreload)) urls.push(new URL(ref, pageUrl).toString())
  }
  return urls
}

/** Every JS file the page loads before any interaction (following static imports), and the lazy ones. */
async function pageScripts(html: string, pageUrl: string) {
  const eager = new Map<string, string>()
  const lazy = new Set<string>()
  const queue = scriptUrls(html, pageUrl)
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (eager.has(url)) continue
    const code = await fetchText(url)
    eager.set(url, code)
    for (const [, ref] of code.matchAll(STATIC_IMPORT))
      if (ref) queue.push(new URL(ref, url).toString())
    for (const [, ref] of code.matchAll(DYNAMIC_IMPORT))
      if (ref) lazy.add(new URL(ref, url).toString())
  }
  const lazyCode = new Map<string, string>()
  for (const url of lazy) if (!eager.has(url)) lazyCode.set(url, await fetchText(url))
  return { eager, lazy: lazyCode }
}

/** Total gzip bytes (level 9, as the server precompresses its assets). */
function gzipTotal(files: Map<string, string>): number {
  let total = 0
  for (const code of files.values()) total += gzipSync(code, { level: 9 }).length
  return total
}

function fileNames(files: Map<string, string>): string {
  return [...files.keys()].map((u) => new URL(u).pathname.split('/').pop()).join(', ') || 'none'
}

/** Sizes of `GET /bench` from one server, and the render times measured beforehand. */
export async function storefrontSizeTable(
  server: BenchServer,
  render: RenderTimes | Error,
): Promise<Table> {
  if (render instanceof Error) throw render
  const pageUrl = `${server.url}/${BENCH_SLUG}`
  const html = await fetchText(pageUrl)
  const htmlGzip = gzipSync(html).length
  const { eager, lazy } = await pageScripts(html, pageUrl)
  const jsGzip = gzipTotal(eager)
  const rows: Cell[][] = [
    [
      'HTML of `GET /bench` (gzip)',
      `${kb(htmlGzip)} KB (raw ${kb(Buffer.byteLength(html))} KB)`,
      `≤ ${HTML_BUDGET_KB} KB`,
      verdict(htmlGzip <= HTML_BUDGET_KB * 1024),
    ],
    [
      `JS the page loads (gzip): ${fileNames(eager)}`,
      `${kb(jsGzip)} KB`,
      `≤ ${JS_BUDGET_KB} KB`,
      verdict(jsGzip <= JS_BUDGET_KB * 1024),
    ],
    [
      `JS loaded later, at checkout (gzip): ${fileNames(lazy)}`,
      `${kb(gzipTotal(lazy))} KB`,
      '',
      '',
    ],
    [
      `server render p50 (catalog → HTML, in-process, ${render.n} renders)`,
      `${num(render.p50, 2)} ms`,
      `≤ ${RENDER_P50_MS} ms`,
      verdict(render.p50 <= RENDER_P50_MS),
    ],
    [`server render p99`, `${num(render.p99, 2)} ms`, '', ''],
  ]
  return {
    title: 'Storefront of 50 products: bytes and render',
    note: `Fetched from the ${server.name} server; scripts found from the page's script tags and modulepreloads, then their static imports.`,
    head: ['what', 'measured', 'target', 'result'],
    rows,
  }
}

/** `GET /bench` throughput on each engine, beside the bare route, gzip accepted as browsers do. */
export async function storefrontLoadTable(
  bare: BenchServer,
  servers: BenchServer[],
  limitServer?: BenchServer,
): Promise<Table> {
  const headers = { 'accept-encoding': 'gzip' }
  const rows: Cell[][] = []
  const baseline = await load({ url: `${bare.url}/bare`, connections: CONNECTIONS, headers })
  rows.push(loadRow('baseline: bare Hono `GET /bare`', '–', CONNECTIONS, baseline))
  // Every server first serves a warm-up burst, unmeasured: V8's optimising compilers (for
  // PGlite's WebAssembly too) and the first render would otherwise weigh on whichever is first.
  const warm = (url: string) => load({ url, connections: CONNECTIONS, headers, amount: WARM_UP })
  if (limitServer) await warm(`${limitServer.url}/limit/page`)
  const limit = limitServer
    ? await load({ url: `${limitServer.url}/limit/page`, connections: CONNECTIONS, headers })
    : undefined
  if (limit) {
    rows.push(
      loadRow(
        'limit: the same HTML as a static gzip response (Hono, 2 processes)',
        '–',
        CONNECTIONS,
        limit,
      ),
    )
  }
  for (const server of servers) {
    await warm(`${server.url}/${BENCH_SLUG}`)
    const page = await load({
      url: `${server.url}/${BENCH_SLUG}`,
      connections: CONNECTIONS,
      headers,
    })
    // Budget: the page at 0.5 of a static gzip response of the same HTML, on either engine.
    const { target, ok } = againstLimit(page, limit, STOREFRONT_LIMIT_RATIO, true, false)
    rows.push(loadRow('`GET /bench` (storefront page)', server.name, CONNECTIONS, page, target, ok))
  }
  return {
    title: 'Storefront page throughput',
    note: 'Latency here includes loading the catalog, rendering and gzip; the limit serves the same HTML, gzipped once, from memory.',
    head: LOAD_HEAD,
    rows,
  }
}

/**
 * The storefront of a 10,000-product shop (one page of products per request) beside the
 * 50-product one, 50 connections each, with the server's peak memory after each load. Peak RSS
 * is the process's high-water mark so far (VmHWM): run this section alone
 * (`npm run bench -- 10,000`) for a figure of this load only.
 */
export async function largeStorefrontLoadTable(servers: BenchServer[]): Promise<Table> {
  const headers = { 'accept-encoding': 'gzip' }
  const rows: Cell[][] = []
  const large = LARGE_SHOP_PRODUCTS.toLocaleString('en')
  for (const server of servers) {
    // A page in the middle of the large shop: its cursor is the product before it.
    const middle = await fetch(
      `${server.url}/api/shops/${LARGE_BENCH_SLUG}/catalog?q=Bulk+product+${LARGE_SHOP_PRODUCTS / 2}&limit=1`,
    ).then((r) => r.json() as Promise<{ products: { id: string }[] }>)
    const middleId = middle.products[0]?.id
    if (!middleId) throw new Error('no middle product in the large bench shop')
    for (const [path, what] of [
      [`/${BENCH_SLUG}`, '`GET /bench` (50 products)'],
      [`/${LARGE_BENCH_SLUG}`, `\`GET /${LARGE_BENCH_SLUG}\` (${large} products, first page)`],
      [
        `/${LARGE_BENCH_SLUG}?cursor=a.${middleId}`,
        `\`GET /${LARGE_BENCH_SLUG}?cursor=…\` (${large} products, a page in the middle)`,
      ],
    ] as const) {
      const page = await load({ url: `${server.url}${path}`, connections: CONNECTIONS, headers })
      const html = await fetchText(`${server.url}${path}`)
      const cards = html.match(/<li class="card"/g)?.length ?? 0
      rows.push([
        what,
        server.name,
        CONNECTIONS,
        page.reqPerSec,
        num(page.p50),
        num(page.p99),
        page.errors,
        cards,
        `${kb(Buffer.byteLength(html))} KB`,
        peakRssMb(server).maxMb,
        verdict(page.errors === 0),
      ])
    }
  }
  return {
    title: 'Storefront of 10,000 products',
    note: 'Both shops on the same server. A first page comes from the per-process copy, which holds one page however large the shop; a page further on is one keyset query. Peak RSS: the largest process of the server, high-water mark so far.',
    // The throughput columns, with the page's size and the server's memory before the verdict.
    head: [...LOAD_HEAD.slice(0, 7), 'cards', 'HTML', 'peak RSS MB', 'no errors'],
    rows,
  }
}
