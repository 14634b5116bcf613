import { toMajorUnits } from '../../core/money.ts'
import type { ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import { spreadsheetSafe } from './csv.ts'

/** Columns of the Meta catalog feed we write: the required ones first. */
export const META_FEED_COLUMNS = [
  'id',
  'title',
  'description',
  'availability',
  'condition',
  'price',
  'link',
  'image_link',
  'brand',
  'item_group_id',
  'sale_price',
  'additional_image_link',
  'color',
  'size',
  'status',
  'quantity_to_sell_on_facebook',
] as const

const COLOR = /^(colou?r|couleur|farbe|color[ei]?|cor)$/i
const SIZE = /^(size|taille|größe|grosse|talla|taglia|tamanho)$/i

/** A JPEG of an uploaded image (Meta takes JPEG or PNG, not WebP); served by the admin routes. */
export function feedImageUrl(publicUrl: string, hash: string): string {
  return `${publicUrl}/media/jpeg/${hash}.jpg`
}

function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function money(amount: number, currency: string): string {
  return `${toMajorUnits(amount, currency)} ${currency}`
}

/**
 * One feed row per active product without variants, and one per active variant otherwise (grouped
 * by `item_group_id` = the product's SKU). `id` is always our SKU, so WhatsApp carts name it.
 * Products without an image are left out: Meta refuses items without `image_link`.
 */
export function metaFeedRows(args: {
  shop: { slug: string; name: string; currency: string }
  products: ProductRow[]
  variants: ProductVariantRow[]
  publicUrl: string
}): string[][] {
  const { shop, publicUrl } = args
  const rows: string[][] = [[...META_FEED_COLUMNS]]
  const brand = shop.name.slice(0, 100)
  for (const product of args.products) {
    if (!product.active) continue
    const [cover, ...more] = product.images
    if (!cover) continue
    const link = `${publicUrl}/${shop.slug}/p/${product.slug}`
    const baseDescription = plainText(product.description)
    const row = (item: {
      id: string
      title: string
      price: number
      compareAt: number | null
      stock: number | null
      group: string
      color: string
      size: string
      link: string
    }) => {
      const onSale = item.compareAt !== null && item.compareAt > item.price
      const description =
        baseDescription && baseDescription !== item.title
          ? baseDescription
          : `${item.title} from ${shop.name}`
      // Merchants open the feed in spreadsheets too. `id` and `item_group_id` stay exact: they
      // are SKUs (letters, digits, `.`, `_`, `-`), which cannot make a harmful formula, and WhatsApp
      // carts name them.
      return [
        item.id,
        spreadsheetSafe(item.title.slice(0, 200)),
        spreadsheetSafe(description.slice(0, 9999)),
        item.stock === null || item.stock > 0 ? 'in stock' : 'out of stock',
        'new',
        money(onSale && item.compareAt !== null ? item.compareAt : item.price, shop.currency),
        item.link,
        feedImageUrl(publicUrl, cover),
        spreadsheetSafe(brand),
        item.group,
        onSale ? money(item.price, shop.currency) : '',
        more
          .slice(0, 20)
          .map((hash) => feedImageUrl(publicUrl, hash))
          .join(','),
        spreadsheetSafe(item.color),
        spreadsheetSafe(item.size),
        'active',
        item.stock === null ? '' : String(item.stock),
      ]
    }
    const variants = args.variants.filter((v) => v.product_id === product.id && v.active)
    if (variants.length === 0) {
      rows.push(
        row({
          id: product.sku,
          title: product.name,
          price: product.price,
          compareAt: product.compare_at_price,
          stock: product.stock,
          group: '',
          color: '',
          size: '',
          link,
        }),
      )
      continue
    }
    for (const variant of variants) {
      const values = Object.values(variant.options)
      const pick = (pattern: RegExp) =>
        Object.entries(variant.options).find(([name]) => pattern.test(name))?.[1] ?? ''
      rows.push(
        row({
          id: variant.sku,
          title: values.length ? `${product.name} (${values.join(' / ')})` : product.name,
          price: variant.price ?? product.price,
          compareAt:
            variant.compare_at_price ?? (variant.price === null ? product.compare_at_price : null),
          stock: variant.stock,
          group: product.sku,
          color: pick(COLOR),
          size: pick(SIZE),
          link: `${link}?sku=${encodeURIComponent(variant.sku)}`,
        }),
      )
    }
  }
  return rows
}
