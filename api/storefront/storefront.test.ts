import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  insertFixtureProducts,
  insertFixtureShipping,
  shopIdOf,
} from '../../db/testing/catalog-fixture.ts'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const IMG_TAG = '<img src=x onerror=alert(1)>'
const SCRIPT_BREAK = '</script><script>alert(1)</script>'
const HASH = 'a'.repeat(32)

/** Every `<script type="application/ld+json">` of a page, parsed. */
function jsonLdOf(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1] ?? 'null'),
  )
}

function metaContent(html: string, property: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`)
  return re.exec(html)?.[1]
}

const decodeEntities = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

describe.each(testEngines())('storefront pages (%s)', (engine) => {
  let testDb: TestDatabase
  let client: TestClient
  let slug: string
  let shopId: string

  beforeAll(async () => {
    testDb = await createTestDb(engine)
    client = new TestClient(
      createTestApp({ db: testDb.db, config: { publicUrl: 'https://shop.example' } }),
    )
    slug = await client.signupWithShop(undefined, {
      description: 'Hand-made things',
      businessHours: {
        mon: [['00:00', '24:00']],
        tue: [['00:00', '24:00']],
        wed: [['00:00', '24:00']],
        thu: [['00:00', '24:00']],
        fri: [['00:00', '24:00']],
        sat: [['00:00', '24:00']],
        sun: [['00:00', '24:00']],
      },
    })
    shopId = await shopIdOf(testDb.db, slug)
    await testDb.db
      .insertInto('images')
      .values({
        shop_id: shopId,
        hash: HASH,
        width: 1200,
        height: 900,
        display: new Uint8Array([1]),
        thumb: new Uint8Array([1]),
      })
      .execute()
    await insertFixtureProducts(testDb.db, shopId, [
      {
        sku: 'TEE',
        name: 'T-shirt',
        price: 1990,
        compareAtPrice: 2500,
        images: [HASH],
        description: 'Soft cotton.\n\nMade in Lyon.',
        options: [{ name: 'Size', values: ['S', 'M'] }],
        variants: [
          { sku: 'TEE-S', options: { Size: 'S' }, stock: 0 },
          { sku: 'TEE-M', options: { Size: 'M' }, stock: 4, price: 2190 },
        ],
      },
      { sku: 'MUG', name: 'Mug', price: 1200, stock: 0 },
      { sku: 'XSS1', name: IMG_TAG, price: 100, description: IMG_TAG },
      { sku: 'XSS2', name: SCRIPT_BREAK, price: 100, description: SCRIPT_BREAK },
      ...Array.from({ length: 46 }, (_, i) => ({
        sku: `P${i}`,
        name: `Product number ${i}`,
        price: 1000 + i * 37,
        stock: 10,
        images: [HASH],
      })),
    ])
    await insertFixtureShipping(testDb.db, shopId, { name: 'Courier', price: 500, freeOver: 5000 })
  })
  afterAll(() => testDb.destroy())

  it('should render the storefront as HTML with prices in the shop locale', async () => {
    const res = await client.get(`/${slug}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    // Image URLs are absolute on the public URL, which may differ from the name the page was
    // reached by (127.0.0.1 for localhost): the policy allows that origin for images.
    expect(res.headers.get('content-security-policy')).toContain(
      "img-src 'self' data: blob: https://shop.example;",
    )
    expect(res.text).toMatch(/^<!doctype html><html lang="en" dir="ltr">/)
    expect(res.text).toContain('<h1>Test Shop</h1>')
    expect(res.text).toContain('€19.90')
    expect(res.text).toContain('<s class="was">')
    expect(res.text).toContain('Open now')
    expect(res.text).toContain('data-island="cart"')
  })

  it('should compress pages for clients that accept gzip', async () => {
    const res = await client.app.request(`/${slug}`, { headers: { 'accept-encoding': 'gzip' } })
    expect(res.headers.get('content-encoding')).toBe('gzip')
  })

  it('should answer a revalidation of the first page with 304, and show a change at once', async () => {
    const first = await client.app.request(`/${slug}`, { headers: { 'accept-encoding': 'gzip' } })
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^W\/"/)
    expect(first.headers.get('vary')).toContain('Accept-Encoding')
    const again = await client.app.request(`/${slug}`, { headers: { 'if-none-match': etag ?? '' } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    // Plain text for a client without gzip, with the same tag.
    const plain = await client.get(`/${slug}`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(plain.headers.get('etag')).toBe(etag)

    const renamed = await client.patch(`/api/shops/${slug}`, { description: 'Now with candles' })
    expect(renamed.status).toBe(200)
    const after = await client.get(`/${slug}`, { 'if-none-match': etag ?? '' })
    expect(after.status).toBe(200)
    expect(after.text).toContain('Now with candles')
    expect(after.headers.get('etag')).not.toBe(etag)
    await client.patch(`/api/shops/${slug}`, { description: 'Hand-made things' })
  })

  it('should send the cached first page over HTTP with every header and its exact bytes', async () => {
    // Through @hono/node-server, whose light responses are what the middleware add headers to.
    const server = serve({ fetch: client.app.fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const page = await client.get(`/${slug}`)
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/${slug}`, {
          headers: { 'accept-encoding': 'gzip', 'x-request-id': `page-request-${i}` },
        })
        expect(res.status).toBe(200)
        expect(res.headers.get('x-request-id')).toBe(`page-request-${i}`)
        expect(res.headers.get('x-content-type-options')).toBe('nosniff')
        expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
        expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
        expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
        expect(res.headers.get('cache-control')).toBe('public, max-age=30')
        expect(res.headers.get('content-encoding')).toBe('gzip')
        expect(res.headers.get('etag')).toBe(page.headers.get('etag'))
        // fetch has inflated the body: the same page as the plain answer.
        expect(await res.text()).toBe(page.text)
      }
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('should give product photos a srcset, a size and lazy loading below the fold', async () => {
    const res = await client.get(`/${slug}`)
    const imgs = [...res.text.matchAll(/<img [^>]*>/g)].map((m) => m[0])
    expect(imgs[0]).toContain(
      `srcset="https://shop.example/media/${HASH}-thumb.webp 400w, https://shop.example/media/${HASH}.webp 1200w"`,
    )
    expect(imgs[0]).toContain('width="1200" height="900"')
    expect(imgs[0]).toContain('loading="eager"')
    expect(imgs.at(-1)).toContain('loading="lazy"')
  })

  it('should mark sold-out products and link variant products to their page', async () => {
    const res = await client.get(`/${slug}`)
    expect(res.text).toMatch(/<button type="button" class="btn" disabled[^>]*data-add="MUG"/)
    expect(res.text).toContain(`href="/${slug}/p/tee"`)
  })

  it('should carry link-card tags, a canonical URL and JSON-LD', async () => {
    const res = await client.get(`/${slug}`)
    expect(res.text).toContain(`<link rel="canonical" href="https://shop.example/${slug}"/>`)
    expect(metaContent(res.text, 'og:title')).toBe('Test Shop')
    expect(metaContent(res.text, 'og:description')).toBe('Hand-made things')
    // A shop without a logo gets a generated 1200×630 card (api/media/og.test.ts fetches it).
    expect(metaContent(res.text, 'og:image')).toMatch(
      new RegExp(`^https://shop\\.example/media/og/${slug}/[a-f0-9]{12}\\.jpg$`),
    )
    expect(metaContent(res.text, 'twitter:card')).toBe('summary_large_image')
    const [ld] = jsonLdOf(res.text)
    expect(ld).toMatchObject({ '@type': 'Store', name: 'Test Shop' })
  })

  it('should keep the storefront of 50 products under 30 KB of gzip HTML', async () => {
    const res = await client.get(`/${slug}`)
    expect([...res.text.matchAll(/class="card"/g)]).toHaveLength(50)
    expect(gzipSync(res.text).length).toBeLessThanOrEqual(30 * 1024)
  })

  it('should render a product page with variants, price tags and Product JSON-LD', async () => {
    const res = await client.get(`/${slug}/p/tee`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('<h1>T-shirt</h1>')
    expect(metaContent(res.text, 'og:type')).toBe('product')
    expect(metaContent(res.text, 'product:price:amount')).toBe('19.90')
    expect(metaContent(res.text, 'product:price:currency')).toBe('EUR')
    const [ld] = jsonLdOf(res.text)
    expect(ld).toMatchObject({
      '@type': 'Product',
      name: 'T-shirt',
      offers: [
        { sku: 'TEE-S', price: '19.90', availability: 'https://schema.org/OutOfStock' },
        { sku: 'TEE-M', price: '21.90', availability: 'https://schema.org/InStock' },
      ],
    })
    // The buy box starts on the first variant in stock.
    expect(res.text).toContain('€21.90')
    expect(res.text).toMatch(/value="M" checked/)
  })

  it.each([
    ['an img tag', 'xss1', IMG_TAG],
    ['a script break-out', 'xss2', SCRIPT_BREAK],
  ])('should show a product named with %s as text everywhere', async (_, productSlug, name) => {
    const res = await client.get(`/${slug}/p/${productSlug}`)
    expect(res.status).toBe(200)
    expect(res.text).not.toContain(name)
    expect(res.text).not.toContain('<script>alert(1)')
    expect(res.text).not.toContain('<img src=x')
    expect(res.text).toContain(`<h1>${name.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</h1>`)
    expect(decodeEntities(metaContent(res.text, 'og:title') ?? '')).toBe(`${name} · Test Shop`)
    const [ld] = jsonLdOf(res.text)
    expect(ld).toMatchObject({ name, description: name })
    const storefront = await client.get(`/${slug}`)
    expect(storefront.text).not.toContain(name)
    expect(jsonLdOf(storefront.text)).toHaveLength(1)
  })

  it('should write right to left for an Arabic shop', async () => {
    const other = new TestClient(client.app)
    const arabic = await other.signupWithShop(undefined, { locale: 'ar', currency: 'AED' })
    const res = await client.get(`/${arabic}`)
    expect(res.text).toMatch(/<html lang="ar" dir="rtl">/)
    expect(res.text).toContain('السلة')
  })

  it('should answer 404 for an unpublished shop and an unknown product', async () => {
    const other = new TestClient(client.app)
    const hidden = await other.signupWithShop(undefined, { published: false })
    expect((await client.get(`/${hidden}`)).status).toBe(404)
    expect((await client.get(`/${slug}/p/nope`)).status).toBe(404)
    expect((await client.get('/Not_A_Slug')).status).toBe(404)
  })

  it('should list the shop and its products in the sitemap', async () => {
    const res = await client.get(`/${slug}/sitemap.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/application\/xml/)
    expect(res.text).toContain(`<loc>https://shop.example/${slug}</loc>`)
    expect(res.text).toContain(`<loc>https://shop.example/${slug}/p/tee</loc>`)
  })

  it('should serve robots.txt', async () => {
    const res = await client.get('/robots.txt')
    expect(res.status).toBe(200)
    expect(res.text).toContain('Disallow: /o/')
  })

  it('should serve a QR code of the shop link as SVG and PNG', async () => {
    const svg = await client.get(`/${slug}/qr.svg`)
    expect(svg.status).toBe(200)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    expect(svg.text).toContain('<svg')
    const png = await client.app.request(`/${slug}/qr.png`)
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    const bytes = new Uint8Array(await png.arrayBuffer())
    expect([...bytes.slice(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG')
  })

  it('should render the order page with the code, the totals and the WhatsApp link, unindexed', async () => {
    const placed = await client.post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'TEE-M', quantity: 2 }],
      customer: { name: 'Jane <b>' },
    })
    const res = await client.get(`/o/${placed.body.token}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.text).toContain('<meta name="robots" content="noindex"/>')
    expect(res.text).toContain(`Order #${placed.body.code}`)
    expect(res.text).toContain('€43.80')
    expect(res.text).toContain(`href="${placed.body.whatsappUrl.replace(/&/g, '&amp;')}"`)
    expect(res.text).toContain('Waiting for your message')
    expect(res.text).not.toContain('Jane <b>')
    expect(res.text).toContain('<svg')
  })

  it('should answer 404 for an unknown order token', async () => {
    expect((await client.get(`/o/${'x'.repeat(24)}`)).status).toBe(404)
  })
})
