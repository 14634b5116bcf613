import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient } from '../api/testing/test-client.ts'
import { insertFixtureProducts, shopIdOf } from '../db/testing/catalog-fixture.ts'
import { launchBrowser } from './browser.ts'
import { startTestServer, type TestServer } from './harness.ts'

// Checkout's rules on a 360 px phone, against the real API: a discount code, a time slot, and a
// code whose minimum the cart does not reach, in a French shop.

let server: TestServer
let browser: Browser | null = null
let slug = ''
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '12:00']]]),
)

beforeAll(async () => {
  server = await startTestServer()
  const client = new TestClient(server.app)
  slug = await client.signupWithShop('fournil', {
    locale: 'fr',
    name: 'Le Fournil',
    timezone: 'Europe/Paris',
  })
  await insertFixtureProducts(server.testDb.db, await shopIdOf(server.testDb.db, slug), [
    { sku: 'PAIN', name: 'Pain de campagne', price: 600, stock: 40 },
  ])
  const method = await client.post(`/api/shops/${slug}/shipping-methods`, {
    name: 'Retrait au fournil',
    price: 0,
    slots: { weekly: EVERY_DAY, durationMinutes: 60, leadMinutes: 60, capacity: 4 },
  })
  if (method.status !== 201) throw new Error(method.text)
  for (const discount of [
    { code: 'BIENVENUE', percentOff: 20, minSubtotal: 1000 },
    { code: 'GRANDE', amountOff: 500, minSubtotal: 5000 },
  ]) {
    const res = await client.post(`/api/shops/${slug}/discounts`, discount)
    if (res.status !== 201) throw new Error(res.text)
  }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

async function checkoutOnPhone() {
  if (!browser) throw new Error('no browser')
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
  })
  const whatsapp: string[] = []
  await context.route('https://wa.me/**', (route) => {
    whatsapp.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'text/html', body: 'ok' })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(8000)
  await page.goto(`${server.origin}/${slug}`)
  const add = page.getByRole('button', { name: /Pain de campagne/ })
  await add.click()
  await add.click()
  await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('2')
  await page.locator('.cart-fab').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByRole('button', { name: 'Commander' }).click()
  await dialog.getByLabel('Code de réduction').waitFor()
  return { context, page, dialog, whatsapp }
}

describe('checkout rules in Chromium at 360 px', () => {
  it('should apply a code, show the saving, book a slot and send both to WhatsApp', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page, dialog, whatsapp } = await checkoutOnPhone()
    await dialog.getByLabel('Code de réduction').fill('bienvenue')
    await dialog.getByRole('button', { name: 'Appliquer' }).click()
    await expect
      .poll(() => dialog.locator('[data-saving]').textContent())
      .toBe('Vous économisez 2,40\u00a0€')
    await expect.poll(() => dialog.locator('[data-total]').textContent()).toBe('9,60\u00a0€')

    const slot = dialog.locator('input[name=cc-slot]:not([disabled])').first()
    await slot.waitFor()
    // The storefront keeps the times together with word joiners; the message has none.
    const slotText = ((await slot.locator('xpath=..').locator('.choice-name').textContent()) ?? '')
      .replaceAll('\u2060', '')
      .trim()
    await slot.check()
    await dialog.getByLabel('Votre nom').fill('Chloé')
    // With CHECKOUT_SCREENSHOTS=<folder>, keeps a PNG of the form to look at.
    const folder = process.env.CHECKOUT_SCREENSHOTS
    if (folder) await page.screenshot({ path: `${folder}/checkout-rules-360.png`, fullPage: true })
    await dialog.getByRole('button', { name: /Envoyer la commande/ }).click()
    await expect.poll(() => whatsapp.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const text = new URL(whatsapp[0] ?? '').searchParams.get('text') ?? ''
    expect(text).toContain('Remise (BIENVENUE)\u00a0: -2,40\u00a0€')
    expect(text).toContain('Total\u00a0: 9,60\u00a0€')
    expect(text).toContain(`Créneau\u00a0: ${slotText}`)
    expect(slotText).toMatch(/^\S+ \d{1,2} \S+, (09|10|11):00–(10|11|12):00$/)
    await context.close()
  })

  it('should say in French how much a code below its minimum lacks', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, dialog } = await checkoutOnPhone()
    await dialog.getByLabel('Code de réduction').fill('GRANDE')
    await dialog.getByRole('button', { name: 'Appliquer' }).click()
    // 2 × 6,00 € in the cart: the code needs 50,00 €, so 38,00 € more.
    await expect
      .poll(() => dialog.locator('#cc-code-error').textContent())
      .toBe('Ce code demande encore 38,00\u00a0€ dans le panier')
    expect(await dialog.locator('[data-saving]').count()).toBe(0)
    await context.close()
  })

  it('should keep the cart and say so in French when the checkout form cannot be fetched', async (ctx) => {
    if (!browser) return ctx.skip()
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } })
    let blocked = true
    await context.route(/CheckoutPanel-[^/]*\.js$/, (route) =>
      blocked ? route.abort('internetdisconnected') : route.continue(),
    )
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${server.origin}/${slug}`)
    await page.getByRole('button', { name: /Pain de campagne/ }).click()
    await page.locator('.cart-fab').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Commander' }).click()
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Une erreur est survenue')
    expect(await page.locator('[data-cart-count]').textContent()).toBe('1')
    blocked = false
    await dialog.getByRole('alert').getByRole('button').click()
    await dialog.getByLabel('Code de réduction').waitFor()
    await context.close()
  })
})
