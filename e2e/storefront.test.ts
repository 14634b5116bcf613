import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, TestClient } from '../api/testing/test-client.ts'
import {
  insertFixtureProducts,
  insertFixtureShipping,
  shopIdOf,
} from '../db/testing/catalog-fixture.ts'
import type { TestDatabase } from '../db/testing/test-db.ts'
import { launchBrowser } from './browser.ts'
import { seriousViolations, startTestServer, type TestServer } from './harness.ts'

const _ROOT = resolve(import.meta.dirname, '..')
const IMG_TAG = '<img src=x onerror=alert(1)>'
const SCRIPT_BREAK = '</script><script>alert(1)</script>'

let testDb: TestDatabase
let server: TestServer
let origin = ''
let browser: Browser | null = null
let slug = ''

beforeAll(async () => {
  server = await startTestServer()
  testDb = server.testDb
  origin = server.origin
  const app = server.app
  const client = new TestClient(app)
  slug = await client.signupWithShop('demo-like', { description: 'Tees and mugs, made to order' })
  const shopId = await shopIdOf(testDb.db, slug)
  await insertFixtureProducts(testDb.db, shopId, [
    {
      sku: 'TEE',
      name: 'T-shirt',
      price: 1990,
      description: 'Organic cotton.',
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [
        { sku: 'TEE-S', options: { Size: 'S' }, stock: 5 },
        { sku: 'TEE-M', options: { Size: 'M' }, stock: 5, price: 2190 },
        { sku: 'TEE-L', options: { Size: 'L' }, stock: 0 },
      ],
    },
    { sku: 'MUG', name: 'Mug', price: 1200, stock: 20, compareAtPrice: 1500 },
    { sku: 'CAP', name: 'Cap', price: 900, stock: 0 },
    { sku: 'XSS1', name: IMG_TAG, price: 100, description: IMG_TAG },
    { sku: 'XSS2', name: SCRIPT_BREAK, price: 100, description: SCRIPT_BREAK },
  ])
  await insertFixtureShipping(testDb.db, shopId, {
    name: 'Courier',
    price: 500,
    freeOver: 10000,
    requiresAddress: true,
  })
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

/** A phone-sized page that records dialogs and every request to wa.me (answered locally). */
async function phonePage(options: { bypassCSP?: boolean } = {}) {
  if (!browser) throw new Error('no browser')
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    bypassCSP: options.bypassCSP ?? false,
  })
  const whatsapp: string[] = []
  const dialogs: string[] = []
  await context.route('https://wa.me/**', (route) => {
    whatsapp.push(route.request().url())
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>wa</title>ok' })
  })
  context.on('page', (p) => p.on('dialog', (d) => dialogs.push(d.message())))
  const page = await context.newPage()
  page.setDefaultTimeout(8000)
  page.on('dialog', async (d) => {
    dialogs.push(d.message())
    await d.dismiss()
  })
  return { context, page, whatsapp, dialogs }
}

/** Adds a mug from the grid and a T-shirt (M) from its page, then opens checkout. */
async function fillCartAndOpenCheckout(page: Page) {
  await page.goto(`${origin}/${slug}`)
  await page.getByRole('button', { name: 'Add to cart: Mug' }).click()
  await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1')
  await page.getByRole('link', { name: 'Choose options: T-shirt' }).click()
  await page.getByText('M', { exact: true }).click()
  await expect.poll(() => page.locator('.buy .price').first().textContent()).toBe('€21.90')
  await page.getByRole('button', { name: 'Add to cart' }).click()
  const dialog = page.getByRole('dialog')
  await expect.poll(() => dialog.isVisible()).toBe(true)
  await dialog.getByRole('button', { name: 'Check out' }).click()
  return dialog
}

describe('storefront in Chromium', () => {
  it('should check out two products and hand a priced order with its code to WhatsApp', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page, whatsapp, dialogs } = await phonePage()
    const dialog = await fillCartAndOpenCheckout(page)
    await dialog.getByLabel('Your name').fill('Jane Doe')
    await dialog.getByLabel('Delivery address').fill('1 rue de Rivoli, Paris')
    await expect.poll(() => dialog.locator('[data-total]').textContent()).toBe('€38.90')
    await dialog.getByRole('button', { name: 'Send the order on WhatsApp' }).click()

    await page.waitForURL(/\/o\/[A-Za-z0-9_-]+$/)
    await expect.poll(() => whatsapp.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const link = new URL(whatsapp[0] ?? '')
    expect(link.pathname).toBe('/33612345678')
    const text = decodeURIComponent(link.search.replace(/^\?text=/, ''))
    const code = ((await page.locator('h1').textContent()) ?? '').replace(/^Order #/, '')
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
    expect(text).toContain(`#${code}`)
    expect(text).toContain('1 × Mug — €12.00')
    expect(text).toContain('1 × T-shirt (M) — €21.90')
    expect(text).toContain('Total: €38.90')

    await page.reload()
    expect(await page.locator('[data-status-text]').textContent()).toBe('Waiting for your message')
    const again = await page.getByRole('link', { name: 'Open WhatsApp again' }).getAttribute('href')
    // Chromium escapes a few more characters (') in the URL it requests; the text is the same.
    expect(decodeURIComponent(new URL(again ?? '').search.replace(/^\?text=/, ''))).toBe(text)
    // The cart was emptied once the order was placed.
    expect(await page.evaluate((s) => localStorage.getItem(`chatcart:cart:${s}`), slug)).toBe('[]')
    expect(dialogs).toEqual([])
    await context.close()
  })

  it('should show the order as received once the merchant has it, without a reload', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page } = await phonePage()
    const placed = await new TestClient(createTestApp({ db: testDb.db })).post(
      `/api/shops/${slug}/orders`,
      { items: [{ sku: 'MUG', quantity: 1 }], customer: { name: 'Poll' } },
    )
    await page.goto(`${origin}/o/${placed.body.token}`)
    expect(await page.locator('[data-status-text]').textContent()).toBe('Waiting for your message')
    await testDb.db
      .updateTable('orders')
      .set({ status: 'confirmed', confirmed_at: new Date() })
      .where('token', '=', placed.body.token)
      .execute()
    await expect
      .poll(() => page.locator('[data-status-text]').textContent(), { timeout: 12_000 })
      .toBe('Received by the shop')
    await context.close()
  })

  it('should keep the cart across a reload and cap quantities at the stock', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page } = await phonePage()
    await page.goto(`${origin}/${slug}/p/tee`)
    await page.getByText('S', { exact: true }).click()
    await page.getByRole('spinbutton', { name: 'Quantity' }).fill('9')
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await page.reload()
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('5')
    await context.close()
  })

  it('should still open WhatsApp, without a code, when the order API fails', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page, whatsapp } = await phonePage()
    await page.route('**/api/shops/*/orders', (route) => route.fulfill({ status: 503, body: '' }))
    const dialog = await fillCartAndOpenCheckout(page)
    await dialog.getByLabel('Your name').fill('Sam')
    await dialog.getByLabel('Delivery address').fill('Somewhere 1')
    await dialog.getByRole('button', { name: 'Send the order on WhatsApp' }).click()
    await expect.poll(() => whatsapp.length, { timeout: 10_000 }).toBeGreaterThan(0)
    const text = decodeURIComponent(new URL(whatsapp[0] ?? '').search.replace(/^\?text=/, ''))
    expect(text).not.toContain('#')
    expect(text).toContain('Total: €38.90')
    expect(await dialog.getByRole('alert').textContent()).toContain('could not reach the shop')
    await context.close()
  })

  it('should show hostile product names as text and never run them', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page, dialogs } = await phonePage()
    await page.goto(`${origin}/${slug}`)
    expect(await page.getByRole('heading', { name: IMG_TAG, exact: true }).count()).toBe(1)
    expect(await page.getByRole('heading', { name: SCRIPT_BREAK, exact: true }).count()).toBe(1)
    for (const productSlug of ['xss1', 'xss2']) {
      await page.goto(`${origin}/${slug}/p/${productSlug}`)
      const name = productSlug === 'xss1' ? IMG_TAG : SCRIPT_BREAK
      expect(await page.locator('h1').textContent()).toBe(name)
      expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
        `${name} · Test Shop`,
      )
      const ld = await page.locator('script[type="application/ld+json"]').textContent()
      expect(JSON.parse(ld ?? '{}').name).toBe(name)
      await page.getByRole('button', { name: 'Add to cart' }).click()
    }
    // The names also pass through the cart drawer.
    await expect.poll(() => page.getByRole('dialog').getByText(SCRIPT_BREAK).count()).toBe(1)
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    await context.close()
  })

  it('should have no serious accessibility violations along the journey', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page } = await phonePage({ bypassCSP: true })
    await page.goto(`${origin}/${slug}`)
    expect(await seriousViolations(page)).toEqual([])
    await page.goto(`${origin}/${slug}/p/tee`)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Add to cart' }).click()
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('dialog').getByRole('button', { name: 'Check out' }).click()
    expect(await seriousViolations(page)).toEqual([])
    const placed = await new TestClient(createTestApp({ db: testDb.db })).post(
      `/api/shops/${slug}/orders`,
      { items: [{ sku: 'MUG', quantity: 1 }], customer: { name: 'Axe' } },
    )
    await page.goto(`${origin}/o/${placed.body.token}`)
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('should let a keyboard alone add to the cart and reach checkout', async (ctx) => {
    if (!browser) return ctx.skip()
    const { context, page } = await phonePage()
    await page.goto(`${origin}/${slug}/p/tee`)
    await page.getByRole('button', { name: 'Add to cart' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true)
    await page.getByRole('dialog').getByRole('button', { name: 'Check out' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByLabel('Your name').isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false)
    await context.close()
  })
})

describe('checkout on a phone, in a French shop', () => {
  it('should show shipping as aligned rows, fit its header, read a national number and speak French', async (ctx) => {
    if (!browser) return ctx.skip()
    const client = new TestClient(createTestApp({ db: testDb.db }))
    const fr = await client.signupWithShop('boutique-fr', { locale: 'fr', name: 'Épicerie' })
    const shopId = await shopIdOf(testDb.db, fr)
    await insertFixtureProducts(testDb.db, shopId, [
      { sku: 'BOL', name: 'Bol en céramique', price: 1800, stock: 10 },
    ])
    await insertFixtureShipping(testDb.db, shopId, { name: 'Retrait en boutique', price: 0 })
    await insertFixtureShipping(testDb.db, shopId, {
      name: 'Livraison à domicile',
      price: 490,
      freeOver: 5000,
      requiresAddress: true,
    })
    const { context, page } = await phonePage()
    await page.goto(`${origin}/${fr}`)
    await page.getByRole('button', { name: /Bol en céramique/ }).click()
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1')
    await page.locator('.cart-fab').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Commander' }).click()

    // The header's buttons are whole on a 390 px screen.
    for (const button of await dialog.locator('.dhead button').all()) {
      const box = await button.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
    }
    // Each shipping choice is one row: a small radio, then the name, then the price, apart.
    const rows = dialog.locator('label.choice')
    expect(await rows.count()).toBe(2)
    for (const row of await rows.all()) {
      const [radio, name, price] = await Promise.all(
        ['input', '.choice-name', '.choice-price'].map((s) => row.locator(s).boundingBox()),
      )
      if (!radio || !name || !price) throw new Error('a shipping row is missing a part')
      expect(radio.height).toBeLessThanOrEqual(24)
      expect(radio.x + radio.width).toBeLessThanOrEqual(name.x)
      expect(name.x + name.width).toBeLessThan(price.x)
      const middle = (b: { y: number; height: number }) => b.y + b.height / 2
      expect(Math.abs(middle(radio) - middle(price))).toBeLessThan(12)
    }

    // A number the shop cannot read: refused beside the field, in French, by the real API.
    await dialog.getByText('Retrait en boutique').click()
    await dialog.getByLabel('Votre nom').fill('Chloé')
    await dialog.getByLabel(/Téléphone/).fill('12 34')
    await dialog.getByRole('button', { name: /Envoyer la commande/ }).click()
    await expect
      .poll(() => dialog.locator('#err-phone').textContent())
      .toContain('Nous n’arrivons pas à lire ce numéro')
    expect(await dialog.textContent()).not.toContain('customer.phone')

    // A French national number is read in the shop's country, and shown as understood.
    await dialog.getByLabel(/Téléphone/).fill('06 12 34 56 78')
    await dialog.getByLabel(/Téléphone/).blur()
    await expect
      .poll(() => dialog.locator('#phone-hint').textContent())
      .toBe('La boutique lira : +33 6 12 34 56 78')
    await dialog.getByRole('button', { name: /Envoyer la commande/ }).click()
    await page.waitForURL(/\/o\/[A-Za-z0-9_-]+(#wa)?$/)
    const row = await testDb.db
      .selectFrom('orders')
      .select('customer_phone')
      .where('shop_id', '=', shopId)
      .executeTakeFirstOrThrow()
    expect(row.customer_phone).toBe('33612345678')
    await context.close()
  })
})

describe('a long cart on a phone', () => {
  it('should scroll the lines under a total and a button that stay in view, and never cover Add to cart', async (ctx) => {
    if (!browser) return ctx.skip()
    const client = new TestClient(createTestApp({ db: testDb.db }))
    const big = await client.signupWithShop('grand-panier')
    const shopId = await shopIdOf(testDb.db, big)
    await insertFixtureProducts(
      testDb.db,
      shopId,
      Array.from({ length: 14 }, (_, i) => ({
        sku: `P${i}`,
        name: `A product with a rather long name, number ${i + 1}, to wrap on two lines`,
        price: 500 + i,
        stock: 50,
      })),
    )
    const { context, page } = await phonePage()
    await page.goto(`${origin}/${big}`)
    // An empty cart has no button to cover anything.
    expect(await page.locator('.cart-fab').isVisible()).toBe(false)
    const adds = page.getByRole('button', { name: /^Add to cart/ })
    for (let i = 0; i < 14; i++) await adds.nth(i).click()
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('14')

    // At the end of the page, the cart bar sits below the last row's buttons.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    const bar = await page.locator('.cart-fab').boundingBox()
    if (!bar) throw new Error('no cart button')
    for (const add of await adds.all()) {
      const box = await add.boundingBox()
      if (!box || box.y + box.height < 0 || box.y > 844) continue
      expect(box.y + box.height <= bar.y || box.y >= bar.y + bar.height).toBe(true)
    }

    await page.locator('.cart-fab').click()
    const dialog = page.getByRole('dialog')
    const body = dialog.locator('.dbody')
    expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
    const checkout = await dialog.getByRole('button', { name: 'Check out' }).boundingBox()
    expect(checkout && checkout.y + checkout.height <= 844).toBe(true)
    expect(await dialog.locator('[data-subtotal]').isVisible()).toBe(true)
    expect(await dialog.locator('.lines img.thumb').count()).toBe(14)
    await context.close()
  })
})
