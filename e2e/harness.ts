import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { Page } from 'playwright-core'
import type { AppConfig } from '../api/config.ts'
import { PROJECT_ROOT } from '../api/project-root.ts'
import { createTestApp } from '../api/testing/test-client.ts'
import { createTestDb, type TestDatabase } from '../db/testing/test-db.ts'

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

const AXE_SOURCE = readFileSync(resolve(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')

/** A serious or critical axe-core violation: its rule, and each element it found. */
export interface AxeViolation {
  id: string
  help: string
  /** A target inside a shadow root reads host first: `chatcart-widget › .o`. */
  nodes: { target: string; summary: string }[]
}

/**
 * Serious and critical axe-core violations of the page as it is now (within `scope`, a
 * selector, when given), colour contrast included and inside open shadow roots too. axe is
 * evaluated through the DevTools protocol, so pages with a strict CSP (which rightly refuse
 * injected tags) work too, and colours are judged once entrance animations end: a panel
 * fading in is not yet its colour.
 */
export async function axeViolations(page: Page, scope: string | null = null) {
  await page.evaluate(() => {
    // The document's own list leaves out animations inside shadow roots (the widget's panel).
    const roots: DocumentOrShadowRoot[] = [document]
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot)
    return Promise.all(
      roots
        .flatMap((root) => root.getAnimations())
        .filter((a) => a.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    )
  })
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (include: string | null): Promise<AxeViolation[]> => {
    type Node = { target: unknown[]; failureSummary?: string }
    type Violation = { id: string; impact: string; help: string; nodes: Node[] }
    type Axe = {
      run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }>
    }
    const axe = (window as unknown as { axe: Axe }).axe
    const context = include ? { include: [include] } : document
    const result = await axe.run(context, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.map((t) => (Array.isArray(t) ? t.join(' › ') : String(t))).join(' '),
          summary: (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim(),
        })),
      }))
  }, scope)
}

/** {@link axeViolations} as one line per rule: `rule: target, target`. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page)).map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`,
  )
}

/**
 * Signs a merchant up through the API (sign-up must be open on the server) and returns a POST
 * helper carrying their session, for making their shop and catalog before the browser opens.
 * @example const post = await signUpMerchant(origin, 'a@example.com', 'a long password')
 */
export async function signUpMerchant(origin: string, email: string, password: string) {
  const signup = await fetch(`${origin}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`)
  const cookie = signup.headers.get('set-cookie')?.split(';')[0] ?? ''
  return (path: string, data: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(data),
    })
}
