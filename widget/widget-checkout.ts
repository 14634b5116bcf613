/**
 * The widget's checkout, in the mini cart's chunk: sends the order as the storefront does (SKUs,
 * quantities, the shipping method and the address when it needs one) and answers the WhatsApp
 * link to open. Without the API, the message is composed in the browser, without a code, by a
 * chunk of its own (offline-order.ts).
 */
import { toMajorUnits } from '../core/money.ts'
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
 * network failure or a 5xx still ends on WhatsApp, with the message composed in the browser
 * (`refused` with status 0 when not even that chunk can be fetched).
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
  // The offline chunk was fetched when the form showed; if even that failed, the cart stays and
  // the visitor reads that the order could not be sent.
  return offlineModule().then(
    (m): WidgetCheckoutResult => ({ kind: 'placed', url: m.offlineOrderUrl(args), value }),
    (): WidgetCheckoutResult => ({ kind: 'refused', status: 0, field: undefined }),
  )
}

const offlineModule = () => import('./offline-order.ts')

/** Fetches the offline message's chunk ahead of need; the checkout form calls it when it shows. */
export function prefetchOfflineOrder(): void {
  offlineModule().catch(() => {})
}
