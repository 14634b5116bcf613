import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signWebhookBody } from '../api/whatsapp/signature.ts'
import {
  APP_SECRET,
  PHONE_NUMBER_ID,
  readFixture,
  webhookConfig,
} from '../api/whatsapp/webhook-test-kit.ts'
import { launchBrowser } from './browser.ts'
import { seriousViolations, startTestServer, type TestServer } from './harness.ts'

const _ROOT = resolve(import.meta.dirname, '..')
/** Screenshots land here, outside the repository. */
const SHOTS = join(tmpdir(), 'chatcart-admin-inbox-shots')
const SLUG = 'inbox-shop'
const FIXTURE_TEXT = 'Hello! I would like to order:\\n2 x Blue T-shirt (M)\\nOrder #A7K2Q9'

let server: TestServer
let origin = ''
let browser: Browser | null = null

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await startTestServer({ ...webhookConfig() })
  origin = server.origin
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A merchant with a shop linked to the fixtures' WhatsApp number, signed in in `context`. */
async function merchantWithShop(context: BrowserContext): Promise<void> {
  const api = context.request
  const signup = await api.post(`${origin}/api/auth/signup`, {
    data: { email: 'inbox@example.com', password: 'a long enough password' },
  })
  expect(signup.status()).toBe(201)
  const shop = await api.post(`${origin}/api/shops`, {
    data: {
      slug: SLUG,
      name: 'Inbox Shop',
      whatsappPhone: '+1 555 078 3881',
      currency: 'EUR',
      locale: 'en',
      whatsappPhoneNumberId: PHONE_NUMBER_ID,
    },
  })
  expect(shop.status()).toBe(201)
  const product = await api.post(`${origin}/api/shops/${SLUG}/products`, {
    data: { sku: 'MUG-01', name: 'Mug', price: 1200, stock: 5 },
  })
  expect(product.status()).toBe(201)
}

describe('WhatsApp inbox in the admin, in Chromium', () => {
  it('should link a signed webhook message to its order by hand and show the order confirmed', async (ctx) => {
    if (!browser) return ctx.skip()
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'en-GB',
    })
    await context.route('https://wa.me/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>wa</title>ok' }),
    )
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text())
    })
    const axe: Record<string, string[]> = {}
    const shot = async (name: string) => {
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
      axe[name] = await seriousViolations(page)
    }

    await merchantWithShop(context)
    // A shopper's order, placed without a phone so nothing but its code could match it.
    const placed = await context.request.post(`${origin}/api/shops/${SLUG}/orders`, {
      data: { items: [{ sku: 'MUG-01', quantity: 1 }], customer: { name: 'Ana' } },
    })
    expect(placed.status()).toBe(201)
    const { code } = (await placed.json()) as { code: string }

    // Before anything arrives, the settings screen says how to connect the number.
    await page.goto(`${origin}/admin/${SLUG}/settings`)
    await page.getByText('Nothing has arrived for this number yet.').waitFor()
    expect(await page.getByLabel('Callback URL').inputValue()).toBe(`${origin}/webhooks/whatsapp`)
    await shot('settings-nothing-yet')

    // The customer writes without the code: a signed delivery lands in the inbox.
    const body = readFixture('text')
      .replace(FIXTURE_TEXT, 'Hi, it is Ana: I just ordered a mug')
      .replace('"1767004800"', `"${Math.floor(Date.now() / 1000) - 120}"`)
    expect(body).toContain('I just ordered a mug')
    const unsigned = await fetch(`${origin}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    expect(unsigned.status).toBe(401)
    const delivered = await fetch(`${origin}/webhooks/whatsapp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signWebhookBody(body, APP_SECRET),
      },
      body,
    })
    expect(delivered.status).toBe(200)
    await expect
      .poll(async () => {
        const res = await context.request.get(`${origin}/api/shops/${SLUG}/inbox`)
        return ((await res.json()) as { messages: unknown[] }).messages.length
      })
      .toBe(1)

    // The navigation counts it; the inbox shows who wrote, when and what.
    await page.goto(`${origin}/admin/${SLUG}`)
    await page.getByRole('button', { name: 'Menu' }).click()
    const inboxLink = page.getByRole('link', { name: 'WhatsApp inbox (1 waiting)' })
    await inboxLink.click()
    await page.getByRole('heading', { name: 'Ana Souza · +55 11 98765 4321' }).waitFor()
    await page.getByText('Hi, it is Ana: I just ordered a mug').waitFor()
    await page.getByText('2 minutes ago').waitFor()
    await shot('inbox')

    // A code that cannot be one is refused beside the field; the right one links the message.
    await page.getByRole('button', { name: 'Link to an order' }).click()
    const field = page.getByLabel('Order code')
    await field.fill('nope')
    await page.getByRole('button', { name: 'Link', exact: true }).click()
    await page.getByText('An order code has 6 letters and digits, e.g. K7Q2M9').waitFor()
    await shot('inbox-link-error')
    await field.fill(`#${code.toLowerCase()}`)
    await page.getByRole('button', { name: 'Link', exact: true }).click()
    await page.getByText(`Message linked to order #${code}.`).waitFor()
    await page.getByText('No message waiting').waitFor()
    await shot('inbox-linked')

    // The order is confirmed, and its timeline shows the customer's message.
    await page.getByRole('link', { name: `Open order #${code}` }).click()
    await page.getByRole('heading', { name: new RegExp(`Order #${code}`) }).waitFor()
    await page.locator('.badge.confirmed').first().waitFor()
    await page.getByText('Hi, it is Ana: I just ordered a mug').waitFor()
    await shot('order-confirmed')

    // The diagnostic now shows the last event and its age.
    await page.goto(`${origin}/admin/${SLUG}/settings`)
    await expect
      .poll(() => page.getByTestId('wa-last').textContent())
      .toMatch(/^message:text, (now|\d+ seconds? ago)/)
    await shot('settings-last-event')

    await page.setViewportSize({ width: 1280, height: 860 })
    for (const path of ['inbox', 'settings']) {
      await page.goto(`${origin}/admin/${SLUG}/${path}`)
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      await shot(`desktop-${path}`)
    }

    expect(axe).toEqual(Object.fromEntries(Object.keys(axe).map((k) => [k, []])))
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
