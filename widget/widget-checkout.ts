/**
 * The widget's checkout, in the mini cart's chunk: sends the order as the storefront does (SKUs,
 * quantities, the shipping method and the address when it needs one) and answers the WhatsApp
 * link to open. Without the API, the message is composed here, without a code.
 */
import { toMajorUnits } from '../core/money.ts'
import { composeOrderWhatsAppUrl } from '../core/order-message.ts'
import type { MiniCart } from './mini-cart.ts'
import type { PublicWidget } from './widget-context.ts'

/** What the visitor typed in the mini cart. */
export interface WidgetCheckoutForm {
  name: string
  /** Empty when the shop has no shipping methods. */
  shippingMethodId: string
  address: string
}

export type WidgetCheckoutResult =
  | { kind: 'placed'; url: string; value: number }
  | { kind: 'refused'; status: number; field: string | undefined }

/** The order's JSON body: the server prices everything from the SKUs and the method. */
export function widgetOrderBody(cart: MiniCart, form: WidgetCheckoutForm, locale: string) {
  const method = cart.shipping.value.find((m) => m.id === form.shippingMethodId)
  const address = method?.requiresAddress ? form.address.trim() : ''
  return {
    items: cart.items.value.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    customer: { name: form.name.trim(), ...(address ? { address } : {}) },
    ...(method ? { shippingMethodId: method.id } : {}),
    locale,
    source: 'widget',
  }
}

/**
 * Places the order through `POST /api/shops/{slug}/orders`. A 4xx comes back as `refused`; a
 * network failure or a 5xx still ends on WhatsApp, with the message composed in the browser.
 */
export async function placeWidgetOrder(args: {
  base: string
  shop: PublicWidget['shop']
  /** The WhatsApp number for the message composed without the API. */
  phone: string
  locale: string
  cart: MiniCart
  form: WidgetCheckoutForm
}): Promise<WidgetCheckoutResult> {
  const { cart, form, shop } = args
  const totals = cart.totals(form.shippingMethodId)
  const value = Number(toMajorUnits(totals.total, shop.currency))
  try {
    const res = await fetch(`${args.base}/api/shops/${shop.slug}/orders`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(widgetOrderBody(cart, form, args.locale)),
    })
    const body = await res.json().catch(() => null)
    if (res.ok && typeof body?.whatsappUrl === 'string') {
      return { kind: 'placed', url: body.whatsappUrl, value }
    }
    if (res.status < 500) {
      return { kind: 'refused', status: res.status, field: body?.error?.field }
    }
  } catch {
    // The API cannot be reached: the sale still goes through, as a message without a code.
  }
  const method = cart.shipping.value.find((m) => m.id === form.shippingMethodId)
  const { url } = composeOrderWhatsAppUrl(args.phone, {
    shopName: shop.name,
    currency: shop.currency,
    locale: args.locale,
    items: cart.lines.value.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
    })),
    ...totals,
    shippingName: method?.name ?? null,
    customer: {
      name: form.name.trim(),
      ...(method?.requiresAddress ? { address: form.address.trim() } : {}),
    },
  })
  return { kind: 'placed', url, value }
}
