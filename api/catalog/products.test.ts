import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

const pixel = (r: number) =>
  sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 80, b: 40 } } })
    .png()
    .toBuffer()

describe.each(testEngines())('products on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  let categoryId: string
  let imageHash: string
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
    categoryId = (await c.post(`/api/shops/${slug}/categories`, { name: 'Tees' })).body.id
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await pixel(10))]), 'p.png')
    imageHash = (await c.post(`/api/shops/${slug}/images`, form)).body.hash
  })
  afterAll(() => t.destroy())

  const shirt = {
    sku: 'TEE',
    name: 'Blue T-shirt',
    price: 1990,
    options: [
      { name: 'Size', values: ['S', 'M', 'L'] },
      { name: 'Colour', values: ['Blue'] },
    ],
    variants: [
      { sku: 'TEE-S', options: { Size: 'S', Colour: 'Blue' } },
      { sku: 'TEE-M', options: { Size: 'M', Colour: 'Blue' }, price: 2190, stock: 3 },
    ],
  }

  it('should create a product with variants, images and a slug from its name', async () => {
    const res = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      description: 'Soft cotton',
      compareAtPrice: 2490,
      categoryId,
      images: [imageHash],
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      sku: 'TEE',
      slug: 'blue-t-shirt',
      url: `http://localhost:3000/${slug}/p/blue-t-shirt`,
      name: 'Blue T-shirt',
      description: 'Soft cotton',
      price: 1990,
      compareAtPrice: 2490,
      categoryId,
      stock: null,
      active: true,
      options: shirt.options,
      images: [
        {
          hash: imageHash,
          width: 8,
          height: 6,
          url: `http://localhost:3000/media/${imageHash}.webp`,
          thumbUrl: `http://localhost:3000/media/${imageHash}-thumb.webp`,
        },
      ],
    })
    expect(res.body.variants).toMatchObject([
      { sku: 'TEE-S', options: { Size: 'S', Colour: 'Blue' }, price: null, stock: null },
      { sku: 'TEE-M', price: 2190, stock: 3, active: true },
    ])
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('should number the slug when another product has the same name', async () => {
    const res = await c.post(`/api/shops/${slug}/products`, {
      sku: 'TEE2',
      name: 'Blue T-shirt',
      price: 1,
    })
    expect(res.status).toBe(201)
    expect(res.body.slug).toBe('blue-t-shirt-2')
  })

  it('should accept a chosen slug and refuse one already used with 409', async () => {
    const ok = await c.post(`/api/shops/${slug}/products`, {
      sku: 'CHOSEN',
      name: 'Whatever',
      price: 1,
      slug: 'my-pick',
    })
    expect(ok.body.slug).toBe('my-pick')
    const taken = await c.post(`/api/shops/${slug}/products`, {
      sku: 'CHOSEN2',
      name: 'Whatever',
      price: 1,
      slug: 'my-pick',
    })
    expect(taken.status).toBe(409)
    expect(taken.body.error).toMatchObject({ code: 'slug_taken', field: 'slug' })
  })

  it('should refuse a SKU used by a product or by a variant, naming the field', async () => {
    const before = await tableCounts(t.db)
    const product = await c.post(`/api/shops/${slug}/products`, { ...shirt, variants: [] })
    expect(product.status).toBe(409)
    expect(product.body.error).toMatchObject({ code: 'sku_taken', field: 'sku' })
    const asProduct = await c.post(`/api/shops/${slug}/products`, {
      sku: 'TEE-M',
      name: 'Clash',
      price: 1,
    })
    expect(asProduct.body.error).toMatchObject({ code: 'sku_taken', field: 'sku' })
    const asVariant = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      sku: 'OTHER',
      variants: [
        { sku: 'FREE', options: { Size: 'S', Colour: 'Blue' } },
        { sku: 'TEE-S', options: { Size: 'M', Colour: 'Blue' } },
      ],
    })
    expect(asVariant.status).toBe(409)
    expect(asVariant.body.error).toMatchObject({ code: 'sku_taken', field: 'variants.1.sku' })
    const twice = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      sku: 'OTHER',
      variants: [
        { sku: 'DUP', options: { Size: 'S', Colour: 'Blue' } },
        { sku: 'DUP', options: { Size: 'M', Colour: 'Blue' } },
      ],
    })
    expect(twice.body.error).toMatchObject({ code: 'sku_taken', field: 'variants.1.sku' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse bad prices, stock and SKUs with a 400 naming the field', async () => {
    const before = await tableCounts(t.db)
    const cases: [object, string][] = [
      [{ price: -1 }, 'price'],
      [{ price: 1.5 }, 'price'],
      [{ price: '12' }, 'price'],
      [{ compareAtPrice: -5 }, 'compareAtPrice'],
      [{ stock: -1 }, 'stock'],
      [{ stock: 2.5 }, 'stock'],
      [{ sku: 'has space' }, 'sku'],
      [{ sku: 'x'.repeat(65) }, 'sku'],
      [{ sku: '' }, 'sku'],
      [{ categoryId: 'nope' }, 'categoryId'],
      [{ images: ['not-a-hash'] }, 'images.0'],
      [{ slug: 'Not A Slug' }, 'slug'],
    ]
    for (const [patch, field] of cases) {
      const res = await c.post(`/api/shops/${slug}/products`, {
        sku: 'FINE',
        name: 'Fine',
        price: 100,
        ...patch,
      })
      expect(res.status, JSON.stringify(patch)).toBe(400)
      expect(res.body.error.field, JSON.stringify(patch)).toBe(field)
    }
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse a category or an image of no such thing in this shop', async () => {
    const before = await tableCounts(t.db)
    const cat = await c.post(`/api/shops/${slug}/products`, {
      sku: 'REF',
      name: 'Ref',
      price: 1,
      categoryId: '00000000-0000-4000-8000-000000000000',
    })
    expect(cat.status).toBe(400)
    expect(cat.body.error).toMatchObject({ code: 'not_found', field: 'categoryId' })
    const image = await c.post(`/api/shops/${slug}/products`, {
      sku: 'REF',
      name: 'Ref',
      price: 1,
      images: [imageHash, 'a'.repeat(32)],
    })
    expect(image.body.error).toMatchObject({ code: 'not_found', field: 'images.1' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should refuse variants naming unknown options or values, or repeating a combination', async () => {
    const before = await tableCounts(t.db)
    const base = { sku: 'VAR', name: 'Var', price: 1, options: shirt.options }
    const name = await c.post(`/api/shops/${slug}/products`, {
      ...base,
      variants: [{ sku: 'VAR-1', options: { Fabric: 'Silk' } }],
    })
    expect(name.status).toBe(400)
    expect(name.body.error.field).toBe('variants.0.options')
    const value = await c.post(`/api/shops/${slug}/products`, {
      ...base,
      variants: [{ sku: 'VAR-1', options: { Size: 'XXL' } }],
    })
    expect(value.body.error.field).toBe('variants.0.options')
    const repeat = await c.post(`/api/shops/${slug}/products`, {
      ...base,
      variants: [
        { sku: 'VAR-1', options: { Size: 'S', Colour: 'Blue' } },
        { sku: 'VAR-2', options: { Size: 'S', Colour: 'Blue' } },
      ],
    })
    expect(repeat.body.error.field).toBe('variants.1.options')
    // One rule with the CSV import: a variant picks a value of every option.
    const partial = await c.post(`/api/shops/${slug}/products`, {
      ...base,
      variants: [{ sku: 'VAR-1', options: { Size: 'S' } }],
    })
    expect(partial.status).toBe(400)
    expect(partial.body.error).toMatchObject({
      field: 'variants.0.options',
      message: 'Choose a value of Colour',
    })
    const sameName = await c.post(`/api/shops/${slug}/products`, {
      ...base,
      options: [
        { name: 'Size', values: ['S'] },
        { name: 'Size', values: ['M'] },
      ],
    })
    expect(sameName.body.error.field).toBe('options')
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should filter the list by text, category and active flag', async () => {
    await c.post(`/api/shops/${slug}/products`, {
      sku: 'HIDDEN-MUG',
      name: '100% Mug',
      price: 500,
      active: false,
    })
    const q = await c.get(`/api/shops/${slug}/products?q=mug`)
    expect(q.status).toBe(200)
    expect(q.body.products.map((p: { sku: string }) => p.sku)).toEqual(['HIDDEN-MUG'])
    const percent = await c.get(`/api/shops/${slug}/products?q=${encodeURIComponent('0%')}`)
    expect(percent.body.products.map((p: { sku: string }) => p.sku)).toEqual(['HIDDEN-MUG'])
    const inCategory = await c.get(`/api/shops/${slug}/products?categoryId=${categoryId}`)
    expect(inCategory.body.products.map((p: { sku: string }) => p.sku)).toEqual(['TEE'])
    const none = await c.get(`/api/shops/${slug}/products?categoryId=none`)
    expect(none.body.products.map((p: { sku: string }) => p.sku)).not.toContain('TEE')
    const inactive = await c.get(`/api/shops/${slug}/products?active=false`)
    expect(inactive.body.products.map((p: { sku: string }) => p.sku)).toEqual(['HIDDEN-MUG'])
    const all = await c.get(`/api/shops/${slug}/products`)
    expect(all.body.products[0].variants.length).toBe(2)
  })

  it('should refuse a malformed list filter', async () => {
    const res = await c.get(`/api/shops/${slug}/products?active=maybe`)
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('active')
  })

  it('should patch fields and keep the ids of variants whose SKU stays', async () => {
    const created = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      sku: 'PATCH',
      variants: [
        { sku: 'PATCH-S', options: { Size: 'S', Colour: 'Blue' } },
        { sku: 'PATCH-M', options: { Size: 'M', Colour: 'Blue' } },
      ],
    })
    const keptId = created.body.variants[1].id
    const res = await c.patch(`/api/shops/${slug}/products/${created.body.id}`, {
      name: 'Renamed',
      price: 2500,
      stock: 0,
      variants: [
        { sku: 'PATCH-L', options: { Size: 'L', Colour: 'Blue' } },
        { sku: 'PATCH-M', options: { Size: 'M', Colour: 'Blue' }, stock: 7 },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      name: 'Renamed',
      price: 2500,
      stock: 0,
      slug: 'blue-t-shirt-3',
    })
    expect(res.body.variants.map((v: { sku: string }) => v.sku)).toEqual(['PATCH-L', 'PATCH-M'])
    expect(res.body.variants[1]).toMatchObject({ id: keptId, stock: 7, position: 1 })
    const gone = await t.db
      .selectFrom('product_variants')
      .select('id')
      .where('sku', '=', 'PATCH-S')
      .execute()
    expect(gone).toEqual([])
  })

  it('should refuse options that would leave existing variants invalid, changing nothing', async () => {
    const created = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      sku: 'OPT',
      variants: [{ sku: 'OPT-S', options: { Size: 'S', Colour: 'Blue' } }],
    })
    const res = await c.patch(`/api/shops/${slug}/products/${created.body.id}`, {
      name: 'Changed',
      options: [{ name: 'Size', values: ['M'] }],
    })
    expect(res.status).toBe(400)
    expect(res.body.error.field).toBe('variants.0.options')
    const after = await c.get(`/api/shops/${slug}/products/${created.body.id}`)
    expect(after.body.name).toBe('Blue T-shirt')
  })

  it('should refuse a patch that takes another product SKU', async () => {
    const created = await c.post(`/api/shops/${slug}/products`, {
      sku: 'SOLO',
      name: 'Solo',
      price: 1,
    })
    const res = await c.patch(`/api/shops/${slug}/products/${created.body.id}`, { sku: 'TEE-M' })
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'sku_taken', field: 'sku' })
    const same = await c.patch(`/api/shops/${slug}/products/${created.body.id}`, { sku: 'SOLO' })
    expect(same.status).toBe(200)
  })

  it('should delete a product and its variants', async () => {
    const created = await c.post(`/api/shops/${slug}/products`, {
      ...shirt,
      sku: 'DEL',
      variants: [{ sku: 'DEL-S', options: { Size: 'S', Colour: 'Blue' } }],
    })
    const res = await c.delete(`/api/shops/${slug}/products/${created.body.id}`)
    expect(res.status).toBe(204)
    expect((await c.get(`/api/shops/${slug}/products/${created.body.id}`)).status).toBe(404)
    const variants = await t.db
      .selectFrom('product_variants')
      .select('id')
      .where('sku', '=', 'DEL-S')
      .execute()
    expect(variants).toEqual([])
    expect((await c.delete(`/api/shops/${slug}/products/${created.body.id}`)).status).toBe(404)
  })

  it('should answer 404 for a missing or malformed product id', async () => {
    expect((await c.get(`/api/shops/${slug}/products/nope`)).status).toBe(404)
    const res = await c.patch(`/api/shops/${slug}/products/00000000-0000-4000-8000-000000000000`, {
      name: 'x',
    })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('should let two shops use the same SKU', async () => {
    const other = new TestClient(c.app)
    const otherSlug = await other.signupWithShop()
    const res = await other.post(`/api/shops/${otherSlug}/products`, {
      sku: 'TEE',
      name: 'Blue T-shirt',
      price: 1,
    })
    expect(res.status).toBe(201)
    expect(res.body.slug).toBe('blue-t-shirt')
  })
})
