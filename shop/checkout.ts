import { orderTotals } from '../core/cart.ts'
import type { CartLine } from './cart-store.ts'
import type { ShopClientData } from './page-data.ts'

/** What the shopper typed at checkout. */
export interface CheckoutForm {
  name: string
  phone: string
  address: string
  note: string
  shippingMethodId: string
}

export type CheckoutResult =
  | { kind: 'placed'; token: string; whatsappUrl: string }
  | { kind: 'refused'; code: string; message: string; field?: string; missing?: number }
  | { kind: 'outage'; whatsappUrl: string }

const TIMEOUT_MS = 12_000

/** The message module is only needed when the API is down: fetch it while the form is filled. */
export function preloadOutageMessage(): void {
  void import('../core/order-message.ts').catch(() => undefined)
}

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; this does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The JSON body of the order: SKUs and quantities only, the server prices everything. */
export function orderBody(lines: CartLine[], form: CheckoutForm, source: 'shop' | 'widget') {
  const trim = (s: string) => s.trim() || undefined
  return {
    items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    customer: {
      name: form.name.trim(),
      ...(trim(form.phone) ? { phone: form.phone.trim() } : {}),
      ...(trim(form.address) ? { address: form.address.trim() } : {}),
    },
    ...(form.shippingMethodId ? { shippingMethodId: form.shippingMethodId } : {}),
    ...(trim(form.note) ? { note: form.note.trim() } : {}),
    source,
  }
}

/** Totals as the cart shows them (the server's are the ones that count). */
export function checkoutTotals(shop: ShopClientData, lines: CartLine[], shippingMethodId: string) {
  const subtotal = lines.reduce((sum, l) => sum + l.price * l.quantity, 0)
  const method = shop.shippingMethods.find((m) => m.id === shippingMethodId) ?? null
  return { ...orderTotals(subtotal, method), method }
}

async function outageMessage(
  shop: ShopClientData,
  lines: CartLine[],
  form: CheckoutForm,
): Promise<CheckoutResult> {
  const { composeOrderWhatsAppUrl } = await import('../core/order-message.ts')
  const totals = checkoutTotals(shop, lines, form.shippingMethodId)
  const { url } = composeOrderWhatsAppUrl(shop.phone, {
    shopName: shop.name,
    currency: shop.currency,
    locale: shop.locale,
    code: null,
    items: lines.map((l) => ({
      name: l.name,
      quantity: l.quantity,
      lineTotal: l.price * l.quantity,
    })),
    subtotal: totals.subtotal,
    shippingTotal: totals.shippingTotal,
    shippingName: totals.method?.name ?? null,
    total: totals.total,
    customer: { name: form.name.trim(), phone: form.phone.trim(), address: form.address.trim() },
    note: form.note.trim(),
  })
  return { kind: 'outage', whatsappUrl: url }
}

/**
 * Sends the order. A 4xx comes back as `refused` (the shopper fixes the field); a network
 * failure, a timeout or a 5xx composes the message locally, without a code, so the sale still
 * reaches the merchant on WhatsApp.
 */
export async function submitOrder(
  shop: ShopClientData,
  lines: CartLine[],
  form: CheckoutForm,
  idempotencyKey: string,
  /** The discount code, delivery area and time slot chosen, as the API names them. */
  rules: { discountCode?: string; deliveryArea?: string; slotId?: string } = {},
): Promise<CheckoutResult> {
  let res: Response
  try {
    res = await fetch(`/api/shops/${encodeURIComponent(shop.slug)}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify({ ...orderBody(lines, form, 'shop'), ...rules }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch {
    return outageMessage(shop, lines, form)
  }
  if (res.status >= 500) return outageMessage(shop, lines, form)
  try {
    const body = await res.json()
    if (res.ok && typeof body.token === 'string' && typeof body.whatsappUrl === 'string') {
      return { kind: 'placed', token: body.token, whatsappUrl: body.whatsappUrl }
    }
    const error = body?.error ?? {}
    return {
      kind: 'refused',
      code: String(error.code ?? 'error'),
      message: String(error.message ?? ''),
      ...(error.field ? { field: String(error.field) } : {}),
      ...(typeof error.missing === 'number' ? { missing: error.missing } : {}),
    }
  } catch {
    return outageMessage(shop, lines, form)
  }
}
