import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './browser.ts'
import { seriousViolations, signUpMerchant, startTestServer, type TestServer } from './harness.ts'

/** Screenshots land here, outside the repository. */
const SHOTS = join(tmpdir(), 'chatcart-admin-discounts-shots')
const SLUG = 'discount-shop'
const EMAIL = 'discounts@example.com'
const PASSWORD = 'a long enough password'

let server: TestServer
let origin = ''
let browser: Browser | null = null

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  server = await startTestServer()
  origin = server.origin
  browser = await launchBrowser()
  const post = await signUpMerchant(origin, EMAIL, PASSWORD)
  const shop = await post('/api/shops', {
    slug: SLUG,
    name: 'Discount Shop',
    whatsappPhone: '+33 6 12 34 56 78',
    currency: 'EUR',
    locale: 'fr',
  })
  expect(shop.status).toBe(201)
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('discount codes in the admin, in Chromium', () => {
  it('should create a code, list it with its uses and refuse the same code again on its field', async (ctx) => {
    if (!browser) return ctx.skip()
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-GB',
    })
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${origin}/admin`)
    await page.waitForURL(/\/admin\/login$/)
    await page.getByLabel('E-mail').fill(EMAIL)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL((url) => !url.pathname.endsWith('/login'))
    await page.goto(`${origin}/admin/${SLUG}/discounts`)
    await page.getByText('No discount codes yet').waitFor()

    const create = async (code: string) => {
      await page.getByRole('button', { name: 'New code' }).click()
      await page.getByLabel('Code', { exact: true }).fill(code)
      await page.getByLabel('Percentage (1–100)').fill('10')
      await page.getByLabel('Maximum uses (optional)').fill('3')
      await page.getByRole('button', { name: 'Save' }).click()
    }
    await create('welcome10')
    await expect
      .poll(() => page.locator('.list-cards .muted').first().textContent())
      .toBe('10 % off · 0 of 3 uses')
    expect(await page.locator('.list-cards .strong').first().textContent()).toBe('WELCOME10')
    await page.screenshot({ path: join(SHOTS, 'discounts-360.png'), fullPage: true })

    await create('WELCOME10')
    const code = page.getByLabel('Code', { exact: true })
    await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await code.getAttribute('aria-describedby')) ?? ''
    expect(describedBy).toContain('dc-code-error')
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})
