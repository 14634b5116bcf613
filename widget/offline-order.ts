/**
 * The order message composed in the browser, for when the API cannot take the order: a chunk of
 * its own (every locale's wording is in it), fetched in the background when the checkout form
 * shows, so the mini cart itself stays small and the fallback is there if the network drops.
 */
import { composeOrderWhatsAppUrl } from '../core/order-message.ts'
import type { MiniCart } from './mini-cart.ts'
import type { WidgetCheckoutForm } from './widget-checkout.ts'
import type { PublicWidget } from './widget-context.ts'

/** The wa.me link of the cart's order message, without a code. */
export function offlineOrderUrl(args: {
  shop: PublicWidget['shop']
  phone: string
  locale: string
  cart: MiniCart
  form: WidgetCheckoutForm
}): string {
  const { cart, form } = args
  const method = cart.shipping.value.find((m) => m.id === form.shippingMethodId)
  return composeOrderWhatsAppUrl(args.phone, {
    shopName: args.shop.name,
    currency: args.shop.currency,
    locale: args.locale,
    items: cart.lines.value.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      lineTotal: l.lineTotal,
    })),
    ...cart.totals(form.shippingMethodId),
    shippingName: method?.name ?? null,
    customer: {
      name: form.name.trim(),
      ...(method?.requiresAddress ? { address: form.address.trim() } : {}),
    },
  }).url
}
