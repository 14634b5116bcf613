import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDatabase, testEngines } from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const HTML = /^text\/html; charset=utf-8$/i

/** The visible text of a page: tags dropped, entities of apostrophes read back. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
}

describe.each(testEngines())('lost visitors and the home page (%s)', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let shop: string

  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db, config: { publicUrl: 'https://shop.example' } }))
  })
  afterAll(() => t.destroy())

  it('should welcome the visitor with a link to the admin when no shop is published', async () => {
    await c.signup()
    await c.post('/api/shops', {
      slug: 'hidden-shop',
      name: 'Hidden Shop',
      whatsappPhone: '+33 6 12 34 56 78',
      currency: 'EUR',
      published: false,
    })
    const res = await c.get('/', { 'accept-language': 'en' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(HTML)
    expect(textOf(res.text)).toContain('Welcome to Chatcart')
    expect(res.text).toContain('href="/admin"')
    expect(res.text).not.toContain('Hidden Shop')
  })

  it('should list the published shops on the home page, by name, without private data', async () => {
    shop = await c.signupWithShop('epicerie-demo', {
      name: 'Épicerie Démo',
      locale: 'fr',
      description: 'Produits du marché',
    })
    await c.signupWithShop('atelier-zed', { name: 'Atelier Zed' })
    const res = await c.get('/', { 'accept-language': 'de-CH, de;q=0.9' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(HTML)
    expect(res.headers.get('cache-control')).toBe('public, max-age=60')
    expect(res.headers.get('vary')).toContain('Accept-Language')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.text).toContain('<html lang="de" dir="ltr">')
    const text = textOf(res.text)
    expect(text).toContain('Shops')
    expect(text.indexOf('Atelier Zed')).toBeLessThan(text.indexOf('Épicerie Démo'))
    expect(res.text).toContain('href="/epicerie-demo"')
    expect(res.text).toContain('Produits du marché')
    expect(res.text).not.toContain('Hidden Shop')
    expect(res.text).not.toContain('33612345678')
  })

  it('should lay the home page out right to left for an Arabic visitor', async () => {
    const res = await c.get('/', { 'accept-language': 'ar-MA' })
    expect(res.text).toContain('<html lang="ar" dir="rtl">')
    expect(textOf(res.text)).toContain('المتاجر')
  })

  it('should redirect a slug typed in capitals to the shop, keeping the query', async () => {
    const res = await c.get('/Epicerie-Demo?utm_source=flyer')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/epicerie-demo?utm_source=flyer')
  })

  it('should redirect a product page under a slug typed in capitals', async () => {
    const res = await c.get('/EPICERIE-DEMO/p/olives')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/epicerie-demo/p/olives')
  })

  it('should drop a trailing slash with a 301, keeping the query', async () => {
    const res = await c.get(`/${shop}/?q=olive`)
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`/${shop}?q=olive`)
  })

  it('should never redirect a path starting with two slashes to another site', async () => {
    const res = await c.get('//evil.example/')
    expect(res.status).toBe(404)
    expect(res.headers.get('location')).toBeNull()
  })

  it("should answer a missing product with a 404 page in the shop's language and a way back", async () => {
    const res = await c.get(`/${shop}/p/Unknown`, { 'accept-language': 'en' })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(HTML)
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
    expect(res.text).toContain('<html lang="fr" dir="ltr">')
    const text = textOf(res.text)
    expect(text).toContain('Page introuvable')
    expect(text).toContain('Retour à Épicerie Démo')
    expect(res.text).toContain(`href="/${shop}"`)
  })

  it('should answer a bad order link with a 404 page that leads home and is never cached', async () => {
    const res = await c.get(`/o/${'x'.repeat(24)}`, { 'accept-language': 'es' })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(HTML)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(textOf(res.text)).toContain('No encontramos este pedido')
    expect(res.text).toContain('href="/"')
  })

  it("should answer an unknown page in the visitor's language with a link home", async () => {
    for (const path of ['/nope/x/y', '/no-such-shop']) {
      const res = await c.get(path, { 'accept-language': 'it-IT,it;q=0.9,en;q=0.8' })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toMatch(HTML)
      expect(res.headers.get('vary')).toContain('Accept-Language')
      expect(textOf(res.text)).toContain('Pagina non trovata')
      expect(res.text).toContain('href="/"')
    }
  })

  it('should answer a HEAD for an unknown page with a 404 and no body', async () => {
    const res = await c.app.request('/nope/x/y', { method: 'HEAD' })
    expect(res.status).toBe(404)
    expect(await res.text()).toBe('')
  })

  it('should keep JSON 404s for the API, webhooks and media', async () => {
    for (const path of [
      '/api/nothing-here',
      '/api/shops/nope/catalog',
      '/webhooks/x',
      '/media/x',
    ]) {
      const res = await c.get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
      expect(res.body.error.code, path).toBe('not_found')
    }
  })

  it('should keep a JSON 404 for a trailing slash under the API', async () => {
    const res = await c.get('/api/nothing-here/')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
