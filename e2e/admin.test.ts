import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { seriousViolations, startTestServer, type TestServer } from './harness.ts'

const _ROOT = resolve(import.meta.dirname, '..')
/** Screenshots land here, outside the repository. */
const SHOTS = join(tmpdir(), 'chatcart-admin-shots')

let server: TestServer
let origin = ''
let browser: Browser | null = null

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await startTestServer()
  origin = server.origin
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function newPhoneContext(): Promise<{
  context: BrowserContext
  page: Page
  errors: string[]
}> {
  if (!browser) throw new Error('no browser')
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'en-GB',
  })
  // Links to wa.me are answered locally: the journey never leaves this machine.
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
  page.on('dialog', (d) => d.accept())
  return { context, page, errors }
}

async function pngFile(colour: string) {
  return sharp({ create: { width: 640, height: 640, channels: 3, background: colour } })
    .png()
    .toBuffer()
}

describe('merchant admin in Chromium', () => {
  it('should take a new merchant from sign-up to a paid order counted on the dashboard', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page, errors } = await newPhoneContext()
    const axe: Record<string, string[]> = {}
    const shot = async (name: string) => {
      await page.screenshot({ path: join(SHOTS, `phone-${name}.png`), fullPage: true })
      axe[name] = await seriousViolations(page)
    }

    // Sign up.
    await page.goto(`${origin}/admin`)
    await page.waitForURL(/\/admin\/login$/)
    await shot('login')
    await page.getByRole('link', { name: 'Sign up' }).click()
    await page.getByLabel('E-mail').fill('olive@example.com')
    await page.getByLabel('Password').fill('a long enough password')
    await page.getByRole('button', { name: 'Create account' }).click()

    // Wizard: name → address → WhatsApp → currency and language → logo → share panel.
    await page.waitForURL(/\/admin\/new$/)
    await page.getByLabel('Shop name').fill('Olive & Co')
    await shot('wizard-name')
    await page.getByRole('button', { name: 'Next' }).click()
    await expect.poll(() => page.getByLabel('Shop address').inputValue()).toBe('olive-co')
    await page.getByText('✓ available').waitFor()
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('Country').selectOption('FR')
    await page.getByLabel('WhatsApp number').fill('06 12 34 56 78')
    const test = page.getByRole('link', { name: 'Send me a test message' })
    expect(await test.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/33612345678\?text=/)
    await shot('wizard-phone')
    await page.getByRole('button', { name: 'Next' }).click()
    expect(await page.getByLabel('Shop language').inputValue()).toBe('en')
    await page.getByLabel('Currency').selectOption('EUR')
    await shot('wizard-money')
    await page.getByRole('button', { name: 'Create my shop' }).click()
    await page.getByRole('heading', { name: 'Add your logo' }).waitFor()
    await page
      .getByLabel('Logo', { exact: true })
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await pngFile('#0b6e4f') })
    await page.getByRole('img', { name: 'Logo preview' }).waitFor()
    await page.getByRole('button', { name: 'Finish' }).click()
    await page.waitForURL(/\/admin\/olive-co\/share\?welcome=1$/)
    await page.getByText('Olive & Co is live!').waitFor()
    await page.getByRole('img', { name: /QR code for/ }).waitFor()
    await shot('share')

    // First product: pictures, options and variants.
    await page.getByRole('button', { name: 'Menu' }).click()
    await page.getByRole('link', { name: 'Products' }).click()
    await page.getByText('No products yet').waitFor()
    await page.getByRole('link', { name: 'Add product' }).first().click()
    await page.getByLabel('Product', { exact: true }).fill('Linen tee')
    await page.getByLabel('SKU', { exact: true }).fill('TEE')
    await page.getByLabel('Price', { exact: true }).fill('19,90')
    await page
      .getByLabel('Add pictures')
      .setInputFiles([{ name: 'tee.png', mimeType: 'image/png', buffer: await pngFile('#c2a878') }])
    await page.getByRole('img', { name: 'Picture 1' }).waitFor()
    await page.getByRole('button', { name: 'Add an option' }).click()
    await page.getByLabel('Option', { exact: true }).fill('Size')
    await page.getByLabel('Values, separated by commas').fill('S, M')
    await page.getByLabel('Stock of M').fill('4')
    await page.getByLabel('Stock of S').fill('6')
    expect(await page.getByLabel('SKU of S').inputValue()).toBe('TEE-S')
    await shot('product-editor')
    await page.getByRole('button', { name: 'Create product' }).click()
    await page.waitForURL(/\/admin\/olive-co\/products\/[0-9a-f-]{36}$/)

    // Second product: a plain one.
    await page.goto(`${origin}/admin/olive-co/products/new`)
    await page.getByLabel('Product', { exact: true }).fill('Olive oil')
    await page.getByLabel('SKU', { exact: true }).fill('OIL')
    await page.getByLabel('Price', { exact: true }).fill('12.50')
    await page.getByLabel('Stock', { exact: true }).fill('10')
    await page.getByRole('button', { name: 'Create product' }).click()
    await page.waitForURL(/\/admin\/olive-co\/products\/[0-9a-f-]{36}$/)
    await page.goto(`${origin}/admin/olive-co/products`)
    await page.getByRole('link', { name: 'Olive oil' }).waitFor()
    await page.getByRole('link', { name: 'Linen tee' }).waitFor()
    await shot('products')

    // The storefront shows both; the shopper orders the oil there.
    const shopper = await context.newPage()
    await shopper.goto(`${origin}/olive-co`)
    await shopper.getByText('Linen tee').first().waitFor()
    await shopper.getByText('Olive oil').first().waitFor()
    await shopper.getByRole('button', { name: 'Add to cart: Olive oil' }).click()
    await expect.poll(() => shopper.locator('[data-cart-count]').first().textContent()).toBe('1')
    await shopper.locator('[data-cart-count]').first().click()
    const dialog = shopper.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Check out' }).click()
    await dialog.getByLabel('Your name').fill('Ana Lima')
    await dialog.getByRole('button', { name: 'Send the order on WhatsApp' }).click()
    await shopper.waitForURL(/\/o\/[A-Za-z0-9_-]+$/)
    const code = ((await shopper.locator('h1').textContent()) ?? '').replace(/^Order #/, '')
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
    await shopper.close()

    // The merchant finds it, marks it paid, and the dashboard counts it.
    await page.goto(`${origin}/admin/olive-co/orders`)
    await page.getByLabel('Code, name or phone').fill('Ana')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByRole('link', { name: new RegExp(`#${code}`) }).click()
    await page.getByRole('heading', { name: new RegExp(`Order #${code}`) }).waitFor()
    expect(await page.getByRole('link', { name: 'Reply on WhatsApp' }).count()).toBe(0)
    await shot('order')
    // "Mark paid" leads to the payment card, which asks how the money came.
    await page.getByRole('button', { name: 'Mark paid' }).first().click()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pay-method')
    const payment = page.locator('form:has(#pay-method)')
    await payment.locator('#pay-method').selectOption('cash')
    await payment.getByRole('button', { name: 'Mark paid' }).click()
    await page.locator('.badge.paid').first().waitFor()
    await page.getByRole('button', { name: 'Mark shipped' }).waitFor()

    await page.getByRole('button', { name: 'Menu' }).click()
    await page.getByRole('link', { name: 'Dashboard' }).click()
    await expect.poll(() => page.getByTestId('paid-30').textContent()).toBe('1')
    expect(await page.getByTestId('orders-30').textContent()).toBe('1')
    await page.getByText('€12.50').first().waitFor()
    await shot('dashboard')

    // Desktop views of the same account.
    await page.setViewportSize({ width: 1280, height: 860 })
    for (const [name, path] of [
      ['dashboard', ''],
      ['orders', '/orders'],
      ['product-editor', '/products'],
      ['widget', '/widget'],
      ['import', '/import'],
      ['categories', '/categories'],
    ] as const) {
      await page.goto(`${origin}/admin/olive-co${path}`)
      if (name === 'product-editor') await page.getByRole('link', { name: 'Linen tee' }).click()
      await page.locator('main h1').first().waitFor()
      await page.waitForLoadState('networkidle')
      await page.screenshot({ path: join(SHOTS, `desktop-${name}.png`), fullPage: true })
      axe[`desktop-${name}`] = await seriousViolations(page)
    }

    expect(Object.values(axe).flat()).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
