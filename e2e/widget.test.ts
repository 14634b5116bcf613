import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { Browser, BrowserContext, Page, Request } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { App } from '../api/app.ts'
import { createTestApp, TestClient } from '../api/testing/test-client.ts'
import { createTestDb, type TestDatabase } from '../db/testing/test-db.ts'
import { launchBrowser } from './browser.ts'
import { seriousViolations } from './harness.ts'

// Host pages are served from one loopback port and the API (widget.js, settings, orders) from
// another, so the widget runs cross-origin exactly as on a merchant's site.

const FIXTURES = resolve(import.meta.dirname, 'fixtures')
const browser: Browser | null = await launchBrowser()

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** Records what a page does: requests, errors, globals added, layout shifts. */
const PROBE = `
  window.__probe = { globals: Object.getOwnPropertyNames(window), shifts: 0, violations: [] }
  // What the widget had done when the page's load event ran: nothing yet, it waits for idle.
  addEventListener('load', () => {
    window.__probe.atLoad = {
      drawn: document.querySelector('chatcart-widget') !== null,
      settings: performance.getEntriesByType('resource').some((e) => e.name.includes('/api/widget/')),
    }
  })
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__probe.shifts += entry.value
  }).observe({ type: 'layout-shift', buffered: true })
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__probe.violations.push(e.violatedDirective + ' ' + e.blockedURI)
  })
`

interface Visit {
  page: Page
  context: BrowserContext
  requests: string[]
  errors: string[]
  /** wa.me and WhatsApp Web links the widget navigated to (answered locally, never sent out). */
  whatsapp: string[]
}

describe.skipIf(!browser)('widget in a real browser', () => {
  let testDb: TestDatabase
  let app: App
  let api: Server
  let host: Server
  let apiOrigin = ''
  let hostOrigin = ''
  let slug = ''

  beforeAll(async () => {
    testDb = await createTestDb('pglite')
    api = serve({
      fetch: (request) => app.fetch(request),
      port: 0,
      hostname: '127.0.0.1',
    }) as Server
    await new Promise((done) => api.once('listening', done))
    apiOrigin = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
    app = createTestApp({ db: testDb.db, config: { publicUrl: apiOrigin } })

    const owner = new TestClient(app)
    slug = await owner.signupWithShop(undefined, { name: 'Acme Mugs' })
    const shop = await testDb.db
      .selectFrom('shops')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow()
    await testDb.db
      .insertInto('products')
      .values({ shop_id: shop.id, sku: 'MUG', slug: 'mug', name: 'Mug', price: 1200 })
      .execute()
    const tee = await testDb.db
      .insertInto('products')
      .values({ shop_id: shop.id, sku: 'TEE', slug: 'tee', name: 'T-shirt', price: 2000 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await testDb.db
      .insertInto('product_variants')
      .values([
        { shop_id: shop.id, product_id: tee.id, sku: 'TEE-L', options: '{"Size":"L"}' },
        {
          shop_id: shop.id,
          product_id: tee.id,
          sku: 'TEE-M',
          options: '{"Size":"M"}',
          stock: 0,
        },
      ])
      .execute()

    host = createServer((req, res) => {
      const name = (req.url ?? '/').split('?')[0]?.slice(1) ?? ''
      if (!/^widget-[a-z]+\.html$/.test(name)) {
        res.writeHead(404).end()
        return
      }
      const html = readFileSync(resolve(FIXTURES, name), 'utf8')
        .replaceAll('{{API}}', apiOrigin)
        .replaceAll('{{SHOP}}', slug)
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }
      if (name === 'widget-csp.html') {
        headers['content-security-policy'] =
          `default-src 'self'; script-src ${apiOrigin}; style-src 'self'; ` +
          `connect-src ${apiOrigin}; img-src 'self' ${apiOrigin}; font-src 'none'; ` +
          `frame-src 'none'; object-src 'none'; base-uri 'none'`
      }
      res.writeHead(200, headers).end(html)
    })
    hostOrigin = await listen(host)
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((done) => host?.close(done))
    await new Promise((done) => api?.close(done))
    await testDb?.destroy()
  })

  async function visit(
    fixture: string,
    settings?: object,
    viewport = { width: 1280, height: 800 },
  ): Promise<Visit> {
    await saveSettings(settings ?? {})
    if (!browser) throw new Error('no browser')
    const context = await browser.newContext({ viewport })
    const whatsapp: string[] = []
    await context.route(/^https:\/\/(wa\.me|web\.whatsapp\.com)\//, (route) => {
      whatsapp.push(route.request().url())
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>WhatsApp</p>' })
    })
    await context.addInitScript(PROBE)
    const page = await context.newPage()
    const requests: string[] = []
    const errors: string[] = []
    page.on('request', (request: Request) => requests.push(request.url()))
    page.on('pageerror', (error) => errors.push(String(error)))
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    await page.goto(`${hostOrigin}/${fixture}`)
    await page.waitForLoadState('networkidle')
    return { page, context, requests, errors, whatsapp }
  }

  async function saveSettings(settings: object) {
    await testDb.db
      .updateTable('shops')
      .set({ widget_settings: JSON.stringify(settings) })
      .where('slug', '=', slug)
      .execute()
  }

  /** With WIDGET_SCREENSHOTS=<folder>, keeps a PNG of the page to look at. */
  async function shoot(v: Visit, name: string) {
    const folder = process.env.WIDGET_SCREENSHOTS
    if (!folder) return
    await v.page.waitForTimeout(300) // the dialog's opening animation
    await v.page.screenshot({ path: resolve(folder, `${name}.png`) })
  }

  /** Requests other than the host page itself. */
  const widgetRequests = (v: Visit) => v.requests.filter((url) => !url.startsWith(hostOrigin))

  async function expectQuietLoad(v: Visit) {
    const requests = widgetRequests(v)
    expect(requests.length).toBeLessThanOrEqual(2)
    expect(requests.every((url) => url.startsWith(apiOrigin))).toBe(true)
    const probe = await v.page.evaluate(() => {
      const p = (window as unknown as { __probe: { globals: string[]; shifts: number } }).__probe
      const added = Object.getOwnPropertyNames(window).filter(
        (name) => !p.globals.includes(name) && name !== '__probe',
      )
      return { added, shifts: p.shifts, cookie: document.cookie, stored: localStorage.length }
    })
    expect(probe.added).toEqual(['Chatcart'])
    expect(probe.shifts).toBe(0)
    expect(probe.cookie).toBe('')
    expect(probe.stored).toBe(0)
    expect(v.errors).toEqual([])
  }

  it('should load quietly on a plain page: two requests to its own server, one global, no shift', async () => {
    await saveSettings({})
    const v = await visit('widget-plain.html')
    expect(widgetRequests(v)).toEqual([`${apiOrigin}/widget.js`, `${apiOrigin}/api/widget/${slug}`])
    await expectQuietLoad(v)
    const box = await v.page.locator('chatcart-widget .o').boundingBox()
    expect(box).toMatchObject({ width: 56, height: 56, x: 1280 - 20 - 56, y: 800 - 20 - 56 })
    await v.context.close()
  })

  it("should leave the page's first paint and load alone: no button and no settings request before load", async () => {
    const v = await visit('widget-plain.html')
    const atLoad = await v.page.evaluate(
      () => (window as unknown as { __probe: { atLoad: unknown } }).__probe.atLoad,
    )
    expect(atLoad).toEqual({ drawn: false, settings: false })
    await v.page.locator('chatcart-widget .o').waitFor()
    await v.context.close()
  })

  it('should never block clicks on the page beneath a closed widget', async () => {
    const v = await visit('widget-plain.html')
    await v.page.click('#page-button', { timeout: 2000 })
    const hit = await v.page.evaluate(() => {
      const el = document.elementFromPoint(window.innerWidth - 100, window.innerHeight - 40)
      return el?.tagName
    })
    expect(hit).not.toBe('CHATCART-WIDGET')
    await v.context.close()
  })

  it('should open as a dialog, move focus in, and close on Escape with focus back on the button', async () => {
    const v = await visit('widget-plain.html')
    await v.page.locator('chatcart-widget .o').click()
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor()
    expect(await v.page.locator('chatcart-widget .o').getAttribute('aria-expanded')).toBe('true')
    expect(await dialog.getAttribute('aria-labelledby')).toBe('cc-t')
    expect(await dialog.locator('#cc-t').textContent()).toBe('Acme Mugs')
    const focused = await v.page.evaluate(
      () => document.querySelector('chatcart-widget')?.shadowRoot?.activeElement?.tagName,
    )
    expect(focused).toBe('BUTTON')
    await v.page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    const back = await v.page.evaluate(
      () => document.querySelector('chatcart-widget')?.shadowRoot?.activeElement?.className,
    )
    expect(back).toBe('o')
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should open from a #chatcart link and send the page message through WhatsApp Web', async () => {
    const v = await visit('widget-plain.html', { message: 'Hi! About {product} & {title}' })
    await v.page.click('a[href="#chatcart"]')
    const web = v.page.locator('chatcart-widget a.pr')
    await web.waitFor()
    const popup = v.context.waitForEvent('page')
    await web.click()
    await (await popup).waitForLoadState()
    expect(v.whatsapp).toHaveLength(1)
    const url = new URL(v.whatsapp[0] ?? '')
    expect(url.origin + url.pathname).toBe('https://web.whatsapp.com/send')
    expect(url.searchParams.get('phone')).toBe('33612345678')
    expect(url.searchParams.get('text')).toBe('Hi! About Blue mug & Plain host page')
    // The page's own listener, registered through the queue stub before the script arrived.
    await expect.poll(() => v.page.title()).toBe('channel:whatsapp')
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should keep its look on a page whose CSS targets everything with !important', async () => {
    const v = await visit('widget-hostile.html')
    await expectQuietLoad(v)
    const button = v.page.locator('chatcart-widget .o')
    expect(await button.boundingBox()).toMatchObject({ width: 56, height: 56, x: 1204, y: 724 })
    const style = await button.evaluate((el) => {
      const s = getComputedStyle(el)
      return { background: s.backgroundColor, opacity: s.opacity, transform: s.transform }
    })
    expect(style).toEqual({ background: 'rgb(37, 211, 102)', opacity: '1', transform: 'none' })
    await button.click()
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor()
    const panel = await dialog.evaluate((el) => {
      const s = getComputedStyle(el)
      return { background: s.backgroundColor, font: s.fontSize, position: s.position }
    })
    expect(panel).toEqual({ background: 'rgb(255, 255, 255)', font: '15px', position: 'absolute' })
    // <html lang="fr">: the bubble speaks French.
    expect(await dialog.locator('.g').textContent()).toBe(
      'Bonjour ! Comment pouvons-nous vous aider ?',
    )
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should work under a strict CSP without unsafe-inline or unsafe-eval', async () => {
    const v = await visit('widget-csp.html')
    await expectQuietLoad(v)
    const button = v.page.locator('chatcart-widget .o')
    // data-position="left" and data-color from the script tag.
    expect(await button.boundingBox()).toMatchObject({ x: 20, y: 724, width: 56 })
    expect(await button.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(0, 85, 170)',
    )
    await button.click()
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor()
    expect(await dialog.evaluate((el) => getComputedStyle(el).position)).toBe('absolute')
    expect(await dialog.locator('.g').textContent()).toBe('Hallo! Wie können wir helfen?')
    const violations = await v.page.evaluate(
      () => (window as unknown as { __probe: { violations: string[] } }).__probe.violations,
    )
    expect(violations).toEqual([])
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should show one widget when the script is loaded twice', async () => {
    const v = await visit('widget-twice.html')
    expect(await v.page.locator('chatcart-widget').count()).toBe(1)
    expect(new Set(widgetRequests(v)).size).toBeLessThanOrEqual(2)
    expect(widgetRequests(v).filter((url) => url.includes('/api/widget/'))).toHaveLength(1)
    const probe = await v.page.evaluate(() => typeof window.Chatcart)
    expect(probe).toBe('function')
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should work with data-phone and no shop, in Arabic, right to left', async () => {
    const v = await visit('widget-phone.html')
    expect(widgetRequests(v)).toEqual([`${apiOrigin}/widget.js`])
    await v.page.locator('chatcart-widget .o').click()
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor()
    expect(await dialog.getAttribute('dir')).toBe('rtl')
    const app = dialog.locator('a.ch:not(.pr)')
    expect(await app.getAttribute('href')).toBe(
      'https://wa.me/33612345678?text=Hello%20%26%20welcome%20%231%20%2B%20%F0%9F%98%80',
    )
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should add to the mini cart from page buttons and check out through WhatsApp', async () => {
    const v = await visit('widget-shop.html')
    await expectQuietLoad(v)
    await v.page.click('[data-chatcart-add="MUG"]')
    const cart = v.page.locator('chatcart-widget form.cart')
    await cart.waitFor()
    await v.page.click('[data-chatcart-add="TEE-L"]')
    await expect.poll(() => cart.locator('li').count()).toBe(2)
    await v.page.click('[data-chatcart-add="TEE-M"]')
    await expect
      .poll(() => v.page.locator('chatcart-widget .n').textContent())
      .toBe('This product is not available')
    expect(await cart.locator('.tt b').textContent()).toBe('€52.00')
    await cart.locator('input[name="name"]').fill('Jane Doe')
    const popup = v.context.waitForEvent('page')
    await cart.locator('button[type="submit"]').click()
    await (await popup).waitForLoadState()
    await expect.poll(() => v.whatsapp.length).toBe(1)
    const url = new URL(v.whatsapp[0] ?? '')
    expect(url.origin + url.pathname).toBe('https://wa.me/33612345678')
    const text = url.searchParams.get('text') ?? ''
    expect(text).toContain('Acme Mugs')
    expect(text).toContain('1 × Mug — €12.00')
    expect(text).toContain('2 × T-shirt')
    expect(text).toContain('€52.00')
    expect(text).toContain('Jane Doe')
    // Nothing but the API and the captured WhatsApp link was contacted.
    const others = v.requests.filter(
      (u) =>
        !u.startsWith(hostOrigin) && !u.startsWith(apiOrigin) && !u.startsWith('https://wa.me/'),
    )
    expect(others.filter((u) => u !== 'about:blank')).toEqual([])
    expect(await v.context.cookies()).toEqual([])
    // The order was created through the API from the host page's origin: its code is in the text.
    const order = await testDb.db
      .selectFrom('orders')
      .select(['code', 'source', 'total'])
      .where('customer_name', '=', 'Jane Doe')
      .executeTakeFirstOrThrow()
    expect(order).toMatchObject({ source: 'widget', total: 5200 })
    expect(text).toContain(`#${order.code}`)
    const events = await testDb.db
      .selectFrom('analytics_events')
      .select(['type', 'channel'])
      .orderBy('created_at')
      .execute()
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['open', 'add', 'checkout']))
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should still end on WhatsApp, with the message composed in the page, when the API fails at checkout', async () => {
    const v = await visit('widget-shop.html')
    await v.context.route(`${apiOrigin}/api/shops/*/orders`, (route) =>
      route.fulfill({ status: 503, body: 'down' }),
    )
    await v.page.click('[data-chatcart-add="MUG"]')
    const cart = v.page.locator('chatcart-widget form.cart')
    await cart.waitFor()
    // The offline message's chunk is fetched as the form shows, before anything fails.
    await expect.poll(() => v.requests.some((u) => u.includes('/offline-order-'))).toBe(true)
    await cart.locator('input[name="name"]').fill('Sam Offline')
    const popup = v.context.waitForEvent('page')
    await cart.locator('button[type="submit"]').click()
    await (await popup).waitForLoadState()
    await expect.poll(() => v.whatsapp.length).toBe(1)
    const text = new URL(v.whatsapp[0] ?? '').searchParams.get('text') ?? ''
    expect(text).toContain('1 × Mug — €12.00')
    expect(text).toContain('Sam Offline')
    expect(text).not.toContain('#')
    expect(await cart.count()).toBe(0)
    await v.context.close()
  })

  it('should not show on a page that a rule hides', async () => {
    const v = await visit('widget-plain.html', {
      rules: [{ pattern: '/widget-plain.html', hide: true }],
    })
    await expect.poll(() => v.page.locator('chatcart-widget').count()).toBe(0)
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should open after N seconds and write nothing to the device until the visitor interacts', async () => {
    const v = await visit('widget-plain.html', { triggers: { afterSeconds: 1, onceADay: true } })
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor({ timeout: 5000 })
    const stored = () =>
      v.page.evaluate(() => ({
        local: localStorage.length,
        session: sessionStorage.length,
        cookie: document.cookie,
      }))
    expect(await stored()).toEqual({ local: 0, session: 0, cookie: '' })
    expect(await v.context.cookies()).toEqual([])
    // The visitor closes the bubble: now the day is kept, so it opens itself once a day only.
    await v.page.locator('chatcart-widget [role="dialog"] button').first().click()
    const marker = await v.page.evaluate(() => localStorage.getItem('chatcart:auto'))
    expect(marker).toBe(await v.page.evaluate(() => new Date().toDateString()))
    await v.page.reload()
    await v.page.waitForTimeout(1800)
    expect(await dialog.count()).toBe(0)
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should ask for consent before WhatsApp opens', async () => {
    const v = await visit('widget-plain.html', {
      consent: { enabled: true, text: 'I accept the privacy policy', url: 'https://example.org/p' },
    })
    await v.page.locator('chatcart-widget .o').click()
    await v.page.locator('chatcart-widget a.pr').click()
    const consent = v.page.locator('chatcart-widget .cs p')
    expect(await consent.textContent()).toBe('I accept the privacy policy')
    expect(v.whatsapp).toEqual([])
    const popup = v.context.waitForEvent('page')
    await v.page.locator('chatcart-widget .cs button.pr').click()
    await (await popup).waitForLoadState()
    expect(v.whatsapp).toHaveLength(1)
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should show teams online or offline, and fetch the QR code only when asked', async () => {
    const v = await visit('widget-plain.html', {
      teams: [
        { name: 'Ana', role: 'Sales', channel: 'telegram', value: 'ana_shop', hours: null },
        { name: 'Bo', role: '', channel: 'whatsapp', value: '34612345678', hours: {} },
      ],
    })
    await v.page.locator('chatcart-widget .o').click()
    const agents = v.page.locator('chatcart-widget a.ag')
    await expect.poll(() => agents.count()).toBe(2)
    expect(await agents.nth(0).getAttribute('href')).toBe('https://t.me/ana_shop')
    expect(await agents.nth(0).locator('.on').textContent()).toBe('Online')
    expect(await agents.nth(1).locator('.off').textContent()).toBe('Offline, leave a message')
    expect(v.requests.some((url) => url.includes('qr-matrix'))).toBe(false)
    await v.page.locator('chatcart-widget .wa button').click()
    await v.page.locator('chatcart-widget svg.qr path').waitFor()
    expect(v.requests.some((url) => url.includes('qr-matrix'))).toBe(true)
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should fetch the bubble when the browser is idle, if the owner asks', async () => {
    const v = await visit('widget-plain.html', { idleLoad: true })
    await expect.poll(() => v.requests.some((url) => url.includes('/widget/bubble-'))).toBe(true)
    expect(await v.page.locator('chatcart-widget [role="dialog"]').count()).toBe(0)
    expect(v.errors).toEqual([])
    await v.context.close()
  })

  it('should follow a forced dark theme', async () => {
    const v = await visit('widget-plain.html', { theme: 'dark' })
    await v.page.locator('chatcart-widget .o').click()
    const dialog = v.page.locator('chatcart-widget [role="dialog"]')
    await dialog.waitFor()
    expect(await dialog.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(28, 33, 40)',
    )
    await v.context.close()
  })

  it.each([
    ['widget-plain.html', 'light', 360],
    ['widget-plain.html', 'dark', 1280],
    ['widget-shopar.html', 'dark', 360],
    ['widget-shopar.html', 'light', 1280],
  ])(
    "should keep each team card's name, role and status inside it, readable (%s, %s, %i px)",
    async (fixture, theme, width) => {
      const long = 'Maria-Antonietta Fernández de la Cruz y Villanueva'
      const v = await visit(
        fixture,
        {
          theme,
          teams: [1, 2, 3, 4].map((n) => ({
            name: `${long} ${n}`,
            role: 'Responsable du service après-vente et des retours internationaux',
            channel: 'whatsapp',
            value: '34612345678',
            hours: n % 2 ? null : {},
          })),
        },
        { width, height: 740 },
      )
      await v.page.locator('chatcart-widget .o').click()
      const cards = v.page.locator('chatcart-widget a.ag')
      await expect.poll(() => cards.count()).toBe(4)
      await shoot(v, `teams-${fixture.replace('.html', '')}-${theme}-${width}`)
      // axe reads the open shadow root too: the header's text on the colour, the cards' text.
      expect(await seriousViolations(v.page)).toEqual([])
      const boxes = await cards.evaluateAll((els) =>
        els.map((card) => {
          const rect = (el: Element) => {
            const r = el.getBoundingClientRect()
            return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }
          }
          return { card: rect(card), texts: [...card.querySelectorAll('b, small')].map(rect) }
        }),
      )
      for (const [i, { card, texts }] of boxes.entries()) {
        expect(texts).toHaveLength(3)
        for (const text of texts) {
          expect(text.left).toBeGreaterThanOrEqual(card.left)
          expect(text.right).toBeLessThanOrEqual(card.right)
          expect(text.top).toBeGreaterThanOrEqual(card.top)
          expect(text.bottom).toBeLessThanOrEqual(card.bottom)
        }
        for (const [a, b] of [
          [texts[0], texts[1]],
          [texts[1], texts[2]],
        ]) {
          expect(a && b && a.bottom <= b.top).toBe(true)
        }
        const next = boxes[i + 1]
        if (next) expect(card.bottom).toBeLessThanOrEqual(next.card.top)
      }
      expect(v.errors).toEqual([])
      await v.context.close()
    },
  )

  describe('mini cart with shipping', () => {
    let postId = ''

    beforeAll(async () => {
      const shop = await testDb.db
        .selectFrom('shops')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
      const rows = await testDb.db
        .insertInto('shipping_methods')
        .values([
          { shop_id: shop.id, name: 'Pick-up in store', price: 0, position: 0 },
          {
            shop_id: shop.id,
            name: 'Colissimo',
            price: 490,
            free_over: 10000,
            requires_address: true,
            position: 1,
          },
        ])
        .returning(['id', 'name'])
        .execute()
      postId = rows.find((row) => row.name === 'Colissimo')?.id ?? ''
    })

    afterAll(async () => {
      await testDb.db.deleteFrom('shipping_methods').execute()
    })

    it("should offer the shop's shipping methods, ask for the address and send both with the order", async () => {
      const v = await visit('widget-shop.html', {}, { width: 360, height: 740 })
      await v.page.click('[data-chatcart-add="MUG"]')
      const cart = v.page.locator('chatcart-widget form.cart')
      await cart.waitFor()
      const methods = cart.locator('fieldset label')
      await expect.poll(() => methods.count()).toBe(2)
      expect(await methods.allTextContents()).toEqual(['Pick-up in storeFree', 'Colissimo€4.90'])
      // The first method is chosen, as at the storefront's checkout; it needs no address.
      expect(await cart.locator('textarea[name="address"]').count()).toBe(0)
      await methods.nth(1).click()
      const address = cart.locator('textarea[name="address"]')
      await address.waitFor()
      expect(await cart.locator('.tt').textContent()).toBe('Subtotal€12.00Shipping€4.90Total€16.90')
      await cart.locator('input[name="name"]').fill('Ship Tester')
      await address.fill('1 rue de Rivoli, 75001 Paris')
      await shoot(v, 'cart-shipping-light-360')
      const popup = v.context.waitForEvent('page')
      await cart.locator('button[type="submit"]').click()
      await (await popup).waitForLoadState()
      await expect.poll(() => v.whatsapp.length).toBe(1)
      const order = await testDb.db
        .selectFrom('orders')
        .select([
          'code',
          'source',
          'subtotal',
          'shipping_total',
          'total',
          'shipping_method_id',
          'customer_address',
        ])
        .where('customer_name', '=', 'Ship Tester')
        .executeTakeFirstOrThrow()
      expect(order).toMatchObject({
        source: 'widget',
        subtotal: 1200,
        shipping_total: 490,
        total: 1690,
        shipping_method_id: postId,
        customer_address: '1 rue de Rivoli, 75001 Paris',
      })
      const text = new URL(v.whatsapp[0] ?? '').searchParams.get('text') ?? ''
      expect(text).toContain('Colissimo')
      expect(text).toContain('1 rue de Rivoli, 75001 Paris')
      expect(text).toContain(`#${order.code}`)
      expect(v.errors).toEqual([])
      await v.context.close()
    })

    it('should show the cart count on the closed button on the next page, before the bubble loads', async () => {
      const v = await visit('widget-shop.html')
      await v.page.click('[data-chatcart-add="TEE-L"]')
      await v.page.locator('chatcart-widget form.cart').waitFor()
      const badge = v.page.locator('chatcart-widget .o b')
      await expect.poll(() => badge.textContent()).toBe('2')
      await v.page.click('[data-chatcart-add="MUG"]')
      await expect.poll(() => badge.textContent()).toBe('3')
      const requests: string[] = []
      v.page.on('request', (request) => requests.push(request.url()))
      await v.page.reload()
      // The loader reads the stored cart at once; nothing else is needed to draw the count.
      await v.page.locator('chatcart-widget .o').waitFor()
      expect(await badge.textContent()).toBe('3')
      expect(await badge.isVisible()).toBe(true)
      expect(requests.filter((url) => url.includes('/widget/bubble-'))).toEqual([])
      await shoot(v, 'badge-1280')
      expect(v.errors).toEqual([])
      await v.context.close()
    })

    it.each([
      ['widget-shop.html', 'light', 1280, 'en'],
      ['widget-shopar.html', 'dark', 360, 'ar'],
      ['widget-shopar.html', 'light', 1280, 'ar'],
      ['widget-shop.html', 'dark', 360, 'en'],
    ])(
      'should lay the cart out inside the panel (%s, %s, %i px)',
      async (fixture, theme, width, lang) => {
        const v = await visit(fixture, { theme }, { width, height: 800 })
        await v.page.click('[data-chatcart-add="TEE-L"]')
        const cart = v.page.locator('chatcart-widget form.cart')
        await cart.waitFor()
        await expect.poll(() => cart.locator('fieldset label').count()).toBe(2)
        await cart.locator('fieldset label').nth(1).click()
        await cart.locator('textarea').waitFor()
        const overflow = await cart.evaluate(
          (form) =>
            [...form.querySelectorAll('label, li, dt, dd, legend')].filter((el) => {
              const r = el.getBoundingClientRect()
              const f = form.getBoundingClientRect()
              return r.left < f.left - 0.5 || r.right > f.right + 0.5
            }).length,
        )
        expect(overflow).toBe(0)
        // A refused add shows a notice, readable in both themes (the page API: the open panel
        // covers the page's button on a phone).
        await v.page.evaluate(() => window.Chatcart?.('add', { sku: 'TEE-M' }))
        await v.page.locator('chatcart-widget .n').waitFor()
        expect(await seriousViolations(v.page)).toEqual([])
        await cart.evaluate((form) => form.scrollIntoView({ block: 'end' }))
        await shoot(v, `cart-${lang}-${theme}-${width}`)
        expect(v.errors).toEqual([])
        await v.context.close()
      },
    )
  })
})
