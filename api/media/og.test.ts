import { Hono } from 'hono'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import type { AppEnv } from '../app-env.ts'
import { PublicCatalogCache } from '../catalog/public-catalog-cache.ts'
import { defaultConfig } from '../config.ts'
import { handleError } from '../errors.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { ogRoutes } from './og.routes.ts'
import {
  OG_HEIGHT,
  OG_MAX_BYTES,
  OG_WIDTH,
  type OgCardInput,
  ogCardSvg,
  renderOgImage,
  truncate,
  wrapText,
} from './og-card.ts'

const PUBLIC_URL = 'https://shop.example'

function metaContent(html: string, property: string): string | undefined {
  const re = new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`)
  return re.exec(html)?.[1]
}

function upload(bytes: Uint8Array | Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg')
  return form
}

const card = (over: Partial<OgCardInput> = {}): OgCardInput => ({
  shopName: 'Boa Vista',
  locale: 'en',
  currency: 'EUR',
  color: '#075e54',
  imageHash: null,
  product: null,
  ...over,
})

describe('link preview card', () => {
  it('should wrap a long name over two lines and end the second with an ellipsis', () => {
    const lines = wrapText(
      'Croissant au beurre AOP de Charentes-Poitou fait maison chaque matin',
      24,
      2,
    )
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe('Croissant au beurre AOP')
    expect(lines[1]?.endsWith('…')).toBe(true)
  })

  it('should split a word longer than a line and count capitals as wider', () => {
    expect(wrapText('W'.repeat(40), 24, 2).every((line) => line.length <= 14)).toBe(true)
    expect(truncate('short', 24)).toBe('short')
    expect(truncate('a'.repeat(30), 10)).toBe(`${'a'.repeat(9)}…`)
  })

  it('should escape the names it draws', () => {
    const svg = ogCardSvg(card({ shopName: '<script>&"x"', product: { name: "a'b", price: 100 } }))
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;&amp;&quot;x&quot;')
    expect(svg).toContain('a&apos;b')
  })

  it('should draw an Arabic name right to left and right-aligned, with the price as the shop writes it', () => {
    const svg = ogCardSvg(
      card({ shopName: 'متجر الورد', locale: 'ar', product: { name: 'باقة ورد', price: 12550 } }),
    )
    expect(svg).toContain('direction="rtl"')
    expect(svg).toContain(`x="${OG_WIDTH - 80}"`)
    expect(svg).toMatch(
      /<text x="1120"[^>]*text-anchor="end" direction="ltr"[^>]*>\u200f?125\.50\s€</,
    )
  })

  it('should keep a photo of pure noise under 300 KB at 1200×630', async () => {
    const noise = await sharp({
      create: {
        width: 1600,
        height: 1200,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 128, sigma: 60 },
      },
    })
      .jpeg()
      .toBuffer()
    const jpeg = await renderOgImage(card({ product: { name: 'x', price: 1 } }), noise)
    const meta = await sharp(jpeg).metadata()
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'jpeg',
      width: OG_WIDTH,
      height: OG_HEIGHT,
    })
    expect(jpeg.byteLength).toBeLessThanOrEqual(OG_MAX_BYTES)
  })
})

describe.each(testEngines())('og:image of shop and product pages (%s)', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  let productId: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db, config: { publicUrl: PUBLIC_URL } }))
    slug = await c.signupWithShop()
    const photo = await sharp({
      create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 120, b: 30 } },
    })
      .jpeg()
      .toBuffer()
    const image = await c.post(`/api/shops/${slug}/images`, upload(photo))
    expect(image.status).toBe(201)
    const product = await c.post(`/api/shops/${slug}/products`, {
      sku: 'MUG',
      name: 'Blue mug',
      price: 1250,
      slug: 'blue-mug',
      images: [image.body.hash],
    })
    expect(product.status).toBe(201)
    productId = product.body.id
  })
  afterAll(() => t.destroy())

  /** The page's og:image and its tags, after checking the tags say 1200×630 JPEG. */
  async function ogImageOf(page: string) {
    const res = await c.get(page)
    expect(res.status).toBe(200)
    expect(metaContent(res.text, 'og:image:width')).toBe('1200')
    expect(metaContent(res.text, 'og:image:height')).toBe('630')
    expect(metaContent(res.text, 'og:image:type')).toBe('image/jpeg')
    expect(metaContent(res.text, 'twitter:card')).toBe('summary_large_image')
    const url = metaContent(res.text, 'og:image') ?? ''
    expect(url.startsWith(`${PUBLIC_URL}/media/og/`)).toBe(true)
    expect(metaContent(res.text, 'twitter:image')).toBe(url)
    return url.slice(PUBLIC_URL.length)
  }

  async function fetchJpeg(path: string) {
    const res = await c.app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect(bytes.byteLength).toBeLessThanOrEqual(300 * 1024)
    const meta = await sharp(bytes).metadata()
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
      format: 'jpeg',
      width: 1200,
      height: 630,
    })
    return sharp(bytes)
  }

  it('should give a shop with no logo a generated card in the shop colour', async () => {
    const path = await ogImageOf(`/${slug}`)
    const image = await fetchJpeg(path)
    // The top-left corner is the card's background, the storefront's green (#075e54).
    const { data } = await image.extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({
      resolveWithObject: true,
    })
    expect(Math.abs((data[0] ?? 0) - 0x07)).toBeLessThan(12)
    expect(Math.abs((data[1] ?? 0) - 0x5e)).toBeLessThan(12)
    expect(Math.abs((data[2] ?? 0) - 0x54)).toBeLessThan(12)
  })

  it('should give a product with a photo a 1200×630 JPEG of the photo', async () => {
    const path = await ogImageOf(`/${slug}/p/blue-mug`)
    expect(path).toMatch(new RegExp(`^/media/og/${slug}/p/blue-mug/[a-f0-9]{12}\\.jpg$`))
    const image = await fetchJpeg(path)
    // Cover: the photo's orange fills the frame.
    const { data } = await image.extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({
      resolveWithObject: true,
    })
    expect(Math.abs((data[0] ?? 0) - 200)).toBeLessThan(12)
    expect(Math.abs((data[1] ?? 0) - 120)).toBeLessThan(12)
  })

  it('should answer an unchanged preview from memory with the same bytes and 304 on its ETag', async () => {
    const path = await ogImageOf(`/${slug}/p/blue-mug`)
    const first = await c.app.request(path)
    const again = await c.app.request(path)
    expect(Buffer.from(await again.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()))
    const etag = first.headers.get('etag') ?? ''
    const cached = await c.app.request(path, { headers: { 'if-none-match': etag } })
    expect(cached.status).toBe(304)
  })

  it('should give a renamed product a new URL and send the old one there', async () => {
    const before = await ogImageOf(`/${slug}/p/blue-mug`)
    const renamed = await c.patch(`/api/shops/${slug}/products/${productId}`, { name: 'Red mug' })
    expect(renamed.status).toBe(200)
    const after = await ogImageOf(`/${slug}/p/blue-mug`)
    expect(after).not.toBe(before)
    const old = await c.app.request(before)
    expect(old.status).toBe(302)
    expect(old.headers.get('location')).toBe(after)
    await fetchJpeg(after)
  })

  it('should draw a card with name and price for a product without a photo', async () => {
    const res = await c.post(`/api/shops/${slug}/products`, {
      sku: 'TEA',
      name: 'Green tea',
      price: 490,
      slug: 'green-tea',
    })
    expect(res.status).toBe(201)
    await fetchJpeg(await ogImageOf(`/${slug}/p/green-tea`))
  })

  it('should refuse renders over the per-client limit with 429, but still send what is in memory', async () => {
    const app = new Hono<AppEnv>()
    // A client of its own (each suite has a fresh database): the tests above rendered as another.
    const config = defaultConfig({ publicUrl: PUBLIC_URL, trustProxy: true })
    const client = { headers: { 'x-forwarded-for': '203.0.113.7' } }
    app.use(async (c, next) => {
      c.set('db', t.db)
      c.set('config', config)
      await next()
    })
    app.onError(handleError)
    app.route('/', ogRoutes(new PublicCatalogCache(), { rendersPerMinute: 1 }))
    const shopCard = await ogImageOf(`/${slug}`)
    const productCard = await ogImageOf(`/${slug}/p/blue-mug`)
    expect((await app.request(shopCard, client)).status).toBe(200)
    // Already rendered: no render, nothing counted.
    expect((await app.request(shopCard, client)).status).toBe(200)
    const refused = await app.request(productCard, client)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('should show a logo whole on the shop colour, under a new URL once the logo is set', async () => {
    const card = await ogImageOf(`/${slug}`)
    const logo = await sharp({
      create: { width: 600, height: 600, channels: 3, background: { r: 220, g: 0, b: 0 } },
    })
      .png()
      .toBuffer()
    const image = await c.post(`/api/shops/${slug}/images`, upload(logo))
    expect((await c.patch(`/api/shops/${slug}`, { logoImage: image.body.hash })).status).toBe(200)
    const path = await ogImageOf(`/${slug}`)
    expect(path).not.toBe(card)
    const jpeg = await fetchJpeg(path)
    const pixel = async (left: number, top: number) => [
      ...(await jpeg.clone().extract({ left, top, width: 1, height: 1 }).raw().toBuffer()),
    ]
    const [r, g] = await pixel(600, 315)
    expect(r).toBeGreaterThan(200)
    expect(g).toBeLessThan(30)
    // The margin is the shop colour (#075e54): the logo is never cut.
    const [mr, mg] = await pixel(20, 315)
    expect(Math.abs((mr ?? 0) - 0x07)).toBeLessThan(12)
    expect(Math.abs((mg ?? 0) - 0x5e)).toBeLessThan(12)
  })

  it.each([
    ['an unknown shop', () => '/media/og/no-such-shop/0123456789ab.jpg'],
    ['an unknown product', () => `/media/og/${slug}/p/no-such-thing/0123456789ab.jpg`],
    ['a malformed name', () => `/media/og/${slug}/../../etc.jpg`],
    ['another format', () => `/media/og/${slug}/0123456789ab.png`],
  ])('should answer 404 for %s, with nothing rendered', async (_, path) => {
    const res = await c.get(path())
    expect(res.status).toBe(404)
  })
})
