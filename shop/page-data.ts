import type { ShopStrings } from './strings.ts'

/** A shipping method as checkout shows it; amounts in minor units. */
export interface CheckoutShipping {
  id: string
  name: string
  price: number
  freeOver: number | null
  requiresAddress: boolean
  /** The smallest subtotal this method takes, or null. */
  minOrderAmount?: number | null
  /** Where it delivers, each area with its own fee; empty: anywhere at its price. */
  areas?: { name: string; fee: number; freeOver: number | null }[]
  /** Whether checkout must offer its time slots. */
  hasSlots?: boolean
}

/** What every storefront page hands to its islands (in `<script id="cc-data">`). */
export interface ShopClientData {
  slug: string
  name: string
  currency: string
  locale: string
  /** The merchant's WhatsApp number, for the message sent when the API is down. */
  phone: string
  /** The shop's time zone, the one its time slots are shown in. */
  timezone?: string
  shippingMethods: CheckoutShipping[]
  strings: ShopStrings
}

/** A variant as the product page's picker needs it. */
export interface BuyVariant {
  sku: string
  options: Record<string, string>
  price: number
  compareAtPrice: number | null
  stock: number | null
}

/** Props of the product page's buy box island. */
export interface BuyProduct {
  sku: string
  name: string
  price: number
  compareAtPrice: number | null
  stock: number | null
  image: string | null
  options: { name: string; values: string[] }[]
  variants: BuyVariant[]
}

/** The name a variant gets in the cart and in the order: `T-shirt (M)`. */
export function variantName(productName: string, options: Record<string, string>): string {
  const values = Object.values(options).filter((v) => v !== '')
  return values.length > 0 ? `${productName} (${values.join(', ')})` : productName
}

/** A product as storefront pages show it (the public catalog's shape). */
export interface ViewProduct {
  sku: string
  slug: string
  name: string
  description: string
  price: number
  compareAtPrice: number | null
  categoryId: string | null
  images: { url: string; thumbUrl: string; width: number; height: number }[]
  options: { name: string; values: string[] }[]
  variants: BuyVariant[]
  inStock: boolean
  stock: number | null
}

/** The shop as storefront pages show it. */
export interface ViewShop {
  slug: string
  name: string
  description: string
  logoUrl: string | null
  currency: string
  locale: string
}
