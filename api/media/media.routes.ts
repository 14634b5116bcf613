import { Hono } from 'hono'
import {
  deleteShopImage,
  findMediaBytes,
  findShopImage,
  listShopImages,
} from '../../db/images.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { imageJson } from '../catalog/catalog-json.ts'
import { AppError, invalidField, notFound } from '../errors.ts'
import { limitBody } from '../middleware/body-limit.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { MAX_IMAGE_BYTES, storeShopImage, UnsupportedImageError } from './image-pipeline.ts'

// Room for the multipart envelope around an 8 MB file.
const UPLOAD_BODY_LIMIT = 9 * 1024 * 1024
const HASH = /^[a-f0-9]{32}$/

async function readUpload(c: { req: { parseBody(): Promise<Record<string, unknown>> } }) {
  let form: Record<string, unknown>
  try {
    form = await c.req.parseBody()
  } catch (err) {
    if (err instanceof AppError) throw err // the body limit
    throw invalidField('file', 'Send the image as multipart/form-data field "file"')
  }
  const file = form.file
  if (!(file instanceof File)) {
    throw new AppError(
      400,
      'required',
      'Send the image as multipart/form-data field "file"',
      'file',
    )
  }
  if (file.size > MAX_IMAGE_BYTES) {
    throw new AppError(413, 'payload_too_large', 'Images may be at most 8 MB', 'file')
  }
  return new Uint8Array(await file.arrayBuffer())
}

/** Shop images (upload, list, delete) and `/media/{hash}.webp`, which serves them to anyone. */
export function mediaRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug/images'

  routes.post(base, limitBody(UPLOAD_BODY_LIMIT), requireOwnedShop(), async (c) => {
    const bytes = await readUpload(c)
    try {
      const { image, created } = await storeShopImage(c.var.db, c.var.shop.id, bytes)
      return c.json(imageJson(image, c.var.config.publicUrl), created ? 201 : 200)
    } catch (err) {
      if (err instanceof UnsupportedImageError)
        throw new AppError(400, 'unsupported_image', `${err.message}`, 'file')
      throw err
    }
  })

  routes.get(base, requireOwnedShop(), async (c) => {
    const images = await listShopImages(c.var.db, c.var.shop.id)
    return c.json({
      images: images.map((image) => ({
        ...imageJson(image, c.var.config.publicUrl),
        createdAt: image.created_at.toISOString(),
      })),
    })
  })

  routes.get(`${base}/:hash`, requireOwnedShop(), async (c) => {
    const hash = c.req.param('hash')
    const image = HASH.test(hash) ? await findShopImage(c.var.db, c.var.shop.id, hash) : undefined
    if (!image) throw notFound('Image')
    return c.json({
      ...imageJson(image, c.var.config.publicUrl),
      createdAt: image.created_at.toISOString(),
    })
  })

  routes.delete(`${base}/:hash`, requireOwnedShop(), async (c) => {
    const hash = c.req.param('hash')
    const shopId = c.var.shop.id
    const deleted =
      HASH.test(hash) &&
      (await c.var.db.transaction().execute((trx) => deleteShopImage(trx, shopId, hash)))
    if (!deleted) throw notFound('Image')
    return c.body(null, 204)
  })

  // The name is the content hash, so the bytes behind a URL never change.
  routes.get('/media/:file', async (c) => {
    const match = /^([a-f0-9]{32})(-thumb)?\.webp$/.exec(c.req.param('file'))
    if (!match?.[1]) throw notFound('Image')
    const hash = match[1]
    const size = match[2] ? 'thumb' : 'display'
    const etag = `"${hash}${match[2] ?? ''}"`
    const headers = {
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
    }
    if (c.req.header('if-none-match')?.includes(etag)) return c.body(null, 304, headers)
    const row = await findMediaBytes(c.var.db, hash, size)
    if (!row) throw notFound('Image')
    return c.body(new Uint8Array(row.bytes), 200, { ...headers, 'Content-Type': 'image/webp' })
  })

  return routes
}
