import type { CategoryRow } from '../../db/schema/categories.ts'
import type { ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import type { ShippingMethodRow } from '../../db/schema/shipping-methods.ts'
import type { MetaSyncJson } from '../catalog-sync/sync-state.ts'
import { mediaUrl } from '../shops/shop-json.ts'

export interface ImageInfo {
  hash: string
  width: number
  height: number
}

/** An uploaded image as the API shows it: its hash, size and absolute URLs. */
export function imageJson(image: ImageInfo, publicUrl: string) {
  return {
    hash: image.hash,
    width: image.width,
    height: image.height,
    url: mediaUrl(publicUrl, image.hash),
    thumbUrl: mediaUrl(publicUrl, image.hash, 'thumb'),
  }
}

/** A category as its owner sees it. */
export function categoryJson(category: CategoryRow) {
  return {
    id: category.id,
    name: category.name,
    position: category.position,
    createdAt: category.created_at.toISOString(),
  }
}

/** A variant as its owner sees it (price null means the product's price). */
export function variantJson(variant: ProductVariantRow) {
  return {
    id: variant.id,
    sku: variant.sku,
    options: variant.options,
    price: variant.price,
    compareAtPrice: variant.compare_at_price,
    stock: variant.stock,
    active: variant.active,
    position: variant.position,
  }
}

/** A product as its owner sees it, with its variants and images (in gallery order). */
export function productJson(
  product: ProductRow,
  context: {
    shopSlug: string
    publicUrl: string
    variants: ProductVariantRow[]
    images: ReadonlyMap<string, ImageInfo>
  },
) {
  const images = product.images.flatMap((hash) => {
    const image = context.images.get(hash)
    return image ? [imageJson(image, context.publicUrl)] : []
  })
  return {
    id: product.id,
    sku: product.sku,
    slug: product.slug,
    url: `${context.publicUrl}/${context.shopSlug}/p/${product.slug}`,
    name: product.name,
    description: product.description,
    price: product.price,
    compareAtPrice: product.compare_at_price,
    categoryId: product.category_id,
    stock: product.stock,
    active: product.active,
    position: product.position,
    options: product.options,
    images,
    variants: context.variants.map(variantJson),
    createdAt: product.created_at.toISOString(),
    updatedAt: product.updated_at.toISOString(),
  }
}

/**
 * A product as the owner's product routes send it: `productJson` and where it stands in the
 * shop's Meta catalog (null when the shop does not sync: no catalog id or no access token).
 */
export function ownerProductJson(
  product: ProductRow,
  context: Parameters<typeof productJson>[1] & { metaSync: MetaSyncJson | null },
) {
  return { ...productJson(product, context), metaSync: context.metaSync }
}

/** A shipping method as its owner sees it. */
export function shippingMethodJson(method: ShippingMethodRow) {
  return {
    id: method.id,
    name: method.name,
    price: method.price,
    freeOver: method.free_over,
    requiresAddress: method.requires_address,
    minOrderAmount: method.min_order_amount,
    areas: method.areas,
    slots: method.slots,
    active: method.active,
    position: method.position,
    createdAt: method.created_at.toISOString(),
  }
}
