import jsQR from 'jsqr'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TestClient } from '../api/testing/test-client.ts'
import { insertFixtureProducts, shopIdOf } from '../db/testing/catalog-fixture.ts'
import { launchBrowser } from './browser.ts'
import { startTestServer, type TestServer } from './harness.ts'

// A BRL shop with Pix: the order page shows a QR whose decoded text is the order's BR Code (as
// GET /api/orders/{token} gives it), and its copy button puts that code on the clipboard.

let server: TestServer
let browser: Browser | null = null
let client: TestClient
let slug = ''

/** The text of the QR code in a PNG screenshot. */
async function decodeQr(png: Buffer): Promise<string | null> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null
}

beforeAll(async () => {
  server = await startTestServer()
  client = new TestClient(server.app)
  slug = await client.signupWithShop('padaria-pix', {
    currency: 'BRL',
    locale: 'pt-BR',
    whatsappPhone: '+55 81 91234 5678',
  })
  const settings = await client.patch(`/api/shops/${slug}`, {
    payments: [
      { type: 'pix', key: '52998224725', merchantName: 'Padaria São João', merchantCity: 'Recife' },
      { type: 'cash' },
    ],
  })
  expect(settings.status).toBe(200)
  await insertFixtureProducts(server.testDb.db, await shopIdOf(server.testDb.db, slug), [
    { sku: 'PAO', name: 'Pão de queijo', price: 1250, stock: 20 },
  ])
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

describe('payment on the order page in Chromium', () => {
  it('should show a Pix QR that decodes to the BR Code and copy the code', async (ctx) => {
    if (!browser) return ctx.skip()
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'PAO', quantity: 2 }],
      customer: { name: 'Ana' },
    })
    expect(placed.status).toBe(201)
    const api = await client.get(`/api/orders/${placed.body.token}`)
    const pix = api.body.payment.methods.find((m: { type: string }) => m.type === 'pix')
    expect(pix.brCode).toContain(placed.body.code)

    const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.origin,
    })
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${server.origin}/o/${placed.body.token}`)
    const qr = page.locator('[data-pay="pix"] [data-pay-qr]')
    await qr.scrollIntoViewIfNeeded()
    expect(await decodeQr(await qr.screenshot())).toBe(pix.brCode)
    expect(await page.locator('[data-pay="cash"]').textContent()).toContain('dinheiro')

    await page.locator('[data-pay="pix"] button[data-copy]').click()
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(pix.brCode)
    expect(await page.locator('[data-pay="pix"] [role="status"]').textContent()).not.toBe('')
    await context.close()
  })
})
