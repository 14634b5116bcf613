import { useEffect, useRef, useState } from 'preact/hooks'
import { shippingCost } from '../../core/cart.ts'
import { formatMoney } from '../../core/money.ts'
import {
  cartCount,
  cartLines,
  cartOpen,
  cartSubtotal,
  clearCart,
  MAX_QUANTITY,
  setQuantity,
} from '../cart-store.ts'
import {
  type CheckoutForm,
  checkoutTotals,
  newIdempotencyKey,
  preloadOutageMessage,
  submitOrder,
} from '../checkout.ts'
import { fill } from '../fill.ts'
import type { ShopClientData } from '../page-data.ts'

const FIELDS: Record<string, keyof CheckoutForm> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  'customer.address': 'address',
  note: 'note',
  shippingMethodId: 'shippingMethodId',
}

/** The wording by error code: a small chunk of its own, fetched with the checkout form. */
const loadErrorWords = () => import('../checkout-errors.ts').catch(() => null)

/** Opens WhatsApp in a new tab when allowed; otherwise the order page opens it (`#wa`). */
function handOff(whatsappUrl: string, orderPath: string | null): void {
  const tab = window.open(whatsappUrl, '_blank')
  if (tab) tab.opener = null
  if (orderPath) window.location.assign(tab ? orderPath : `${orderPath}#wa`)
  else if (!tab) window.location.assign(whatsappUrl)
}

/** The cart button, and the drawer with the cart and the checkout form. */
export function CartIsland({ shop }: { shop: ShopClientData }) {
  const t = shop.strings
  const dialog = useRef<HTMLDialogElement>(null)
  const [view, setView] = useState<'cart' | 'checkout'>('cart')
  const [form, setForm] = useState<CheckoutForm>({
    name: '',
    phone: '',
    address: '',
    note: '',
    shippingMethodId: shop.shippingMethods[0]?.id ?? '',
  })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)
  const [outageUrl, setOutageUrl] = useState<string | null>(null)
  const attempt = useRef<{ body: string; key: string } | null>(null)
  const [phoneHint, setPhoneHint] = useState<string | null>(null)
  const open = cartOpen.value
  const lines = cartLines.value
  const count = cartCount.value
  const money = (amount: number) => formatMoney(amount, shop.currency, shop.locale)
  const totals = checkoutTotals(shop, lines, form.shippingMethodId)
  const needsAddress = totals.method?.requiresAddress ?? false

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (open && !d.open) d.showModal()
    else if (!open && d.open) d.close()
  }, [open])

  useEffect(() => {
    if (view === 'checkout') {
      preloadOutageMessage()
      void loadErrorWords()
    }
  }, [view])

  const update = (field: keyof CheckoutForm) => (e: { currentTarget: { value: string } }) => {
    setForm({ ...form, [field]: e.currentTarget.value })
    // The message beside a field goes once the shopper changes it.
    if (error?.field && FIELDS[error.field] === field) setError(null)
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy || lines.length === 0) return
    setBusy(true)
    setError(null)
    // Retrying the same order reuses its key, so a lost response never makes two orders.
    const body = JSON.stringify([lines.map((l) => [l.sku, l.quantity]), form])
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() }
    const result = await submitOrder(shop, lines, form, attempt.current.key)
    setBusy(false)
    if (result.kind === 'placed') {
      clearCart()
      handOff(result.whatsappUrl, `/o/${encodeURIComponent(result.token)}`)
    } else if (result.kind === 'outage') {
      setOutageUrl(result.whatsappUrl)
      handOff(result.whatsappUrl, null)
    } else {
      const words = await loadErrorWords()
      setError({
        message: words ? words.refusalText(t, result.code, result.field, lines) : t.error,
        ...(result.field ? { field: result.field } : {}),
      })
    }
  }

  const fieldError = (field: keyof CheckoutForm) =>
    error?.field && FIELDS[error.field] === field ? error.message : null
  const describedBy = (field: keyof CheckoutForm) =>
    fieldError(field) ? `err-${field}` : undefined

  const lineList = (
    <ul class="lines">
      {lines.map((line) => {
        const limit = Math.min(MAX_QUANTITY, line.stock ?? MAX_QUANTITY)
        const named = (what: string) => `${what}: ${line.name}`
        return (
          <li key={line.sku}>
            {/* Without a picture the box stays, empty, so the lines keep their alignment. */}
            <img class="thumb" src={line.image ?? undefined} alt="" width={64} height={64} />
            <div class="line-main">
              <div class="line-top">
                <span class="line-name">{line.name}</span>
                <span class="price">{money(line.price * line.quantity)}</span>
              </div>
              <div class="line-actions">
                <div class="qty">
                  <button
                    type="button"
                    aria-label={named(t.decrease)}
                    onClick={() => setQuantity(line.sku, line.quantity - 1)}
                  >
                    −
                  </button>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={limit}
                    value={line.quantity}
                    aria-label={named(t.quantity)}
                    onChange={(e) => setQuantity(line.sku, Number(e.currentTarget.value) || 0)}
                  />
                  <button
                    type="button"
                    aria-label={named(t.increase)}
                    disabled={line.quantity >= limit}
                    onClick={() => setQuantity(line.sku, line.quantity + 1)}
                  >
                    +
                  </button>
                </div>
                <button
                  type="button"
                  class="link"
                  aria-label={named(t.remove)}
                  onClick={() => setQuantity(line.sku, 0)}
                >
                  {t.remove}
                </button>
              </div>
            </div>
          </li>
        )
      })}
    </ul>
  )

  const fieldMessage = (field: keyof CheckoutForm) =>
    fieldError(field) && (
      <p class="err" id={`err-${field}`}>
        {fieldError(field)}
      </p>
    )

  return (
    <>
      <button
        type="button"
        class="btn primary cart-fab"
        // Nothing to show while the cart is empty: the button would only cover the page.
        hidden={count === 0}
        aria-haspopup="dialog"
        aria-label={fill(t.cartWithCount, { n: count })}
        onClick={() => {
          setView('cart')
          cartOpen.value = true
        }}
      >
        {/* An inline icon: an emoji depends on the fonts of the device. */}
        <svg
          aria-hidden="true"
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
          stroke-linecap="round"
          stroke-linejoin="round"
        >
          <circle cx="9" cy="20" r="1.5" />
          <circle cx="18" cy="20" r="1.5" />
          <path d="M2 3h3l2.4 11.2a2 2 0 0 0 2 1.6h8.2a2 2 0 0 0 2-1.5L22 7H6" />
        </svg>
        {t.cart} <span data-cart-count>{count}</span>
        {/* Only with something in it: formatting money builds an Intl formatter, tens of
            milliseconds on a phone the first time, which an empty cart's hydration skips. */}
        {count > 0 && <span class="fab-total">{money(cartSubtotal.value)}</span>}
      </button>
      <dialog
        ref={dialog}
        class="drawer"
        aria-labelledby="cart-title"
        onClose={() => (cartOpen.value = false)}
      >
        <div class="dhead">
          {view === 'checkout' && lines.length > 0 ? (
            <button type="button" class="icon" aria-label={t.back} onClick={() => setView('cart')}>
              <span aria-hidden="true" class="flip">
                ←
              </span>
            </button>
          ) : null}
          <h2 id="cart-title">{view === 'checkout' && lines.length ? t.checkout : t.cart}</h2>
          <button
            type="button"
            class="icon"
            aria-label={t.close}
            onClick={() => (cartOpen.value = false)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
        {outageUrl && (
          <div class="note" role="alert">
            <p>{t.outage}</p>
            <a class="btn primary" href={outageUrl} target="_blank" rel="noopener noreferrer">
              {t.openWhatsApp}
            </a>
          </div>
        )}
        {lines.length === 0 ? (
          <div class="dbody empty">
            <p>{t.emptyCart}</p>
            <button type="button" class="btn" onClick={() => (cartOpen.value = false)}>
              {t.continueShopping}
            </button>
          </div>
        ) : view === 'cart' ? (
          <>
            <div class="dbody">{lineList}</div>
            <div class="dfoot">
              <p class="row">
                <span>{t.subtotal}</span>
                <strong data-subtotal>{money(cartSubtotal.value)}</strong>
              </p>
              <button type="button" class="btn primary wide" onClick={() => setView('checkout')}>
                {t.checkout}
              </button>
            </div>
          </>
        ) : (
          <form class="form dform" onSubmit={submit} noValidate={false}>
            <div class="dbody">
              {error && !FIELDS[error.field ?? ''] && (
                <p class="err" role="alert">
                  {error.message}
                </p>
              )}
              <label for="co-name">{t.name}</label>
              <input
                id="co-name"
                name="name"
                autoComplete="name"
                required
                maxLength={100}
                value={form.name}
                onInput={update('name')}
                aria-invalid={fieldError('name') ? 'true' : undefined}
                aria-describedby={describedBy('name')}
              />
              {fieldMessage('name')}
              <label for="co-phone">
                {t.phone} <small>({t.optional})</small>
              </label>
              <input
                id="co-phone"
                name="phone"
                type="tel"
                autoComplete="tel"
                maxLength={40}
                value={form.phone}
                onInput={(e) => {
                  update('phone')(e)
                  setPhoneHint(null)
                }}
                // Says how the shop will read the number; the phone rules load only then.
                onBlur={(e) => {
                  const typed = e.currentTarget.value
                  import('../phone-preview.ts')
                    .then((m) => setPhoneHint(m.understoodPhone(typed, shop.phone)))
                    .catch(() => undefined)
                }}
                aria-invalid={fieldError('phone') ? 'true' : undefined}
                aria-describedby={describedBy('phone') ?? (phoneHint ? 'phone-hint' : undefined)}
              />
              {fieldMessage('phone') ||
                (phoneHint && (
                  <p class="hint" id="phone-hint">
                    {fill(t.phoneUnderstood, { phone: phoneHint })}
                  </p>
                ))}
              {shop.shippingMethods.length > 0 && (
                <fieldset class="choices">
                  <legend>{t.shippingMethod}</legend>
                  {shop.shippingMethods.map((m) => {
                    const cost = shippingCost(m, totals.subtotal)
                    return (
                      <label key={m.id} class="choice">
                        <input
                          type="radio"
                          name="shipping"
                          value={m.id}
                          checked={form.shippingMethodId === m.id}
                          onChange={update('shippingMethodId')}
                        />
                        <span class="choice-name">
                          {m.name}
                          {m.freeOver !== null && cost > 0 && (
                            <small>{fill(t.freeOver, { amount: money(m.freeOver) })}</small>
                          )}
                        </span>
                        <span class="choice-price">{cost === 0 ? t.free : money(cost)}</span>
                      </label>
                    )
                  })}
                  {fieldMessage('shippingMethodId')}
                </fieldset>
              )}
              {needsAddress && (
                <>
                  <label for="co-address">{t.address}</label>
                  <textarea
                    id="co-address"
                    name="address"
                    autoComplete="street-address"
                    required
                    maxLength={500}
                    rows={3}
                    value={form.address}
                    onInput={update('address')}
                    aria-invalid={fieldError('address') ? 'true' : undefined}
                    aria-describedby={describedBy('address')}
                  />
                  {fieldMessage('address')}
                </>
              )}
              <label for="co-note">
                {t.note} <small>({t.optional})</small>
              </label>
              <textarea
                id="co-note"
                name="note"
                maxLength={1000}
                rows={2}
                value={form.note}
                onInput={update('note')}
              />
            </div>
            <div class="dfoot">
              <p class="row">
                <span>{t.subtotal}</span>
                <span>{money(totals.subtotal)}</span>
              </p>
              {totals.method && (
                <p class="row">
                  <span>{t.shipping}</span>
                  <span>{totals.shippingTotal === 0 ? t.free : money(totals.shippingTotal)}</span>
                </p>
              )}
              <p class="row">
                <strong>{t.total}</strong>
                <strong data-total>{money(totals.total)}</strong>
              </p>
              <button type="submit" class="btn primary wide" disabled={busy}>
                {busy ? t.sending : t.sendOrder}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  )
}
