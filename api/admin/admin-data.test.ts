import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { seedDemoShop } from '../demo/seed-demo.ts'
import { DIST_DIR } from '../static/serve-dist.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { parseCsv } from './csv.ts'
import { META_FEED_COLUMNS } from './meta-feed.ts'

const HEADER =
  'sku,parent_sku,name,description,price,compare_at_price,stock,category,active,options,variant_options,image_urls'

/** A catalog of `count` rows: every tenth product has two variants (its rows count in `count`). */
function catalogCsv(count: number, broken: Record<number, string> = {}): string {
  const lines = [HEADER]
  let n = 0
  while (lines.length - 1 < count) {
    n++
    const row = lines.length + 1
    if (n % 10 === 0 && count - (lines.length - 1) >= 3) {
      lines.push(`TEE-${n},,Tee ${n},"Cotton, soft",19.90,,,Clothes,true,Size: S | M,,`)
      lines.push(`TEE-${n}-S,TEE-${n},,,,,5,,true,,Size: S,`)
      lines.push(`TEE-${n}-M,TEE-${n},,,21.00,,0,,true,,Size: M,`)
      continue
    }
    lines.push(broken[row] ?? `SKU-${n},,Product ${n},,${n}.50,${n + 1}.00,${n % 7},Things,true,,,`)
  }
  return `${lines.join('\r\n')}\r\n`
}

describe.each(testEngines())('admin data APIs on %s', (engine) => {
  let t: TestDatabase
  let app: ReturnType<typeof createTestApp>
  beforeAll(async () => {
    t = await createTestDb(engine)
    app = createTestApp({ db: t.db })
  })
  afterAll(() => t.destroy())

  const importCsv = (c: TestClient, slug: string, csv: string, check = false) =>
    c.request('POST', `/api/shops/${slug}/products/import${check ? '?check=true' : ''}`, csv, {
      'content-type': 'text/csv',
    })

  it('should refuse a 1,000-row import with three bad rows as a whole and list those rows', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const csv = catalogCsv(1000, {
      14: 'SKU-BAD-PRICE,,Bad price,,12.3.4,,,Things,true,,,',
      500: 'bad sku with spaces,,Bad SKU,,5.00,,,Things,true,,,',
      990: 'SKU-BAD-STOCK,,Bad stock,,5.00,,-3,Things,true,,,',
    })
    expect(csv.trim().split('\r\n')).toHaveLength(1001)
    const before = await tableCounts(t.db)

    const check = await importCsv(c, slug, csv, true)
    expect(check.status).toBe(200)
    expect(check.body.valid).toBe(false)
    expect(check.body.errors.map((e: { row: number }) => e.row)).toEqual([14, 500, 990])
    expect(check.body.errors.map((e: { column: string }) => e.column)).toEqual([
      'price',
      'sku',
      'stock',
    ])

    const res = await importCsv(c, slug, csv)
    expect(res.status).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'invalid_rows', field: 'file' })
    expect(res.body.error.message).toMatch(/3 rows have errors/)
    expect(res.body.error.message).toMatch(/row 14 \(price\).*row 500 \(sku\).*row 990 \(stock\)/)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should import the fixed file in one go, then change nothing on a second import', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const csv = catalogCsv(1000)
    const first = await importCsv(c, slug, csv)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ rows: 1000, updated: 0, unchanged: 0, categoriesCreated: 2 })
    expect(first.body.created).toBe(first.body.products)
    expect(first.body.products + first.body.variants).toBe(1000)

    const list = await c.get(`/api/shops/${slug}/products?q=TEE-10`)
    const tee = list.body.products.find((p: { sku: string }) => p.sku === 'TEE-10')
    expect(tee).toMatchObject({ price: 1990, options: [{ name: 'Size', values: ['S', 'M'] }] })
    expect(tee.variants).toMatchObject([
      { sku: 'TEE-10-S', price: null, stock: 5, options: { Size: 'S' } },
      { sku: 'TEE-10-M', price: 2100, stock: 0, options: { Size: 'M' } },
    ])

    const stamps = await t.db
      .selectFrom('products')
      .select(['sku', 'updated_at'])
      .orderBy('sku')
      .execute()
    const counts = await tableCounts(t.db)
    const second = await importCsv(c, slug, csv)
    expect(second.status).toBe(200)
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: first.body.products })
    expect(await tableCounts(t.db)).toEqual(counts)
    expect(
      await t.db.selectFrom('products').select(['sku', 'updated_at']).orderBy('sku').execute(),
    ).toEqual(stamps)
  })

  it('should update products by SKU and export a file that imports back unchanged', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    await importCsv(c, slug, `${HEADER}\nMUG,,Mug,,12.00,,3,,true,,,\n`)
    const res = await importCsv(c, slug, `${HEADER}\nMUG,,Big mug,,14.50,,,,false,,,\n`)
    expect(res.body).toMatchObject({ created: 0, updated: 1 })
    const exported = await c.get(`/api/shops/${slug}/products.csv`)
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(exported.headers.get('content-disposition')).toBe(
      `attachment; filename="${slug}-products.csv"`,
    )
    expect(parseCsv(exported.text)?.[1]).toEqual([
      'MUG',
      '',
      'Big mug',
      '',
      '14.50',
      '',
      '',
      '',
      'false',
      '',
      '',
      '',
    ])
    const again = await importCsv(c, slug, exported.text)
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 })
  })

  /** The catalog as `{sku: price}`, variants included, from the owner's product list. */
  const pricesOf = async (c: TestClient, slug: string) => {
    const list = await c.get(`/api/shops/${slug}/products?limit=100`)
    expect(list.status).toBe(200)
    const prices: Record<string, number | null> = {}
    for (const p of list.body.products as {
      sku: string
      price: number
      compareAtPrice: number | null
      variants: { sku: string; price: number | null }[]
    }[]) {
      prices[p.sku] = p.price
      if (p.compareAtPrice !== null) prices[`${p.sku}:was`] = p.compareAtPrice
      for (const v of p.variants) prices[v.sku] = v.price
    }
    return prices
  }

  it('should import a French semicolon file with decimal commas, and its export back unchanged', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const csv = [
      '\ufeffsku;parent_sku;name;description;price;compare_at_price;stock;category;options;variant_options',
      'CAFE;;Café moulu;Arabica, torréfié à Lyon;12,50;14,90;3;Épicerie;;',
      'THE;;"Thé vert; bio";;4,5;;;Épicerie;;',
      '',
      'TEE;;T-shirt;;19,90;;;Vêtements;"Taille: S | M; Couleur: Rouge";',
      'TEE-S;TEE;;;;;5;;;"Taille: S; Couleur: Rouge"',
      'TEE-M;TEE;;;21,00;;0;;;"Taille: M; Couleur: Rouge"',
      ';;;;;;;;;',
    ].join('\r\n')
    const check = await importCsv(c, slug, csv, true)
    expect(check.status).toBe(200)
    expect(check.body).toMatchObject({ valid: true, errorCount: 0 })
    expect(check.body.summary).toMatchObject({ separator: ';', rows: 5, rowsWithErrors: 0 })
    const res = await importCsv(c, slug, csv)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ created: 3, products: 3, variants: 2, categoriesCreated: 2 })
    expect(await pricesOf(c, slug)).toEqual({
      CAFE: 1250,
      'CAFE:was': 1490,
      THE: 450,
      TEE: 1990,
      'TEE-S': null,
      'TEE-M': 2100,
    })
    const exported = await c.get(`/api/shops/${slug}/products.csv`)
    const again = await importCsv(c, slug, exported.text)
    expect(again.body).toMatchObject({ separator: ',', created: 0, updated: 0, unchanged: 3 })
  })

  it('should read a German "1.234,50" and a tab-separated file with either decimal mark', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const german = 'sku;name;price;compare_at_price\nUHR;Armbanduhr;1.234,50;2.000\nRING;Ring;99;\n'
    const de = await importCsv(c, slug, german)
    expect(de.status, de.text).toBe(200)
    expect(de.body).toMatchObject({ separator: ';', created: 2 })
    const tab = 'sku\tname\tprice\nMUG\tMug, blue\t8.50\nPOT\tTeapot\t24,00\n'
    const tsv = await importCsv(c, slug, tab)
    expect(tsv.status, tsv.text).toBe(200)
    expect(tsv.body).toMatchObject({ separator: '\t', created: 2 })
    expect(await pricesOf(c, slug)).toEqual({
      UHR: 123450,
      'UHR:was': 200000,
      RING: 9900,
      MUG: 850,
      POT: 2400,
    })
  })

  it('should refuse a price that reads two ways on its row, and count one row as one row', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const before = await tableCounts(t.db)
    const csv = 'sku\tname\tprice\nOK\tFine\t2,50\n\nBIG\tLamp\t1,234\n'
    const check = await importCsv(c, slug, csv, true)
    expect(check.body).toMatchObject({ valid: false, errorCount: 1 })
    expect(check.body.summary).toMatchObject({ separator: '\t', rowsWithErrors: 1 })
    expect(check.body.errors).toEqual([
      {
        row: 4,
        sku: 'BIG',
        column: 'price',
        message:
          '"1,234" could mean 1234 or a decimal: write 1234 without a thousands separator, or the price with 2 decimals',
      },
    ])
    const res = await importCsv(c, slug, csv)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(
      /^Nothing was imported: 1 row has errors\. row 4 \(price\)/,
    )
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse a comma in the price of a comma-separated file', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const check = await importCsv(c, slug, `${HEADER}\nA1,,A,,"12,50",,,,,,,\n`, true)
    expect(check.body.errors).toEqual([
      { row: 2, sku: 'A1', column: 'price', message: 'use a plain number such as 19.90' },
    ])
  })

  it('should neutralise formula cells in the product CSV and Meta feed and import them back unchanged', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    expect((await c.patch(`/api/shops/${slug}`, { name: '@Evil shop' })).status).toBe(200)
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#a37' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new File([new Uint8Array(png)], 'a.png', { type: 'image/png' }))
    const up = await c.post(`/api/shops/${slug}/images`, form)
    const csv = [
      HEADER,
      `EVIL,,"=HYPERLINK(""http://x"")","+cmd|' /C calc'!A0",3.00,,,@SUM(1),true,Color: -Red | Blue,,${up.body.url}`,
      'EVIL-R,EVIL,,,,,,,true,,Color: -Red,',
    ].join('\n')
    const imported = await importCsv(c, slug, `${csv}\n`)
    expect(imported.body).toMatchObject({ created: 1 })
    // Typed with a quote of its own: the export adds one, the import takes only that one off.
    const quoted = { sku: 'QUOTED', name: "'=already quoted", price: 100 }
    expect((await c.post(`/api/shops/${slug}/products`, quoted)).status).toBe(201)

    const exported = await c.get(`/api/shops/${slug}/products.csv`)
    const rows = parseCsv(exported.text) ?? []
    const evil = rows.find((r) => r[0] === 'EVIL') ?? []
    expect(evil[2]).toBe(`'=HYPERLINK("http://x")`)
    expect(evil[3]).toBe(`'+cmd|' /C calc'!A0`)
    expect(evil[7]).toBe(`'@SUM(1)`)
    expect(rows.find((r) => r[0] === 'QUOTED')?.[2]).toBe(`''=already quoted`)
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    const again = await importCsv(c, slug, exported.text)
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 })
    const product = await t.db
      .selectFrom('products')
      .select('name')
      .where('sku', '=', 'QUOTED')
      .executeTakeFirstOrThrow()
    expect(product.name).toBe("'=already quoted")

    const feed = parseCsv((await c.get(`/api/shops/${slug}/meta-feed.csv`)).text) ?? []
    const [header = [], ...items] = feed
    const variant = items.find((r) => r[0] === 'EVIL-R') ?? []
    const cell = (name: string) => variant[header.indexOf(name)]
    expect(cell('title')).toBe(`'=HYPERLINK("http://x") (-Red)`)
    expect(cell('description')).toBe(`'+cmd|' /C calc'!A0`)
    expect(cell('brand')).toBe("'@Evil shop")
    expect(cell('color')).toBe("'-Red")
    for (const row of items) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/)
  })

  it('should refuse a file holding a NUL byte with a 400 naming its line, not a 500', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const before = await tableCounts(t.db)
    const res = await importCsv(
      c,
      slug,
      `${HEADER}\nOK,,Fine,,1.00,,,,true,,,\nNUL,,Bad\u0000name,,1.00,,,,true,,,\n`,
    )
    expect(res.status, res.text).toBe(400)
    expect(res.body.error).toMatchObject({ code: 'invalid_text', field: 'file' })
    expect(res.body.error.message).toMatch(/^Line 3 of the file contains a NUL/)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse unknown columns, a SKU of another product and a non-CSV body', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const unknown = await importCsv(c, slug, `${HEADER},colour\nA1,,A,,1.00,,,,,,,,red\n`, true)
    expect(unknown.body.errors).toEqual([
      { row: 1, sku: '', column: 'colour', message: 'Unknown column "colour"' },
    ])
    await importCsv(
      c,
      slug,
      `${HEADER}\nCAP,,Cap,,8.00,,,,true,Size: S | M,,\nCAP-S,CAP,,,,,,,,,Size: S,\n`,
    )
    const clash = await importCsv(c, slug, `${HEADER}\nCAP-S,,Other,,1.00,,,,,,,\n`)
    expect(clash.status).toBe(400)
    expect(clash.body.error.message).toMatch(/row 2 \(sku\): Another product of this shop uses/)
    const json = await c.post(`/api/shops/${slug}/products/import`, { csv: 'x' })
    expect(json.status).toBe(415)
    expect(json.body.error.field).toBe('file')
  })

  it('should export the demo shop as a Meta feed with every required column filled', async () => {
    const demo = await seedDemoShop(t.db)
    expect(demo.created).toBe(true)
    const c = new TestClient(app)
    const login = await c.post('/api/auth/login', { email: demo.email, password: demo.password })
    expect(login.status).toBe(200)
    const res = await c.get('/api/shops/demo/meta-feed.csv')
    expect(res.status).toBe(200)
    const rows = parseCsv(res.text) ?? []
    const [header, ...items] = rows
    expect(header).toEqual([...META_FEED_COLUMNS])
    expect(items.length).toBeGreaterThanOrEqual(12)
    const required = [
      'id',
      'title',
      'description',
      'availability',
      'condition',
      'price',
      'link',
      'image_link',
      'brand',
    ]
    for (const item of items) {
      const record = Object.fromEntries((header ?? []).map((h, i) => [h, item[i] ?? '']))
      for (const column of required) expect(record[column], `${record.id} ${column}`).not.toBe('')
      expect(record.price).toMatch(/^\d+\.\d{2} EUR$/)
      expect(record.availability).toMatch(/^(in stock|out of stock)$/)
      expect(record.link).toMatch(/^http:\/\/localhost:3000\/demo\/p\//)
      expect(record.image_link).toMatch(/^http:\/\/localhost:3000\/media\/jpeg\/[a-f0-9]{32}\.jpg$/)
      expect(record.description).not.toBe(record.title)
      expect(record.brand).toBe('Maison Olive')
    }
    const ids = items.map((i) => i[0])
    expect(new Set(ids).size).toBe(ids.length)
    expect(items.some((i) => i[9] !== '')).toBe(true) // variants carry item_group_id

    const image = await c.get(new URL(items[0]?.[7] ?? '').pathname)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/jpeg')
  })

  it('should count a paid order on the dashboard and list it in the orders CSV', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    await importCsv(c, slug, `${HEADER}\nJAM,,Jam,,6.50,,10,,true,,,\n`)
    const placed = await new TestClient(app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'JAM', quantity: 2 }],
      customer: { name: '=HYPERLINK("x")', phone: '+33 6 11 22 33 44' },
    })
    expect(placed.status).toBe(201)
    let dash = await c.get(`/api/shops/${slug}/dashboard`)
    expect(dash.status).toBe(200)
    expect(dash.body.funnel).toEqual({ created: 1, arrived: 0, paid: 0, paidByMethod: [] })
    expect(dash.body.days).toHaveLength(30)
    expect(
      (await c.patch(`/api/shops/${slug}/orders/${placed.body.code}`, { status: 'confirmed' }))
        .status,
    ).toBe(200)
    const paid = await c.post(`/api/shops/${slug}/orders/${placed.body.code}/payment`, {
      method: 'cash',
      amount: 1300,
    })
    expect(paid.status).toBe(200)
    dash = await c.get(`/api/shops/${slug}/dashboard`)
    expect(dash.body).toMatchObject({
      currency: 'EUR',
      totals: { orders: 1, revenue: 1300 },
      // Marked paid by hand: no WhatsApp message arrived.
      funnel: { created: 1, arrived: 0, paid: 1, paidByMethod: [{ method: 'cash', orders: 1 }] },
      topProducts: [{ sku: 'JAM', name: 'Jam', quantity: 2, revenue: 1300 }],
      unmatchedMessages: 0,
    })
    expect(dash.body.days.at(-1)).toMatchObject({ orders: 1, revenue: 1300 })

    const csv = await c.get(`/api/shops/${slug}/orders.csv?status=paid`)
    expect(csv.status).toBe(200)
    const [header, row] = parseCsv(csv.text) ?? []
    const record = Object.fromEntries((header ?? []).map((h, i) => [h, row?.[i]]))
    expect(record).toMatchObject({
      code: placed.body.code,
      status: 'paid',
      customer_name: `'=HYPERLINK("x")`,
      customer_phone: '33611223344',
      items: '2 x Jam [JAM]',
      total: '13.00',
      currency: 'EUR',
    })
    const bad = await c.get(`/api/shops/${slug}/orders.csv?status=lost`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.field).toBe('status')
  })

  it('should tell the admin who is signed in, or null, without a 401', async () => {
    const c = new TestClient(app)
    const out = await c.get('/api/admin/session')
    expect(out.status).toBe(200)
    expect(out.headers.get('cache-control')).toBe('no-store')
    expect(out.body).toEqual({ merchant: null })
    const me = await c.signup()
    expect((await c.get('/api/admin/session')).body).toEqual({ merchant: me })
  })

  it("should answer 404 for another merchant's shop and 401 when signed out", async () => {
    const owner = new TestClient(app)
    const slug = await owner.signupWithShop()
    const other = new TestClient(app)
    await other.signupWithShop()
    for (const path of ['dashboard', 'products.csv', 'meta-feed.csv', 'orders.csv']) {
      const res = await other.get(`/api/shops/${slug}/${path}`)
      expect(res.status).toBe(404)
      expect((await new TestClient(app).get(`/api/shops/${slug}/${path}`)).status).toBe(401)
    }
    const res = await other.request('POST', `/api/shops/${slug}/products/import`, HEADER, {
      'content-type': 'text/csv',
    })
    expect(res.status).toBe(404)
  })

  it.skipIf(!existsSync(resolve(DIST_DIR, 'admin/index.html')))(
    'should serve the admin shell for any /admin path with a strict content policy',
    async () => {
      const res = await app.request('/admin/my-shop/orders/K7Q2M9')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/)
      const html = await res.text()
      const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? ''
      const asset = await app.request(script)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect((await app.request('/admin/assets/nope.js')).status).toBe(404)
    },
  )

  it('should keep a product picture in the image pipeline for the feed', async () => {
    const c = new TestClient(app)
    const slug = await c.signupWithShop()
    const png = await sharp({
      create: { width: 600, height: 600, channels: 3, background: '#3a7' },
    })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new File([new Uint8Array(png)], 'a.png', { type: 'image/png' }))
    const up = await c.post(`/api/shops/${slug}/images`, form)
    expect(up.status).toBe(201)
    const res = await importCsv(c, slug, `${HEADER}\nPIC,,Picture,,3.00,,,,true,,,${up.body.url}\n`)
    expect(res.status).toBe(200)
    const feed = parseCsv((await c.get(`/api/shops/${slug}/meta-feed.csv`)).text) ?? []
    expect(feed[1]?.[0]).toBe('PIC')
    expect(feed[1]?.[7]).toBe(`http://localhost:3000/media/jpeg/${up.body.hash}.jpg`)
    expect(feed[1]?.[2]).toBe('Picture from Test Shop')
  })
})
