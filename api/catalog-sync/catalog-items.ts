import { toMajorUnits } from '../../core/money.ts'
import type { ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import { feedImageUrl } from '../admin/meta-feed.ts'

// The items of Meta's Catalog Batch API (`POST /{catalog-id}/items_batch`, item_type
// PRODUCT_ITEM): `data.id` is our SKU, the `product_retailer_id` of WhatsApp carts. Fields and
// formats as in the catalog feed (api/admin/meta-feed.ts): `price` "12.34 EUR", availability
// "in stock" / "out of stock", one item per active variant grouped by the product's SKU.

/** One request of an items_batch call. */
export type CatalogRequest =
  | { method: 'UPDATE'; data: CatalogItemData }
  | { method: 'DELETE'; data: { id: string } }

export interface CatalogItemData {
  id: string
  title: string
  description: string
  availability: 'in stock' | 'out of stock'
  condition: 'new'
  price: string
  sale_price?: string
  link: string
  image_link: string
  additional_image_link?: string[]
  brand: string
  item_group_id?: string
  inventory?: number
  color?: string
  size?: string
}

/** What a SKU asks of the catalog now, or why it cannot be sent. */
export type CatalogItemPlan = CatalogRequest | { method: 'REFUSED'; error: string }

const COLOR = /^(colou?r|couleur|farbe|color[ei]?|cor)$/i
const SIZE = /^(size|taille|größe|grosse|talla|taglia|tamanho)$/i

function plainText(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function money(amount: number, currency: string): string {
  return `${toMajorUnits(amount, currency)} ${currency}`
}

export interface CatalogSources {
  shop: { slug: string; name: string; currency: string }
  publicUrl: string
  products: ProductRow[]
  variants: ProductVariantRow[]
  /** Active variants per product id. */
  activeVariants: ReadonlyMap<string, number>
}

/** Meta refuses an item without an image; the merchant reads this beside the product. */
export const NO_IMAGE_ERROR = 'Add a photo: Meta’s catalog takes no product without one'

/**
 * What to send for `sku`: an upsert of the product or variant it names when that is active and
 * sellable as an item of its own, else a deletion (a removed or inactive SKU, or the SKU of a
 * product whose active variants are the items).
 */
export function planCatalogItem(sku: string, sources: CatalogSources): CatalogItemPlan {
  const { shop, publicUrl } = sources
  const variant = sources.variants.find((v) => v.sku === sku)
  const product = variant
    ? sources.products.find((p) => p.id === variant.product_id)
    : sources.products.find((p) => p.sku === sku)
  const remove: CatalogRequest = { method: 'DELETE', data: { id: sku } }
  if (!product?.active) return remove
  if (variant && !variant.active) return remove
  if (!variant && (sources.activeVariants.get(product.id) ?? 0) > 0) return remove
  const [cover, ...more] = product.images
  if (!cover) return { method: 'REFUSED', error: NO_IMAGE_ERROR }

  const values = variant ? Object.values(variant.options) : []
  const title = values.length ? `${product.name} (${values.join(' / ')})` : product.name
  const price = variant?.price ?? product.price
  const compareAt = variant
    ? (variant.compare_at_price ?? (variant.price === null ? product.compare_at_price : null))
    : product.compare_at_price
  const stock = variant ? variant.stock : product.stock
  const onSale = compareAt !== null && compareAt > price
  const description = plainText(product.description)
  const productLink = `${publicUrl}/${shop.slug}/p/${product.slug}`
  const pick = (pattern: RegExp) =>
    variant ? Object.entries(variant.options).find(([name]) => pattern.test(name))?.[1] : undefined
  const color = pick(COLOR)
  const size = pick(SIZE)
  const data: CatalogItemData = {
    id: sku,
    title: title.slice(0, 100),
    description: (description && description !== title
      ? description
      : `${title} from ${shop.name}`
    ).slice(0, 5000),
    availability: stock === null || stock > 0 ? 'in stock' : 'out of stock',
    condition: 'new',
    price: money(onSale ? compareAt : price, shop.currency),
    link: variant ? `${productLink}?sku=${encodeURIComponent(sku)}` : productLink,
    image_link: feedImageUrl(publicUrl, cover),
    brand: shop.name.slice(0, 100),
  }
  if (onSale) data.sale_price = money(price, shop.currency)
  if (more.length)
    data.additional_image_link = more.slice(0, 20).map((hash) => feedImageUrl(publicUrl, hash))
  if (variant) data.item_group_id = product.sku
  if (stock !== null) data.inventory = Math.max(0, stock)
  if (color) data.color = color
  if (size) data.size = size
  return { method: 'UPDATE', data }
}
