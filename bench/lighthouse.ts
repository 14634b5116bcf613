import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import lighthouse from 'lighthouse'
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/browser.ts'
import { BENCH_SLUG } from './bench-data.ts'
import { type Cell, num, type Table, verdict } from './report.ts'

// Lighthouse (mobile preset, simulated throttling) against the system Chromium.

export type LighthouseReport = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr']

/** A Chromium with its DevTools port on 127.0.0.1, for Lighthouse to drive. */
export interface Chromium {
  port: number
  close(): Promise<void>
  /** Kills it at once, for an exit handler that cannot wait. */
  kill(): void
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
/** Budget: storefront and admin, Lighthouse mobile, every category. */
const MIN_SCORE = 95
/** Runs per page: scores move by a few points from run to run on a shared machine. */
const RUNS = 3

/** Starts the system Chromium, or prints a notice and returns null when there is none. */
export async function launchChromium(): Promise<Chromium | null> {
  const path = chromiumPath()
  if (!existsSync(path)) {
    console.warn(
      `\n${'!'.repeat(78)}\n!! No Chromium at ${path} (set CHROME_PATH): Lighthouse rows are skipped\n${'!'.repeat(78)}\n`,
    )
    return null
  }
  const profile = mkdtempSync(join(tmpdir(), 'chatcart-bench-chromium-'))
  const child: ChildProcess = spawn(
    path,
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  const port = await new Promise<number>((resolve, reject) => {
    let err = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const m = err.match(/DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//)
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) =>
      reject(new Error(`Chromium exited with ${code}: ${err.slice(-500)}`)),
    )
  })
  return {
    port,
    kill: () => child.kill('SIGKILL'),
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** What one Lighthouse run gives: its report, and the events of the page's trace. */
export interface LighthouseRun {
  report: LighthouseReport
  traceEvents: unknown[]
}

/**
 * One Lighthouse run (mobile preset) of a URL in the given categories, with the page's trace:
 * throttling simulated from an unthrottled load (Lighthouse's default), or applied to the
 * browser and observed ('devtools').
 */
export async function runLighthouse(
  chromium: Chromium,
  url: string,
  categories: readonly string[] = CATEGORIES,
  throttlingMethod: 'simulate' | 'devtools' = 'simulate',
): Promise<LighthouseRun> {
  const result = await lighthouse(url, {
    port: chromium.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...categories],
    throttlingMethod,
  })
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`)
  const { runtimeError } = result.lhr
  if (runtimeError) throw new Error(`Lighthouse could not load ${url}: ${runtimeError.message}`)
  return { report: result.lhr, traceEvents: result.artifacts.Trace.traceEvents }
}

/** A category score as 0–100, or null when Lighthouse could not score it. */
export function score(report: LighthouseReport, category: string): number | null {
  const value = report.categories[category]?.score
  return typeof value === 'number' ? Math.round(value * 100) : null
}

/** An audit's numeric value (milliseconds for timings), or null. */
export function audit(report: LighthouseReport, id: string): number | null {
  return report.audits[id]?.numericValue ?? null
}

/** Weighted audits of the given categories that Lighthouse did not pass (score below 0.9). */
export function failingAudits(report: LighthouseReport, categories: readonly string[]): string[] {
  const ids = new Set<string>()
  for (const category of categories) {
    for (const ref of report.categories[category]?.auditRefs ?? []) {
      const result = report.audits[ref.id]
      if (ref.weight > 0 && typeof result?.score === 'number' && result.score < 0.9) ids.add(ref.id)
    }
  }
  return [...ids]
}

/** The middle of an odd number of scores; null when any run could not score. */
function medianScore(scores: (number | null)[]): number | null {
  if (scores.some((s) => s === null)) return null
  const sorted = (scores as number[]).toSorted((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? null
}

/** Lighthouse scores of the storefront, a product page and the admin, beside a plain page. */
export async function lighthouseTable(
  chromium: Chromium | null,
  apiUrl: string,
  plainPageUrl: string,
): Promise<Table> {
  const head = [
    'page',
    'performance',
    'accessibility',
    'best practices',
    'SEO',
    'audits not passed',
    'target',
    'result',
  ]
  const title = 'Lighthouse (mobile): storefront and admin'
  if (!chromium) return { title, note: 'Skipped: no Chromium on this machine.', head, rows: [] }
  const pages: [string, string, boolean][] = [
    ['baseline: a plain static page', plainPageUrl, false],
    ['storefront `/bench` (50 products)', `${apiUrl}/${BENCH_SLUG}`, true],
    ['product page `/bench/p/product-1`', `${apiUrl}/${BENCH_SLUG}/p/product-1`, true],
    ['admin `/admin` (log-in screen)', `${apiUrl}/admin`, true],
  ]
  const rows: Cell[][] = []
  for (const [name, url, budgeted] of pages) {
    const reports: LighthouseReport[] = []
    for (let i = 0; i < RUNS; i++) reports.push((await runLighthouse(chromium, url)).report)
    const scores = CATEGORIES.map((c) => medianScore(reports.map((r) => score(r, c))))
    const ok = scores.every((s) => s !== null && s >= MIN_SCORE)
    const notPassed = new Set(reports.flatMap((r) => failingAudits(r, CATEGORIES)))
    rows.push([
      name,
      ...scores.map((s) => num(s, 0)),
      [...notPassed].join(', ') || 'none',
      budgeted ? `≥ ${MIN_SCORE} each` : '',
      budgeted ? verdict(ok) : '',
    ])
  }
  return {
    title,
    note: `Lighthouse 12, default mobile preset (simulated slow 4G and 4× CPU slowdown), system Chromium; each score the median of ${RUNS} runs, and the audits any of them did not pass.`,
    head,
    rows,
  }
}
