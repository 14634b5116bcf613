import type { PublicCatalogData, PublicCatalogProduct } from '../../db/catalog.queries.ts'
import { mediaUrl } from '../shops/shop-json.ts'

const inStock = (stock: number | null) => stock === null || stock > 0

/** One active product as shoppers see it; absolute image URLs. */
export function publicProductJson(product: PublicCatalogProduct, publicUrl: string) {
  const variants = product.variants.map((variant) => ({
    sku: variant.sku,
    options: variant.options,
    price: variant.price ?? product.price,
    // A variant without its own price shows the product's "was" price too.
    compareAtPrice:
      variant.compare_at_price ?? (variant.price === null ? product.compare_at_price : null),
    inStock: inStock(variant.stock),
    stock: variant.stock,
  }))
  return {
    id: product.id,
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    description: product.description,
    price: product.price,
    compareAtPrice: product.compare_at_price,
    categoryId: product.category_id,
    images: product.images.map((image) => ({
      url: mediaUrl(publicUrl, image.hash),
      thumbUrl: mediaUrl(publicUrl, image.hash, 'thumb'),
      width: image.width,
      height: image.height,
    })),
    options: product.options,
    variants,
    // With variants, the product is available when any of them is.
    inStock: variants.length > 0 ? variants.some((v) => v.inStock) : inStock(product.stock),
    stock: product.stock,
  }
}

/**
 * The public catalog as shoppers, the storefront and the widget see it: no ids of the merchant,
 * no inactive products, absolute image URLs.
 */
export function publicCatalogJson(data: PublicCatalogData, publicUrl: string) {
  const { shop } = data
  return {
    shop: {
      slug: shop.slug,
      name: shop.name,
      description: shop.description,
      logoUrl: shop.logo_image ? mediaUrl(publicUrl, shop.logo_image) : null,
      currency: shop.currency,
      locale: shop.locale,
      timezone: shop.timezone,
      whatsappPhone: shop.whatsapp_phone,
      businessHours: shop.business_hours,
      closedDates: shop.closed_dates,
      channels: shop.channels,
      address: shop.address,
      minOrderAmount: shop.min_order_amount,
    },
    categories: data.categories.map((c) => ({ id: c.id, name: c.name })),
    products: data.products.map((p) => publicProductJson(p, publicUrl)),
    shippingMethods: data.shippingMethods.map((m) => ({
      id: m.id,
      name: m.name,
      price: m.price,
      freeOver: m.free_over,
      requiresAddress: m.requires_address,
      minOrderAmount: m.min_order_amount,
      areas: m.areas,
      hasSlots: m.slots !== null,
    })),
  }
}

export type PublicCatalog = ReturnType<typeof publicCatalogJson>
