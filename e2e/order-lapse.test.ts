import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expireDueOrders } from '../api/orders/expiry.ts'
import { TestClient } from '../api/testing/test-client.ts'
import { insertFixtureProducts, shopIdOf } from '../db/testing/catalog-fixture.ts'
import { launchBrowser } from './browser.ts'
import { startTestServer, type TestServer } from './harness.ts'

// What a shopper sees of the limits on public writes: a pending order's page says when it will
// lapse and turns to "Lapsed" without a reload when it does; a checkout refused by the
// per-address limit shows the shop's own words, not the server's.

let server: TestServer
let limited: TestServer
let browser: Browser | null = null
let slug = ''

beforeAll(async () => {
  server = await startTestServer()
  // Every checkout from this address is over the limit.
  limited = await startTestServer({
    publicRateLimits: {
      orders: { limit: 0, windowMs: 600_000 },
      events: { limit: 120, windowMs: 60_000 },
    },
  })
  for (const s of [server, limited]) {
    slug = await new TestClient(s.app).signupWithShop('lapse-shop')
    await insertFixtureProducts(s.testDb.db, await shopIdOf(s.testDb.db, slug), [
      { sku: 'MUG', name: 'Mug', price: 1200, stock: 20 },
    ])
  }
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await limited?.close()
})

describe('order lapse in Chromium', () => {
  it('should show when a pending order lapses, then that it lapsed, without a reload', async (ctx) => {
    if (!browser) return ctx.skip()
    const placed = await new TestClient(server.app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'MUG', quantity: 2 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${server.origin}/o/${placed.body.token}`)
    await expect
      .poll(() => page.locator('[data-expires]').textContent())
      .toContain('If it is not sent by')

    await server.testDb.db
      .updateTable('orders')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', placed.body.id)
      .execute()
    expect(await expireDueOrders(server.testDb.db)).toBe(1)
    await expect
      .poll(() => page.locator('[data-status-text]').textContent(), { timeout: 15_000 })
      .toBe('Lapsed')
    expect(await page.locator('[data-status-hint]').textContent()).toContain('it lapsed')
    expect(await page.locator('[data-expires]').count()).toBe(0)
    await context.close()
  })

  it("should tell a shopper over the checkout limit in the shop's words", async (ctx) => {
    if (!browser) return ctx.skip()
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${limited.origin}/${slug}`)
    await page.getByRole('button', { name: 'Add to cart: Mug' }).click()
    await expect.poll(() => page.locator('[data-cart-count]').textContent()).toBe('1')
    await page.locator('[data-cart-count]').click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await dialog.getByRole('button', { name: 'Check out' }).click()
    await dialog.getByLabel('Your name').fill('Sam')
    await dialog.getByRole('button', { name: 'Send the order on WhatsApp' }).click()
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('Too many orders from this connection')
    await context.close()
  })
})
