import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { seriousViolations, signUpMerchant, startTestServer, type TestServer } from './harness.ts'

/** Screenshots land here, outside the repository. */
const SHOTS = join(tmpdir(), 'chatcart-order-replies-shots')
const SLUG = 'reply-shop'
const EMAIL = 'replies@example.com'
const PASSWORD = 'a long enough password'

let server: TestServer
let origin = ''
let browser: Browser | null = null

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await startTestServer()
  origin = server.origin
  browser = await launchBrowser()
  // The merchant and their shop, made through the API in a context of its own.
  const post = await signUpMerchant(origin, EMAIL, PASSWORD)
  const shop = await post('/api/shops', {
    slug: SLUG,
    name: 'Reply Shop',
    whatsappPhone: '+33 6 12 34 56 78',
    currency: 'EUR',
    locale: 'en',
  })
  expect(shop.status).toBe(201)
  const product = await post(`/api/shops/${SLUG}/products`, {
    sku: 'MUG-01',
    name: 'Mug',
    price: 1200,
    stock: 50,
  })
  expect(product.status).toBe(201)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function placeOrder(customer: object, locale = 'en') {
  const res = await fetch(`${origin}/api/shops/${SLUG}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: [{ sku: 'MUG-01', quantity: 2 }], customer, locale }),
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: string; code: string }
}

async function signedIn(
  options: { width: number; dark?: boolean } = { width: 360 },
): Promise<{ context: BrowserContext; page: Page; errors: string[]; opened: string[] }> {
  if (!browser) throw new Error('no browser')
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.width < 400 ? 740 : 900 },
    isMobile: options.width < 400,
    hasTouch: options.width < 400,
    deviceScaleFactor: options.width < 400 ? 2 : 1,
    locale: 'en-GB',
    colorScheme: options.dark ? 'dark' : 'light',
  })
  const opened: string[] = []
  await context.route('https://wa.me/**', (route) => {
    opened.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>wa</title>ok' })
  })
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text())
  })
  await page.goto(`${origin}/admin`)
  await page.waitForURL(/\/admin\/login$/)
  await page.getByLabel('E-mail').fill(EMAIL)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'))
  return { context, page, errors, opened }
}

describe('one-tap WhatsApp replies in the admin, in Chromium', () => {
  it('should open WhatsApp with the confirmation to the customer and record the tap', async (ctx) => {
    if (!browser) return ctx.skip()
    const order = await placeOrder({ name: 'Ana', phone: '+33 6 11 22 33 44' })
    const { context, page, errors, opened } = await signedIn({ width: 360 })
    await page.goto(`${origin}/admin/${SLUG}/orders/${order.code}`)
    await page.getByRole('heading', { name: 'Reply on WhatsApp' }).waitFor()
    await page.screenshot({ path: join(SHOTS, 'order-360.png'), fullPage: true })
    const axe = await seriousViolations(page)

    const popup = context.waitForEvent('page')
    await page.getByRole('button', { name: 'Confirm on WhatsApp' }).click()
    await (await popup).waitForLoadState()
    await expect.poll(() => opened.length).toBe(1)
    const url = new URL(opened[0] as string)
    expect(url.origin + url.pathname).toBe('https://wa.me/33611223344')
    expect(url.searchParams.get('text')).toContain(`#${order.code}`)
    expect(url.searchParams.get('text')).toContain('€24.00')

    // The timeline shows the tap at once, and still after a reload.
    await page.getByText('Confirmation sent from your phone').waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Reply on WhatsApp' }).waitFor()
    await page.getByText('Confirmation sent from your phone').waitFor()
    await page.screenshot({ path: join(SHOTS, 'order-tapped-360.png'), fullPage: true })
    expect(axe).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('should copy the text when no number is known, and show it copied', async (ctx) => {
    if (!browser) return ctx.skip()
    const order = await placeOrder({ name: 'Ana' })
    const { context, page, errors, opened } = await signedIn({ width: 360 })
    await page.goto(`${origin}/admin/${SLUG}/orders/${order.code}`)
    await page.getByRole('button', { name: 'Copy the confirmation' }).click()
    await page.getByRole('button', { name: '✓ Copied' }).waitFor()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain(`Your order #${order.code} is confirmed`)
    await page.getByText('Confirmation sent from your phone (copied)').waitFor()
    expect(opened).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  // Four sign-ins, pages and audits (360 and 1280 px, light and dark): 23 s alone on a
  // 2-core machine, more beside the rest of the suite.
  it('should look right in Arabic at 360 and 1280 px, light and dark, with the usage panel', async (ctx) => {
    if (!browser) return ctx.skip()
    const order = await placeOrder({ name: 'سلمى', phone: '+971 50 123 4567' }, 'ar')
    // Messages Chatcart sent this month, as Meta's statuses priced them.
    const shop = await server.testDb.db
      .selectFrom('shops')
      .select('id')
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow()
    await server.testDb.db
      .insertInto('outbound_messages')
      .values(
        [
          ['service', 'free_customer_service'],
          ['service', 'regular'],
          ['utility', 'regular'],
          [null, null],
        ].map(([category, type], i) => ({
          shop_id: shop.id,
          kind: 'confirmation',
          dedupe_key: `shot:${i}`,
          to_wa_id: '971501234567',
          payload: JSON.stringify({}),
          wa_message_id: `wamid.SHOT_${i}`,
          status: 'delivered',
          pricing_category: category,
          pricing_type: type,
        })),
      )
      .execute()
    for (const [width, dark] of [
      [360, false],
      [1280, false],
      [360, true],
      [1280, true],
    ] as const) {
      const { context, page, errors } = await signedIn({ width, dark })
      const name = `${width}${dark ? '-dark' : ''}`
      await page.goto(`${origin}/admin/${SLUG}/orders/${order.code}`)
      await page.getByRole('heading', { name: 'Reply on WhatsApp' }).waitFor()
      await page.getByText('Message', { exact: true }).click()
      await page.getByText(`تم تأكيد طلبك #${order.code}`).waitFor()
      await page.screenshot({ path: join(SHOTS, `order-ar-${name}.png`), fullPage: true })
      await page.goto(`${origin}/admin/${SLUG}/settings`)
      const usage = page.getByRole('heading', { name: 'Messages sent by Chatcart this month' })
      await usage.waitFor()
      await page
        .locator('section[aria-labelledby="usage-title"]')
        .screenshot({ path: join(SHOTS, `usage-${name}.png`) })
      expect(await seriousViolations(page)).toEqual([])
      expect(errors).toEqual([])
      await context.close()
    }
  }, 90_000)
})
