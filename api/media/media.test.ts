import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'
import { detectImageFormat, processImage, UnsupportedImageError } from './image-pipeline.ts'

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 30 } } })

function upload(bytes: Uint8Array | Buffer, name = 'photo.jpg', type = 'image/jpeg') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name)
  return form
}

describe('image pipeline', () => {
  it('should recognise JPEG, PNG, WebP and GIF by their bytes only', async () => {
    const image = solid(4, 4)
    expect(detectImageFormat(await image.clone().jpeg().toBuffer())).toBe('jpeg')
    expect(detectImageFormat(await image.clone().png().toBuffer())).toBe('png')
    expect(detectImageFormat(await image.clone().webp().toBuffer())).toBe('webp')
    expect(detectImageFormat(await image.clone().gif().toBuffer())).toBe('gif')
    expect(detectImageFormat(new TextEncoder().encode('<svg xmlns="…"/>'))).toBeNull()
  })

  it('should shrink to 1200 and 400 px, turn upright by EXIF and drop metadata', async () => {
    const tall = await solid(1600, 800)
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret camera' } } })
      .toBuffer()
    const out = await processImage(tall)
    // Orientation 6 means "rotate 90°": the stored picture is portrait.
    expect({ width: out.width, height: out.height }).toEqual({ width: 600, height: 1200 })
    const thumb = await sharp(out.thumb).metadata()
    expect({ format: thumb.format, width: thumb.width, height: thumb.height }).toEqual({
      format: 'webp',
      width: 200,
      height: 400,
    })
    const display = await sharp(out.display).metadata()
    expect(display.exif).toBeUndefined()
    expect(display.orientation).toBeUndefined()
    expect(out.hash).toMatch(/^[0-9a-f]{32}$/)
  })

  it('should throw UnsupportedImageError for bytes that only look like an image', async () => {
    const truncated = (await solid(50, 50).png().toBuffer()).subarray(0, 40)
    await expect(processImage(truncated)).rejects.toBeInstanceOf(UnsupportedImageError)
    await expect(processImage(new TextEncoder().encode('hello'))).rejects.toBeInstanceOf(
      UnsupportedImageError,
    )
  })
})

describe.each(testEngines())('images and /media on %s', (engine) => {
  let t: TestDatabase
  let c: TestClient
  let slug: string
  let jpeg: Buffer
  beforeAll(async () => {
    t = await createTestDb(engine)
    c = new TestClient(createTestApp({ db: t.db }))
    slug = await c.signupWithShop()
    jpeg = await solid(300, 200).jpeg().toBuffer()
  })
  afterAll(() => t.destroy())

  it('should upload an image once and answer the same image the second time', async () => {
    const first = await c.post(`/api/shops/${slug}/images`, upload(jpeg))
    expect(first.status).toBe(201)
    expect(first.body).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{32}$/),
      width: 300,
      height: 200,
      url: `http://localhost:3000/media/${first.body.hash}.webp`,
      thumbUrl: `http://localhost:3000/media/${first.body.hash}-thumb.webp`,
    })
    const before = await tableCounts(t.db)
    const again = await c.post(`/api/shops/${slug}/images`, upload(jpeg, 'other-name.png'))
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should judge by content, not by the name or the declared type', async () => {
    const png = await solid(20, 10).png().toBuffer()
    const res = await c.post(`/api/shops/${slug}/images`, upload(png, 'x.txt', 'text/plain'))
    expect(res.status).toBe(201)
    const before = await tableCounts(t.db)
    const text = new TextEncoder().encode('just some words, not a picture')
    const fake = await c.post(`/api/shops/${slug}/images`, upload(text, 'cat.jpg', 'image/jpeg'))
    expect(fake.status).toBe(400)
    expect(fake.body.error).toMatchObject({ code: 'unsupported_image', field: 'file' })
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')
    const vector = await c.post(`/api/shops/${slug}/images`, upload(svg, 'a.svg', 'image/svg+xml'))
    expect(vector.body.error.code).toBe('unsupported_image')
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should ask for the multipart field "file"', async () => {
    const form = new FormData()
    form.append('image', new Blob([new Uint8Array(jpeg)]), 'a.jpg')
    const wrongField = await c.post(`/api/shops/${slug}/images`, form)
    expect(wrongField.status).toBe(400)
    expect(wrongField.body.error).toMatchObject({ code: 'required', field: 'file' })
    const json = await c.post(`/api/shops/${slug}/images`, { file: 'abc' })
    expect(json.status).toBe(400)
    expect(json.body.error.field).toBe('file')
  })

  it('should refuse a file over 8 MB with 413', async () => {
    const before = await tableCounts(t.db)
    const big = new Uint8Array(8 * 1024 * 1024 + 10)
    big.set(jpeg.subarray(0, 3))
    const res = await c.post(`/api/shops/${slug}/images`, upload(big))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
    const huge = await c.post(`/api/shops/${slug}/images`, upload(new Uint8Array(10 * 1024 * 1024)))
    expect(huge.status).toBe(413)
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should serve both sizes as immutable WebP with an ETag, and 304 on a match', async () => {
    const { hash } = (await c.post(`/api/shops/${slug}/images`, upload(jpeg))).body
    const display = await c.app.request(`/media/${hash}.webp`)
    expect(display.status).toBe(200)
    expect(display.headers.get('content-type')).toBe('image/webp')
    expect(display.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const etag = display.headers.get('etag') ?? ''
    expect(etag).toContain(hash)
    const bytes = new Uint8Array(await display.arrayBuffer())
    expect((await sharp(bytes).metadata()).width).toBe(300)
    const thumb = await c.app.request(`/media/${hash}-thumb.webp`)
    expect(thumb.status).toBe(200)
    expect(thumb.headers.get('etag')).not.toBe(etag)
    const cached = await c.app.request(`/media/${hash}.webp`, {
      headers: { 'if-none-match': etag },
    })
    expect(cached.status).toBe(304)
  })

  it('should answer 404 for unknown or malformed media names', async () => {
    expect((await c.app.request(`/media/${'0'.repeat(32)}.webp`)).status).toBe(404)
    expect((await c.app.request('/media/../../etc/passwd')).status).toBe(404)
    expect((await c.app.request('/media/abc.png')).status).toBe(404)
  })

  it('should list, read and delete images, removing them from products and the logo', async () => {
    const png = await solid(30, 30).png().toBuffer()
    const { hash } = (await c.post(`/api/shops/${slug}/images`, upload(png))).body
    const list = await c.get(`/api/shops/${slug}/images`)
    expect(list.status).toBe(200)
    expect(list.body.images.map((i: { hash: string }) => i.hash)).toContain(hash)
    expect((await c.get(`/api/shops/${slug}/images/${hash}`)).body).toMatchObject({ hash })
    const product = await c.post(`/api/shops/${slug}/products`, {
      sku: 'PIC',
      name: 'Pictured',
      price: 100,
      images: [hash],
    })
    expect(product.body.images.length).toBe(1)
    expect((await c.patch(`/api/shops/${slug}`, { logoImage: hash })).status).toBe(200)
    const res = await c.delete(`/api/shops/${slug}/images/${hash}`)
    expect(res.status).toBe(204)
    expect((await c.get(`/api/shops/${slug}/images/${hash}`)).status).toBe(404)
    expect((await c.get(`/api/shops/${slug}/products/${product.body.id}`)).body.images).toEqual([])
    expect((await c.get(`/api/shops/${slug}`)).body.logoImage).toBeNull()
    expect((await c.app.request(`/media/${hash}.webp`)).status).toBe(404)
    expect((await c.delete(`/api/shops/${slug}/images/${hash}`)).status).toBe(404)
  })

  it('should let another shop upload the same bytes as its own image', async () => {
    const other = new TestClient(c.app)
    const otherSlug = await other.signupWithShop()
    const mine = (await c.post(`/api/shops/${slug}/images`, upload(jpeg))).body.hash
    const res = await other.post(`/api/shops/${otherSlug}/images`, upload(jpeg))
    expect(res.status).toBe(201)
    expect(res.body.hash).toBe(mine)
    expect((await other.delete(`/api/shops/${otherSlug}/images/${mine}`)).status).toBe(204)
    expect((await c.get(`/api/shops/${slug}/images/${mine}`)).status).toBe(200)
  })
})
