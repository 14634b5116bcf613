import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import type { AppConfig } from '../api/config.ts'
import { PROJECT_ROOT } from '../api/project-root.ts'
import { createTestApp } from '../api/testing/test-client.ts'
import { createTestDb, type TestDatabase } from '../api/testing/test-db.ts'

export interface TestServer {
  origin: string
  testDb: TestDatabase
  app: ReturnType<typeof createTestApp>
  close(): Promise<void>
}

/**
 * The real app over a fresh PGlite database, listening on 127.0.0.1 and a free port, with
 * `publicUrl` set to its own origin so absolute links point back at it.
 */
export async function startTestServer(config: Partial<AppConfig> = {}): Promise<TestServer> {
  const testDb = await createTestDb('pglite')
  let app: ReturnType<typeof createTestApp> | undefined
  const server = serve({
    fetch: (req) => (app ? app.fetch(req) : new Response(null, { status: 503 })),
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((done) => server.once('listening', done))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app = createTestApp({ db: testDb.db, config: { publicUrl: origin, ...config } })
  return {
    origin,
    testDb,
    app,
    async close() {
      await new Promise((done) => server.close(done))
      await testDb.destroy()
    },
  }
}

const AXE = resolve(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js')

/**
 * Serious and critical axe-core violations of the page as it is now. axe is evaluated through
 * the DevTools protocol, so pages with a strict CSP (which rightly refuse injected tags) work too.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours are judged once entrance animations end: a panel fading in is not yet its colour.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  )
  await page.evaluate(readFileSync(AXE, 'utf8'))
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] }
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } })
      .axe
    return (await axe.run()).violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
