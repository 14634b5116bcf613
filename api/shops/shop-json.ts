import type { ShopRow } from '../../db/schema/shops.ts'

/** The public URL of an uploaded image (display size) by its hash. */
export function mediaUrl(publicUrl: string, hash: string, size: 'display' | 'thumb' = 'display') {
  return `${publicUrl}/media/${hash}${size === 'thumb' ? '-thumb' : ''}.webp`
}

/** A shop as its owner sees it in the API. */
export function ownerShopJson(shop: ShopRow, publicUrl: string) {
  return {
    id: shop.id,
    slug: shop.slug,
    url: `${publicUrl}/${shop.slug}`,
    name: shop.name,
    description: shop.description,
    whatsappPhone: shop.whatsapp_phone,
    whatsappPhoneNumberId: shop.whatsapp_phone_number_id,
    currency: shop.currency,
    locale: shop.locale,
    timezone: shop.timezone,
    logoImage: shop.logo_image,
    logoUrl: shop.logo_image ? mediaUrl(publicUrl, shop.logo_image) : null,
    address: shop.address,
    businessHours: shop.business_hours,
    closedDates: shop.closed_dates,
    channels: shop.channels,
    published: shop.published,
    orderExpiryHours: shop.order_expiry_hours,
    metaCatalogId: shop.meta_catalog_id,
    autoConfirmReply: shop.auto_confirm_reply,
    monthlyMessageCap: shop.monthly_message_cap,
    payments: shop.payments,
    minOrderAmount: shop.min_order_amount,
    createdAt: shop.created_at.toISOString(),
    updatedAt: shop.updated_at.toISOString(),
  }
}
