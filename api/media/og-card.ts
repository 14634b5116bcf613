import { createHash } from 'node:crypto'
import { isRtlLocale } from '../../core/locale.ts'
import { formatMoney } from '../../core/money.ts'
import { colorChannels, textColorOn } from '../../widget/contrast.ts'
import { loadSharp } from './image-pipeline.ts'

/** Link previews: the size WhatsApp, Instagram, Facebook and X show large. */
export const OG_WIDTH = 1200
export const OG_HEIGHT = 630
/** The largest preview some of these apps still fetch. */
export const OG_MAX_BYTES = 300 * 1024

// The storefront's accent colour (shop/storefront.css `--accent`): the colour of the shop's pages.
const SHOP_COLOR = '#075e54'
// Room around a logo, so a square one does not touch the edges of the preview.
const LOGO_MARGIN = 80
// Bumped when the drawing changes, so every preview gets a new URL.
const CARD_VERSION = 1

/** What a link preview shows; everything that changes its pixels is in its hash. */
export interface OgCardInput {
  shopName: string
  locale: string
  currency: string
  color: string
  /** The shop's logo (shop card) or the product's first photo: an image hash, or null. */
  imageHash: string | null
  product: { name: string; price: number } | null
}

interface CardShop {
  slug: string
  name: string
  locale: string
  currency: string
  logoUrl: string | null
}

interface CardProduct {
  slug: string
  name: string
  price: number
  images: { url: string }[]
}

/** The image hash at the end of a `/media/{hash}.webp` URL. */
function hashOfMediaUrl(url: string | undefined | null): string | null {
  return (url && /([a-f0-9]{32})\.webp$/.exec(url)?.[1]) || null
}

/** The preview of a shop page: its logo, else a card with its name. */
export function shopCardInput(shop: CardShop): OgCardInput {
  return {
    shopName: shop.name,
    locale: shop.locale,
    currency: shop.currency,
    color: SHOP_COLOR,
    imageHash: hashOfMediaUrl(shop.logoUrl),
    product: null,
  }
}

/** The preview of a product page: its first photo, else a card with its name and price. */
export function productCardInput(shop: CardShop, product: CardProduct): OgCardInput {
  return {
    shopName: shop.name,
    locale: shop.locale,
    currency: shop.currency,
    color: SHOP_COLOR,
    imageHash: hashOfMediaUrl(product.images[0]?.url),
    product: { name: product.name, price: product.price },
  }
}

/** A short hash of everything drawn on the preview: any change gives a new URL. */
export function ogCardHash(input: OgCardInput): string {
  return createHash('sha256')
    .update(JSON.stringify([CARD_VERSION, input]))
    .digest('hex')
    .slice(0, 12)
}

/**
 * The preview's absolute URL and what `og:image:*` says of it.
 * @example ogImageMeta(publicUrl, 'demo', shopCardInput(catalog.shop))
 */
export function ogImageMeta(
  publicUrl: string,
  slug: string,
  input: OgCardInput,
  productSlug?: string,
) {
  const path = productSlug ? `${slug}/p/${productSlug}` : slug
  return {
    url: `${publicUrl}/media/og/${path}/${ogCardHash(input)}.jpg`,
    width: OG_WIDTH,
    height: OG_HEIGHT,
    type: 'image/jpeg',
  }
}

function xmlEscape(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] ?? ch,
  )
}

/**
 * The width of a character in units of an average lowercase letter of DejaVu Sans: East Asian
 * characters are about twice as wide, capitals and W/M wider, i, l and punctuation narrower.
 */
function charWidth(ch: string): number {
  if ((ch.codePointAt(0) ?? 0) >= 0x2e80) return 2
  if (/[WMmw@%]/.test(ch)) return 1.8
  if (/[A-Z]/.test(ch)) return 1.25
  if (/[ijlft.,:;'|! ]/.test(ch)) return 0.6
  return 1
}
const widthOf = (text: string) => [...text].reduce((sum, ch) => sum + charWidth(ch), 0)

/** Lines of at most `max` character widths, at most `lines` of them, the last cut with `…`. */
export function wrapText(text: string, max: number, lines: number): string[] {
  const all: string[] = []
  let line = ''
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    let rest = word
    // A word longer than a line is split where the line ends.
    while (widthOf(rest) > max) {
      if (line) all.push(line)
      line = ''
      const head = truncate(rest, max + 1).slice(0, -1)
      all.push(head)
      rest = rest.slice(head.length)
    }
    if (!rest) continue
    const candidate = line ? `${line} ${rest}` : rest
    if (widthOf(candidate) <= max) line = candidate
    else {
      all.push(line)
      line = rest
    }
  }
  if (line) all.push(line)
  if (all.length <= lines) return all
  return [...all.slice(0, lines - 1), truncate(all.slice(lines - 1).join(' '), max)]
}

/** `text` cut to at most `max` character widths, ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  if (widthOf(text) <= max) return text
  let out = ''
  for (const ch of text) {
    if (widthOf(out + ch) > max - 1) break
    out += ch
  }
  return `${out.trimEnd()}…`
}

const RTL_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/

/** The card drawn when there is no photo: shop colour, shop name, and a product's name and price. */
export function ogCardSvg(input: OgCardInput): string {
  const ink = textColorOn(colorChannels(input.color))
  const rtl = isRtlLocale(input.locale)
  const x = rtl ? OG_WIDTH - 80 : 80
  const anchor = rtl ? 'end' : 'start'
  // DejaVu Sans (and any sans-serif fallback) carries Latin, Greek, Cyrillic and Arabic glyphs.
  const family = "'DejaVu Sans', 'Noto Sans', sans-serif"
  const text = (y: number, size: number, weight: number, content: string, opacity = 1) => {
    const dir = RTL_TEXT.test(content) ? 'rtl' : 'ltr'
    // With direction="rtl" the start of a line is its right end.
    const a = dir === 'rtl' ? (anchor === 'end' ? 'start' : 'end') : anchor
    return `<text x="${x}" y="${y}" font-family="${family}" font-size="${size}" font-weight="${weight}" fill="${ink}" fill-opacity="${opacity}" text-anchor="${a}" direction="${dir}" unicode-bidi="embed">${xmlEscape(content)}</text>`
  }
  const parts: string[] = []
  if (input.product) {
    parts.push(text(130, 40, 400, truncate(input.shopName, 42), 0.85))
    const name = wrapText(input.product.name, 24, 2)
    name.forEach((line, i) => {
      parts.push(text(290 + i * 80, 64, 700, line))
    })
    const price = formatMoney(input.product.price, input.currency, input.locale)
    parts.push(text(name.length > 1 ? 500 : 420, 60, 700, truncate(price, 28)))
  } else {
    const name = wrapText(input.shopName, 19, 2)
    const top = name.length > 1 ? 270 : 340
    name.forEach((line, i) => {
      parts.push(text(top + i * 100, 80, 700, line))
    })
    parts.push(
      `<rect x="${rtl ? OG_WIDTH - 200 : 80}" y="${top + name.length * 100 - 30}" width="120" height="10" rx="5" fill="${ink}" fill-opacity="0.6"/>`,
    )
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${OG_WIDTH}" height="${OG_HEIGHT}" viewBox="0 0 ${OG_WIDTH} ${OG_HEIGHT}"><rect width="100%" height="100%" fill="${input.color}"/>${parts.join('')}</svg>`
}

/**
 * The preview as a 1200×630 JPEG of at most 300 KB: the photo (`fit: cover`) or logo (`contain`
 * on the shop colour) when there is one, else the card of `ogCardSvg`.
 * @example const jpeg = await renderOgImage(input, photoBytes)
 */
export async function renderOgImage(
  input: OgCardInput,
  source: Uint8Array | null,
): Promise<Uint8Array> {
  const sharp = await loadSharp()
  const picture = source && sharp(Buffer.from(source.buffer, source.byteOffset, source.byteLength))
  const background = input.color
  const base = !picture
    ? sharp(Buffer.from(ogCardSvg(input)))
    : input.product
      ? picture.resize({ width: OG_WIDTH, height: OG_HEIGHT, fit: 'cover' })
      : // A logo whole, with a margin of the shop colour around it.
        picture
          .resize({
            width: OG_WIDTH - 2 * LOGO_MARGIN,
            height: OG_HEIGHT - 2 * LOGO_MARGIN,
            fit: 'contain',
            background,
          })
          .extend({
            top: LOGO_MARGIN,
            bottom: LOGO_MARGIN,
            left: LOGO_MARGIN,
            right: LOGO_MARGIN,
            background,
          })
  const pixels = await base.flatten({ background }).png().toBuffer()
  for (const quality of [82, 70, 55, 40]) {
    const jpeg = await sharp(pixels).jpeg({ quality, mozjpeg: true }).toBuffer()
    if (jpeg.byteLength <= OG_MAX_BYTES) return new Uint8Array(jpeg)
  }
  return new Uint8Array(await sharp(pixels).jpeg({ quality: 25, mozjpeg: true }).toBuffer())
}
