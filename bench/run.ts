import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { apiTable } from './api.ts'
import { BENCH_SLUG } from './bench-data.ts'
import { launchChromium, lighthouseTable } from './lighthouse.ts'
import { LOAD_SECONDS, WARM_UP_SECONDS } from './load.ts'
import { ordersTable } from './orders.ts'
import { pgliteStallTable } from './pglite.ts'
import { markdownTable, type Table, verdict } from './report.ts'
import {
  type BenchDatabase,
  type BenchServer,
  peakRssMb,
  postgresUrl,
  prepareDatabase,
  type RenderTimes,
  startAppServer,
  startBareServer,
  startLimitServer,
  stopServer,
  timeStorefrontRenders,
} from './servers.ts'
import {
  largeStorefrontLoadTable,
  RENDERS,
  storefrontLoadTable,
  storefrontSizeTable,
} from './storefront.ts'
import { webhookAckLimit, webhookAckTable, webhookIngestTable } from './webhook.ts'
import { startHostSite, widgetLighthouseTable, widgetSizeTable } from './widget.ts'

// `npm run bench`: every figure beside a baseline measured in the same run, on loopback only,
// bounded in time. Prints one markdown document and writes it to bench/results/latest.md.

const root = resolve(import.meta.dirname, '..')
/** Budget: server RSS under the loads above. */
const RSS_BUDGET_MB: Record<string, number> = { postgres: 150, pglite: 300 }

/**
 * Sections to run: `npm run bench -- storefront "10,000"` runs those whose title contains any of
 * the words (case-insensitive); no words run them all.
 */
const only = process.argv.slice(2).map((word) => word.toLowerCase())
const wanted = (title: string) =>
  only.length === 0 || only.some((word) => title.toLowerCase().includes(word))

/** Runs one section; a section that throws becomes a table saying so, and the run fails. */
async function section(title: string, run: () => Promise<Table> | Table, failures: string[]) {
  if (!wanted(title)) return ''
  const started = performance.now()
  process.stderr.write(`bench: ${title}…\n`)
  try {
    const table = await run()
    process.stderr.write(
      `bench: ${title} done in ${Math.round((performance.now() - started) / 1000)} s\n`,
    )
    return markdownTable(table)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    failures.push(`${title}: ${message}`)
    console.error(error)
    return markdownTable({ title, note: `**Failed:** ${message}`, head: [], rows: [] })
  }
}

function memoryTable(
  bare: BenchServer,
  servers: BenchServer[],
  atStart: Map<BenchServer, number | null>,
): Table {
  return {
    title: 'Memory',
    note: 'Peak resident memory (VmHWM) of the largest process of each server (the primary or one of its workers): once ready and past its first query, and over the whole run. The app servers run as `npm start` does (the built bundle on plain node); PGlite servers open a data dir prepared by another process, as a restarted server does. The baseline runs through tsx.',
    head: ['server', 'processes', 'ready MB', 'peak under load MB', 'target', 'result'],
    rows: [
      ['baseline: bare Hono', 1, atStart.get(bare), peakRssMb(bare).maxMb, '', ''],
      ...servers.map((s) => {
        const { processes, maxMb } = peakRssMb(s)
        const budget = RSS_BUDGET_MB[s.name]
        return [
          `app on ${s.name}`,
          processes,
          atStart.get(s),
          maxMb,
          budget ? `≤ ${budget} MB` : '',
          verdict(budget && maxMb !== null ? maxMb <= budget : undefined),
        ]
      }),
    ],
  }
}

async function main() {
  const started = Date.now()
  const failures: string[] = []
  const databases: BenchDatabase[] = []
  const servers: BenchServer[] = []
  const cleanups: (() => Promise<void>)[] = []
  const sections: string[] = []
  try {
    const pgUrl = await postgresUrl()
    if (!pgUrl) console.warn('bench: no PostgreSQL reachable; set TEST_DATABASE_URL to include it')
    for (const engine of pgUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const)) {
      process.stderr.write(`bench: preparing the ${engine} database…\n`)
      databases.push(await prepareDatabase(engine, pgUrl))
    }
    const [firstDb] = databases
    if (!firstDb) throw new Error('no database prepared')
    // Before any server runs: PGlite's data dir belongs to one process at a time.
    let renders: RenderTimes | Error = new Error('not run')
    if (wanted('Storefront bytes and render')) {
      process.stderr.write('bench: timing storefront renders…\n')
      renders = await timeStorefrontRenders(firstDb, RENDERS).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      )
    }
    const atStart = new Map<BenchServer, number | null>()
    const bare = await startBareServer()
    cleanups.push(() => stopServer(bare))
    await fetch(`${bare.url}/bare`)
    atStart.set(bare, peakRssMb(bare).maxMb)
    for (const db of databases) {
      const server = await startAppServer(db)
      servers.push(server)
      cleanups.push(() => stopServer(server))
      // If the bench dies, its servers must not live on.
      process.once('exit', () => server.child.kill('SIGTERM'))
      for (let i = 0; i < 4; i++) await fetch(`${server.url}/healthz`)
      atStart.set(server, peakRssMb(server).maxMb)
    }
    const [first] = servers
    if (!first) throw new Error('no app server started')

    // The limit servers, on the PostgreSQL bench database: what the hardware can do per path.
    let limit: BenchServer | undefined
    const pgDb = databases.find((db) => db.engine === 'postgres')
    const pgServer = servers.find((s) => s.name === 'postgres')
    if (pgDb && pgServer) {
      const dir = mkdtempSync(join(tmpdir(), 'chatcart-limit-'))
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
      const pageFile = join(dir, 'storefront.html')
      writeFileSync(pageFile, await (await fetch(`${pgServer.url}/${BENCH_SLUG}`)).text())
      limit = await startLimitServer(pgDb.location, pageFile)
      const started = limit
      cleanups.push(() => stopServer(started))
      process.once('exit', () => started.child.kill('SIGTERM'))
    }

    // Browser runs first, while the servers are idle: a load's after-work would skew them.
    sections.push(await section('Widget sizes', () => widgetSizeTable(), failures))
    if (wanted('Widget on a host page') || wanted('Lighthouse')) {
      const site = await startHostSite(first.url)
      cleanups.push(() => site.close())
      const chromium = await launchChromium()
      if (chromium) {
        cleanups.push(() => chromium.close())
        process.once('exit', () => chromium.kill())
      }
      sections.push(
        await section(
          'Widget on a host page',
          () => widgetLighthouseTable(chromium, site, first.url),
          failures,
        ),
      )
      sections.push(
        await section(
          'Lighthouse',
          () => lighthouseTable(chromium, first.url, site.plainUrl),
          failures,
        ),
      )
      // Chromium and the host site would only compete with the servers from here on.
      await chromium?.close()
      await site.close()
    }
    sections.push(await section('API reads', () => apiTable(bare, servers), failures))
    sections.push(
      await section(
        'Storefront bytes and render',
        () => storefrontSizeTable(first, renders),
        failures,
      ),
    )
    sections.push(
      await section(
        'Storefront throughput',
        () => storefrontLoadTable(bare, servers, limit),
        failures,
      ),
    )
    sections.push(
      await section(
        'Storefront of 10,000 products',
        () => largeStorefrontLoadTable(servers),
        failures,
      ),
    )
    sections.push(
      await section('Order creation', () => ordersTable(bare, servers, limit), failures),
    )
    // The ingest is judged against the limit taking the same burst, and printed beside the
    // sustained acknowledgement limit; the acknowledgement table measures its own beside each row.
    const ackLimit =
      limit && wanted('Webhook ingest + match') ? await webhookAckLimit(limit) : undefined
    // Ingest first: the acknowledgement run leaves unmatched messages to process behind it.
    sections.push(
      await section(
        'Webhook ingest + match',
        () => webhookIngestTable(bare, servers, ackLimit, limit),
        failures,
      ),
    )
    sections.push(
      await section(
        'Webhook acknowledgement',
        () => webhookAckTable(bare, servers, limit),
        failures,
      ),
    )

    sections.push(markdownTable(memoryTable(bare, servers, atStart)))
    // Last, on a PGlite server and database of its own: its writes weigh on no other figure.
    sections.push(await section('PGlite: reads while writing', () => pgliteStallTable(), failures))
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {})
    for (const db of databases) {
      await db.drop().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        console.warn(`bench: could not drop the ${db.engine} bench database: ${message}`)
      })
    }
  }

  const seconds = Math.round((Date.now() - started) / 1000)
  const header = [
    '# Chatcart bench',
    '',
    `${new Date().toISOString()} · Node ${process.version} · ${cpus().length} cores (shared) · ${LOAD_SECONDS} s per load after ${WARM_UP_SECONDS} s of warm-up · loopback only · ${seconds} s in all.`,
    'Every figure stands beside a baseline from the same run; the machine is shared, so figures are noisy.',
  ].join('\n')
  const footer = failures.length
    ? `\n\n**Sections that failed:**\n${failures.map((f) => `- ${f}`).join('\n')}`
    : ''
  const report = `${header}\n\n${sections.filter(Boolean).join('\n\n')}${footer}\n`
  mkdirSync(resolve(root, 'bench/results'), { recursive: true })
  writeFileSync(resolve(root, 'bench/results/latest.md'), report)
  console.log(report)
  if (failures.length) process.exitCode = 1
}

// Ctrl-C: exit through process.exit so children see their lifeline end and Chromium is killed.
process.once('SIGINT', () => process.exit(130))

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
