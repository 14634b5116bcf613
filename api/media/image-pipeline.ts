import { createHash } from 'node:crypto'
import type Sharp from 'sharp'
import type { DbOrTrx } from '../../db/database.ts'
import { findShopImage, insertImage } from '../../db/images.queries.ts'

/** Uploads may be at most this large (the route's body limit leaves room for the multipart). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024

const DISPLAY_SIZE = 1200
const THUMB_SIZE = 400
// A small file can still decode to a huge bitmap; 40 megapixels is far above any product photo.
const MAX_INPUT_PIXELS = 40_000_000

let sharpModule: Promise<typeof Sharp> | undefined

/**
 * sharp, loaded on first use: libvips costs about 27 MB in every server process, and most
 * processes serve pages and orders without ever touching an image.
 */
export function loadSharp(): Promise<typeof Sharp> {
  sharpModule ??= import('sharp').then((m) => m.default)
  return sharpModule
}

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif'

export interface ProcessedImage {
  /** sha256 of the original bytes, hex, first 32 characters. */
  hash: string
  width: number
  height: number
  display: Uint8Array
  thumb: Uint8Array
}

/** Thrown when bytes are not a JPEG, PNG, WebP or GIF that can be decoded. */
export class UnsupportedImageError extends Error {
  constructor(message = 'Not a JPEG, PNG, WebP or GIF image') {
    super(message)
    this.name = 'UnsupportedImageError'
  }
}

/** Recognises an image by its magic bytes, never by its name or declared type. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to))
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png'
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  return null
}

/** The public name of an image: sha256 of the original bytes, hex, first 32 characters. */
export function imageHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32)
}

/**
 * The one image pipeline: checks the format by content, turns the image upright by its EXIF
 * orientation, drops all metadata, and encodes a display WebP (longest side ≤ 1200 px) and a
 * thumbnail WebP (≤ 400 px). Throws `UnsupportedImageError` for anything else.
 * @example const image = await processImage(new Uint8Array(await file.arrayBuffer()))
 */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  const format = detectImageFormat(bytes)
  if (!format) throw new UnsupportedImageError()
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const sharp = await loadSharp()
  const encode = (size: number) =>
    sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: size === THUMB_SIZE ? 70 : 80, effort: 2 })
      .toBuffer({ resolveWithObject: true })
  try {
    const metadata = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()
    if (metadata.format !== format) throw new UnsupportedImageError()
    const [display, thumb] = await Promise.all([encode(DISPLAY_SIZE), encode(THUMB_SIZE)])
    return {
      hash: imageHash(bytes),
      width: display.info.width,
      height: display.info.height,
      display: new Uint8Array(display.data),
      thumb: new Uint8Array(thumb.data),
    }
  } catch (err) {
    if (err instanceof UnsupportedImageError) throw err
    throw new UnsupportedImageError('The image could not be read')
  }
}

export interface StoredImage {
  hash: string
  width: number
  height: number
  created_at: Date
}

/**
 * Processes and stores an image for a shop. The same bytes twice give the same image: the second
 * call answers `created: false` without processing again.
 * @example const { image, created } = await storeShopImage(db, shop.id, bytes)
 */
export async function storeShopImage(
  db: DbOrTrx,
  shopId: string,
  bytes: Uint8Array,
): Promise<{ image: StoredImage; created: boolean }> {
  const existing = await findShopImage(db, shopId, imageHash(bytes))
  if (existing) return { image: existing, created: false }
  const processed = await processImage(bytes)
  const inserted = await insertImage(db, { shopId, ...processed })
  if (inserted) return { image: inserted, created: true }
  // Uploaded by a concurrent request meanwhile.
  const raced = await findShopImage(db, shopId, processed.hash)
  if (!raced) throw new Error('image vanished after a conflicting insert')
  return { image: raced, created: false }
}
