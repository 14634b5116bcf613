import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { BENCH_SLUG } from './bench-data.ts'
import { audit, type Chromium, type LighthouseReport, runLighthouse, score } from './lighthouse.ts'
import { type Cell, kb, num, type Table, verdict } from './report.ts'

// The widget: what each of its files costs on the wire, and what it does to a host page in
// Lighthouse, against the same page without it.

const WIDGET_DIR = resolve(import.meta.dirname, '../dist/widget')
/** Lighthouse runs per page; the tables show medians, the runs alternate with and without. */
const RUNS = 5
/** Widget budgets. */
const LOADER_KB = 2
const BUBBLE_KB = 14
const MAIN_THREAD_MS = 10
const LCP_MS = 50
/** How long after its script runs a page's main-thread tasks are charged to that script. */
const AFTER_SCRIPT_MS = 3000

/** A loopback site of its own (another origin than the API), with and without the widget. */
export interface HostSite {
  plainUrl: string
  widgetUrl: string
  /** The control: the same page with an empty async script from a third origin. */
  emptyScriptUrl: string
  /** The same page with the least a visible widget can be: a bare button, added as the loader adds its own. */
  bareButtonUrl: string
  close(): Promise<void>
}

function hostPage(widgetScript: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Blue Mug Pottery</title>
<meta name="description" content="Hand-thrown mugs and bowls from a small studio, shipped across Europe.">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#222}</style>
</head>
<body>
<header><h1>Blue Mug Pottery</h1></header>
<main>
<p>We make mugs, bowls and plates by hand in a small studio. Every piece is glazed in our own
blues and fired twice, so it lasts for years of daily coffee.</p>
<h2>Visit us</h2>
<p>The studio is open from Tuesday to Saturday. Ask us anything about an order, a custom set or a
wedding list; we usually answer within the hour.</p>
</main>
${widgetScript}
</body>
</html>
`
}

async function listen(handler: (url: string) => [string, string] | null): Promise<Server> {
  const server = createServer((req, res) => {
    const found = handler(req.url ?? '')
    res.writeHead(found ? 200 : 404, { 'content-type': found?.[0] ?? 'text/plain' })
    res.end(found?.[1] ?? 'not found')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return server
}

const baseOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

const closeServer = (server: Server) =>
  new Promise<void>((r) => {
    server.closeAllConnections()
    server.close(() => r())
  })

/**
 * A bare round button, fixed in the corner, with inline styles, added once the page has loaded
 * and the browser is idle, as the loader adds its own: no shadow root, no stored cart, no settings
 * request. What it costs the page's main thread is the least any visible widget can cost.
 */
const BARE_BUTTON = `(function () {
  function add() {
    var b = document.createElement('button')
    b.textContent = 'Chat'
    b.style.cssText = 'position:fixed;right:20px;bottom:20px;width:56px;height:56px;border:0;border-radius:50%;background:#25d366'
    document.body.append(b)
  }
  function idle() { requestIdleCallback(add) }
  if (document.readyState === 'complete') idle()
  else addEventListener('load', idle)
})()`

/**
 * Serves the host page on 127.0.0.1: plain, with the widget from `apiUrl`, and with an empty
 * async script from an origin of its own. The last one is the control: what Lighthouse charges
 * any cross-origin async script, whatever it does.
 */
export async function startHostSite(apiUrl: string): Promise<HostSite> {
  const stub = `<script>window.Chatcart=window.Chatcart||function(){(Chatcart.q=Chatcart.q||[]).push(arguments)}</script>`
  const scriptFiles: Record<string, string> = { '/empty.js': ';', '/button.js': BARE_BUTTON }
  const scripts = await listen((url) => {
    const code = scriptFiles[url]
    return code === undefined ? null : ['text/javascript; charset=utf-8', code]
  })
  const withScript = (src: string) =>
    hostPage(`${stub}\n<script src="${src}" data-shop="${BENCH_SLUG}" async></script>`)
  const pages: Record<string, string> = {
    '/plain.html': hostPage(''),
    '/with-widget.html': withScript(`${apiUrl}/widget.js`),
    '/with-empty-script.html': withScript(`${baseOf(scripts)}/empty.js`),
    '/with-bare-button.html': withScript(`${baseOf(scripts)}/button.js`),
  }
  const site = await listen((url) => {
    const page = pages[url]
    return page ? ['text/html; charset=utf-8', page] : null
  })
  const base = baseOf(site)
  return {
    plainUrl: `${base}/plain.html`,
    widgetUrl: `${base}/with-widget.html`,
    emptyScriptUrl: `${base}/with-empty-script.html`,
    bareButtonUrl: `${base}/with-bare-button.html`,
    close: async () => {
      await closeServer(site)
      await closeServer(scripts)
    },
  }
}

function distFile(prefix: string): { name: string; code: Buffer } {
  const name = readdirSync(WIDGET_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.js'))
  if (!name) throw new Error(`no ${prefix}*.js in dist/widget (run npm run build)`)
  return { name, code: readFileSync(join(WIDGET_DIR, name)) }
}

function sizeRow(what: string, files: { name: string; code: Buffer }[], budgetKb?: number): Cell[] {
  const sum = (f: (code: Buffer) => number) =>
    files.reduce((total, file) => total + f(file.code), 0)
  const gzip = sum((code) => gzipSync(code, { level: 9 }).length)
  return [
    what,
    files.map((f) => f.name).join(' + '),
    kb(sum((code) => code.length)),
    kb(gzip),
    kb(sum((code) => brotliCompressSync(code).length)),
    budgetKb === undefined ? '' : `≤ ${budgetKb} KB gzip`,
    verdict(budgetKb === undefined ? undefined : gzip <= budgetKb * 1024),
  ]
}

/** Loader, bubble, cart and QR chunk sizes from dist/widget, gzip and brotli. */
export function widgetSizeTable(): Table {
  const loader = distFile('widget.js')
  const bubble = distFile('bubble-')
  const strings = distFile('en-')
  // The mini cart with the chunks it imports statically (the bubble's are counted already).
  const cartFile = distFile('cart-module-')
  const cart = [
    cartFile,
    ...[...cartFile.code.toString().matchAll(/from\s*["'`]\.\/([^"'`]+)["'`]/g)]
      .map((m) => m[1] ?? '')
      .filter((name) => name !== bubble.name)
      .map((name) => ({ name, code: readFileSync(join(WIDGET_DIR, name)) })),
  ]
  const offline = distFile('offline-order-')
  const qr = distFile('qr-matrix-')
  return {
    title: 'Widget: sizes',
    note: 'From dist/widget after `npm run build`; gzip level 9 and brotli as the server precompresses them. Baseline: a page without the widget downloads 0 KB of it.',
    head: ['part', 'files', 'raw KB', 'gzip KB', 'brotli KB', 'target', 'result'],
    rows: [
      sizeRow('loader: all a host page loads before interaction (JS + CSS)', [loader], LOADER_KB),
      sizeRow('bubble, fetched on hover, focus or click', [bubble]),
      sizeRow('bubble on first open (with its English strings)', [bubble, strings], BUBBLE_KB),
      sizeRow('mini cart, fetched when a shop has a cart', cart),
      sizeRow('bubble with channels, teams and cart', [bubble, strings, ...cart], BUBBLE_KB),
      sizeRow('order message without the API, fetched when the checkout form shows', [offline]),
      sizeRow('QR code for "continue on your phone", fetched when shown', [qr]),
    ],
  }
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { data?: { url?: string } }
}

/**
 * The page's main-thread task time (ms) from the evaluation of the script whose URL ends with
 * `script` over the next AFTER_SCRIPT_MS: what that script costs the page, with the navigation,
 * the parsing and the first paint before it left out (they vary by tens of milliseconds from run
 * to run, more than the widget costs). Null when the script never ran.
 */
export function mainThreadAfterScript(
  events: readonly TraceEvent[],
  script: string,
): number | null {
  const start = events.find(
    (e) => e.name === 'EvaluateScript' && e.args?.data?.url?.endsWith(script),
  )
  if (!start) return null
  const end = start.ts + AFTER_SCRIPT_MS * 1000
  let total = 0
  let busyUntil = 0 // nested tasks are counted once, within their outer task
  for (const e of events
    .filter(
      (e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === start.pid && e.tid === start.tid,
    )
    .sort((a, b) => a.ts - b.ts)) {
    // The task that evaluates the script starts just before its EvaluateScript event.
    if (e.ts + (e.dur ?? 0) < start.ts || e.ts >= end || e.ts < busyUntil) continue
    total += e.dur ?? 0
    busyUntil = e.ts + (e.dur ?? 0)
  }
  return total / 1000
}

interface TracedRun {
  report: LighthouseReport
  /** Main-thread ms from the async script's run on (widget.js or the control's), else null. */
  afterScript: number | null
}

/** One Lighthouse run of the performance category with the browser throttled, and its trace's figure. */
async function runTraced(chromium: Chromium, url: string, script?: string): Promise<TracedRun> {
  const { report, traceEvents } = await runLighthouse(chromium, url, ['performance'], 'devtools')
  return {
    report,
    afterScript: script ? mainThreadAfterScript(traceEvents as TraceEvent[], script) : null,
  }
}

function median(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b)
  if (known.length === 0) return null
  const mid = Math.floor(known.length / 2)
  return known.length % 2 ? (known[mid] ?? null) : ((known[mid - 1] ?? 0) + (known[mid] ?? 0)) / 2
}

interface NetworkItem {
  url: string
  resourceType?: string
}

function networkItems(report: LighthouseReport): NetworkItem[] {
  const details = report.audits['network-requests']?.details
  if (!details || !('items' in details) || !Array.isArray(details.items)) return []
  return details.items.flatMap((item) => {
    const { url, resourceType } = item as Record<string, unknown>
    if (typeof url !== 'string') return []
    return [{ url, resourceType: typeof resourceType === 'string' ? resourceType : undefined }]
  })
}

function origin(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

interface RequestCounts {
  toWidget: number
  elsewhere: number
  fontsOrFrames: number
}

/** What a page loaded, by Lighthouse's network log: from the API, from elsewhere, fonts and frames. */
function requestCounts(
  report: LighthouseReport | undefined,
  apiUrl: string,
  pageUrl: string,
): RequestCounts {
  const requests = report ? networkItems(report) : []
  const api = origin(apiUrl)
  const page = origin(pageUrl)
  const documents = requests.filter((r) => r.resourceType === 'Document').length
  return {
    toWidget: requests.filter((r) => origin(r.url) === api).length,
    elsewhere: requests.filter((r) => {
      const o = origin(r.url)
      return o !== null && o !== 'null' && o !== api && o !== page
    }).length,
    fontsOrFrames:
      requests.filter((r) => r.resourceType === 'Font').length + Math.max(0, documents - 1),
  }
}

/** Lighthouse of the host page with and without the widget: medians of alternating runs. */
export async function widgetLighthouseTable(
  chromium: Chromium | null,
  site: HostSite,
  apiUrl: string,
): Promise<Table> {
  const head = [
    'metric',
    'without widget (baseline)',
    'control: an empty async script from another origin',
    'with widget',
    'change',
    'change beyond the control',
    'target',
    'result',
  ]
  const title = 'Widget on a host page: Lighthouse (mobile)'
  if (!chromium) return { title, note: 'Skipped: no Chromium on this machine.', head, rows: [] }
  const plainRuns: TracedRun[] = []
  const controlRuns: TracedRun[] = []
  const widgetRuns: TracedRun[] = []
  const buttonRuns: TracedRun[] = []
  for (let i = 0; i < RUNS; i++) {
    plainRuns.push(await runTraced(chromium, site.plainUrl))
    controlRuns.push(await runTraced(chromium, site.emptyScriptUrl, '/empty.js'))
    widgetRuns.push(await runTraced(chromium, site.widgetUrl, '/widget.js'))
    buttonRuns.push(await runTraced(chromium, site.bareButtonUrl, '/button.js'))
  }
  const plain = plainRuns.map((r) => r.report)
  const control = controlRuns.map((r) => r.report)
  const withWidget = widgetRuns.map((r) => r.report)
  const controlAfter = median(controlRuns.map((r) => r.afterScript))
  const widgetAfter = median(widgetRuns.map((r) => r.afterScript))
  const buttonAfter = median(buttonRuns.map((r) => r.afterScript))
  const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${num(value, digits)}`
  const metric = (
    name: string,
    read: (r: LighthouseReport) => number | null,
    target: string,
    pass?: (without: number, withIt: number) => boolean,
    digits = 0,
  ): Cell[] => {
    const a = median(plain.map(read))
    const c = median(control.map(read))
    const b = median(withWidget.map(read))
    const known = a !== null && b !== null
    return [
      name,
      num(a, digits),
      num(c, digits),
      num(b, digits),
      known ? signed(b - a, digits) : '–',
      b !== null && c !== null ? signed(b - c, digits) : '–',
      target,
      pass ? verdict(known ? pass(a, b) : false) : '',
    ]
  }
  /** A traced figure beside the control's, judged against the budget or only shown. */
  const tracedRow = (name: string, after: number | null, judged: boolean): Cell[] => {
    const beyond = after !== null && controlAfter !== null ? after - controlAfter : null
    return [
      name,
      '–',
      num(controlAfter, 0),
      num(after, 0),
      '–',
      beyond === null ? '–' : signed(beyond, 0),
      judged ? `beyond the control ≤ ${MAIN_THREAD_MS} ms` : '',
      verdict(judged ? beyond !== null && beyond <= MAIN_THREAD_MS : undefined),
    ]
  }
  const before = requestCounts(plain[0], apiUrl, site.plainUrl)
  const after = requestCounts(withWidget[0], apiUrl, site.widgetUrl)
  const countRow = (name: string, key: keyof RequestCounts, max: number): Cell[] => [
    name,
    before[key],
    '',
    after[key],
    `+${after[key] - before[key]}`,
    '',
    max ? `≤ ${max}` : '0',
    verdict(after[key] <= max),
  ]
  return {
    title,
    note: `Median of ${RUNS} alternating runs of each page, performance category, with Lighthouse's throttling applied to the browser and the timings observed ('devtools'): its default simulation charges every request that ends before the page's paint to the LCP, so an empty async script from another origin (the control) cost +300 to +460 ms there. Host page, API and control script are on different loopback origins; "change beyond the control" is the widget's own share. The page-level main-thread figure swings by up to a few hundred milliseconds between runs of the same page (navigation, parsing, first paint: Lighthouse files most of it under "other"), far more than its target; the traced row beneath it counts only the page's main-thread tasks from the async script's evaluation (widget.js, or the control's empty script) over the next ${AFTER_SCRIPT_MS / 1000} s, which holds everything the loader does before any interaction (its button, styles, stored cart and settings request), and compares it with the control's. The row under it does the same for a bare button (inline styles, added once the page is loaded and the browser idle, as the loader adds its own; no shadow root, stored cart or settings): the floor under any widget that shows a button before interaction.`,
    head,
    rows: [
      metric(
        'performance score',
        (r) => score(r, 'performance'),
        'change 0',
        (a, b) => b >= a,
      ),
      metric(
        'Total Blocking Time ms',
        (r) => audit(r, 'total-blocking-time'),
        'no change',
        (a, b) => b <= a,
      ),
      metric(
        'Cumulative Layout Shift',
        (r) => audit(r, 'cumulative-layout-shift'),
        '0',
        (_a, b) => b === 0,
        3,
      ),
      metric('First Contentful Paint ms', (r) => audit(r, 'first-contentful-paint'), ''),
      metric(
        'Largest Contentful Paint ms',
        (r) => audit(r, 'largest-contentful-paint'),
        `change ≤ ${LCP_MS} ms`,
        (a, b) => b - a <= LCP_MS,
      ),
      metric(
        'main-thread work at load ms',
        (r) => audit(r, 'mainthread-work-breakdown'),
        `change ≤ ${MAIN_THREAD_MS} ms`,
        (a, b) => b - a <= MAIN_THREAD_MS,
      ),
      tracedRow(
        `main-thread work from the script's run on (traced, ${AFTER_SCRIPT_MS / 1000} s) ms`,
        widgetAfter,
        true,
      ),
      tracedRow(
        'the same, for a bare button in its place (the least a visible widget costs)',
        buttonAfter,
        false,
      ),
      countRow('requests to the widget origin before interaction', 'toWidget', 2),
      countRow('other origins contacted', 'elsewhere', 0),
      countRow('fonts or iframes', 'fontsOrFrames', 0),
    ],
  }
}
