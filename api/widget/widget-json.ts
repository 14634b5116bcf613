import { CHANNELS } from '../../core/channel-links.ts'
import { openSpans } from '../../core/schedule.ts'
import type { ShippingMethodRow } from '../../db/schema/shipping-methods.ts'
import type { ShopRow } from '../../db/schema/shops.ts'
import type { listWidgetSkus } from '../../db/widget.queries.ts'
import { colorChannels, textColorOn } from '../../widget/contrast.ts'
import { mediaUrl } from '../shops/shop-json.ts'
import type { WidgetSettings } from './widget-schema.ts'

/** The script tag a website owner pastes into their pages. */
export function embedSnippet(publicUrl: string, slug: string): string {
  return `<script src="${publicUrl}/widget.js" data-shop="${slug}" async></script>`
}

/** The settings as the owner edits them, with the snippet to paste. */
export function ownerWidgetJson(shop: ShopRow, settings: WidgetSettings, publicUrl: string) {
  return {
    ...settings,
    avatarUrl: settings.avatarImage ? mediaUrl(publicUrl, settings.avatarImage, 'thumb') : null,
    snippet: embedSnippet(publicUrl, shop.slug),
  }
}

const SHOP_CHANNELS = CHANNELS.filter((c) => c !== 'whatsapp')

/** The channels to show: the owner's list, else WhatsApp plus the shop's own channels. */
function visibleChannels(shop: ShopRow, settings: WidgetSettings) {
  const list: { type: string; value: string }[] = []
  if (settings.channels.length > 0) {
    for (const channel of settings.channels) {
      list.push({ type: channel.type, value: channel.value ?? shop.whatsapp_phone })
    }
    return list
  }
  list.push({ type: 'whatsapp', value: shop.whatsapp_phone })
  for (const type of SHOP_CHANNELS) {
    const value = shop.channels[type]
    if (value) list.push({ type, value })
  }
  return list
}

/**
 * What the widget needs on a visitor's page, and nothing private: the shop's public face, the
 * look of the button, channels, teams with their hours, page rules, triggers and consent. A
 * team's `open` lists when its hours are open over the coming week as `[start, end)` epoch
 * milliseconds (null: always), so the bubble tells online from offline without time-zone code.
 */
export function publicWidgetJson(
  shop: ShopRow,
  settings: WidgetSettings,
  publicUrl: string,
  now = new Date(),
) {
  return {
    shop: {
      slug: shop.slug,
      name: shop.name,
      currency: shop.currency,
      locale: shop.locale,
      timezone: shop.timezone,
      whatsappPhone: shop.whatsapp_phone,
    },
    avatarUrl: settings.avatarImage
      ? mediaUrl(publicUrl, settings.avatarImage, 'thumb')
      : shop.logo_image
        ? mediaUrl(publicUrl, shop.logo_image, 'thumb')
        : null,
    greeting: settings.greeting,
    replyTime: settings.replyTime,
    message: settings.message,
    position: settings.position,
    offsetX: settings.offsetX,
    offsetY: settings.offsetY,
    color: settings.color,
    // White or black, whichever reads at 4.5:1 on the colour (the loader draws with it at once).
    textColor: textColorOn(colorChannels(settings.color)),
    zIndex: settings.zIndex,
    theme: settings.theme,
    idleLoad: settings.idleLoad,
    channels: visibleChannels(shop, settings),
    teams: settings.teams.map((agent) => ({
      name: agent.name,
      role: agent.role,
      photoUrl: agent.photoImage ? mediaUrl(publicUrl, agent.photoImage, 'thumb') : null,
      channel: agent.channel,
      value: agent.value,
      hours: agent.hours,
      open: agent.hours ? openSpans(agent.hours, shop.timezone, now) : null,
    })),
    rules: settings.rules,
    triggers: settings.triggers,
    consent: settings.consent,
  }
}

export type PublicWidget = ReturnType<typeof publicWidgetJson>

/** The mini cart's price list: one entry per orderable SKU (products and their variants). */
export function widgetSkusJson(data: Awaited<ReturnType<typeof listWidgetSkus>>) {
  const inStock = (stock: number | null) => stock === null || stock > 0
  const byProduct = new Map(data.products.map((p) => [p.id, p]))
  const withVariants = new Set(data.variants.map((v) => v.product_id))
  const skus: { sku: string; name: string; price: number; inStock: boolean }[] = []
  for (const product of data.products) {
    if (withVariants.has(product.id)) continue
    skus.push({
      sku: product.sku,
      name: product.name,
      price: product.price,
      inStock: inStock(product.stock),
    })
  }
  for (const variant of data.variants) {
    const product = byProduct.get(variant.product_id)
    if (!product) continue
    const options = Object.values(variant.options).join(', ')
    skus.push({
      sku: variant.sku,
      name: options ? `${product.name} (${options})` : product.name,
      price: variant.price ?? product.price,
      inStock: inStock(variant.stock),
    })
  }
  return { skus }
}

/**
 * The shop's active shipping methods the widget's mini cart can offer: a method priced by
 * delivery area or booked by time slot needs the storefront's checkout, which asks for them.
 */
export function widgetShippingJson(methods: ShippingMethodRow[]) {
  return methods
    .filter((method) => method.active && method.areas.length === 0 && method.slots === null)
    .map((method) => ({
      id: method.id,
      name: method.name,
      price: method.price,
      freeOver: method.free_over,
      requiresAddress: method.requires_address,
    }))
}
