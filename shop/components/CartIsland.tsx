import { useEffect, useRef, useState } from 'preact/hooks'
import { formatMoney } from '../../core/money.ts'
import {
  cartCount,
  cartLines,
  cartOpen,
  cartSubtotal,
  clearCart,
  type CartLine as Line,
  MAX_QUANTITY,
  setQuantity,
} from '../cart-store.ts'
import { fill } from '../fill.ts'
import type { ShopClientData } from '../page-data.ts'

type Panel = typeof import('./CheckoutPanel.tsx').CheckoutPanel
let panel: Promise<Panel> | undefined

/** The checkout form's chunk, fetched once; a failed fetch may be tried again. */
function loadCheckout(): Promise<Panel> {
  panel ??= import('./CheckoutPanel.tsx').then(
    (m) => m.CheckoutPanel,
    (error) => {
      panel = undefined
      throw error
    },
  )
  return panel
}

/** The checkout form once its chunk is here; a way to try again if it could not be fetched. */
function CheckoutSlot(props: Parameters<Panel>[0]) {
  const [Loaded, setLoaded] = useState<{ Panel: Panel } | null>(null)
  const [failed, setFailed] = useState(false)
  const t = props.shop.strings
  const fetchPanel = () => {
    setFailed(false)
    loadCheckout().then(
      (Panel) => setLoaded({ Panel }),
      () => setFailed(true),
    )
  }
  useEffect(fetchPanel, [])
  if (Loaded) return <Loaded.Panel {...props} />
  return (
    <div class="dbody" aria-busy={!failed}>
      {failed && (
        <div class="note" role="alert">
          <p>{t.error}</p>
          <button type="button" class="btn" onClick={fetchPanel}>
            {t.checkout}
          </button>
        </div>
      )}
    </div>
  )
}

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
  const [outageUrl, setOutageUrl] = useState<string | null>(null)
  const open = cartOpen.value
  const lines = cartLines.value
  const count = cartCount.value
  const money = (amount: number) => formatMoney(amount, shop.currency, shop.locale)

  useEffect(() => {
    const d = dialog.current
    if (!d) return
    if (open && !d.open) d.showModal()
    else if (!open && d.open) d.close()
  }, [open])

  // The checkout form is a chunk of its own: fetched as soon as the cart opens.
  useEffect(() => {
    if (open) loadCheckout().catch(() => undefined)
  }, [open])

  const lineList = (
    <ul class="lines">
      {lines.map((line) => (
        <CartLine key={line.sku} line={line} t={t} money={money} />
      ))}
    </ul>
  )

  return (
    <>
      <CartButton
        t={t}
        count={count}
        // Only with something in it: formatting money builds an Intl formatter, tens of
        // milliseconds on a phone the first time, which an empty cart's hydration skips.
        subtotal={count > 0 ? money(cartSubtotal.value) : ''}
        onOpen={() => {
          setView('cart')
          cartOpen.value = true
        }}
      />
      <dialog
        ref={dialog}
        class="drawer"
        aria-labelledby="cart-title"
        onClose={() => (cartOpen.value = false)}
      >
        <DrawerHead
          t={t}
          title={view === 'checkout' && lines.length ? t.checkout : t.cart}
          onBack={view === 'checkout' && lines.length > 0 ? () => setView('cart') : undefined}
        />
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
          <CheckoutSlot
            shop={shop}
            lines={lines}
            onPlaced={(whatsappUrl, token) => {
              clearCart()
              handOff(whatsappUrl, `/o/${encodeURIComponent(token)}`)
            }}
            onOutage={(whatsappUrl) => {
              setOutageUrl(whatsappUrl)
              handOff(whatsappUrl, null)
            }}
          />
        )}
      </dialog>
    </>
  )
}

/** One line of the cart: picture, name, price, quantity and removal. */
function CartLine(props: {
  line: Line
  t: ShopClientData['strings']
  money: (amount: number) => string
}) {
  const { line, t, money } = props
  const limit = Math.min(MAX_QUANTITY, line.stock ?? MAX_QUANTITY)
  const named = (what: string) => `${what}: ${line.name}`
  return (
    <li>
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
}

/** The floating cart button with its count and total; hidden while the cart is empty. */
function CartButton(props: {
  t: ShopClientData['strings']
  count: number
  /** Formatted, or empty while the cart is. */
  subtotal: string
  onOpen: () => void
}) {
  const { t, count, subtotal, onOpen } = props
  return (
    <button
      type="button"
      class="btn primary cart-fab"
      // Nothing to show while the cart is empty: the button would only cover the page.
      hidden={count === 0}
      aria-haspopup="dialog"
      aria-label={fill(t.cartWithCount, { n: count })}
      onClick={onOpen}
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
      {subtotal && <span class="fab-total">{subtotal}</span>}
    </button>
  )
}

/** The drawer's title bar: back (from the checkout to the cart), the title and close. */
function DrawerHead(props: {
  t: ShopClientData['strings']
  title: string
  onBack: (() => void) | undefined
}) {
  const { t, title, onBack } = props
  return (
    <div class="dhead">
      {onBack ? (
        <button type="button" class="icon" aria-label={t.back} onClick={onBack}>
          <span aria-hidden="true" class="flip">
            ←
          </span>
        </button>
      ) : null}
      <h2 id="cart-title">{title}</h2>
      <button
        type="button"
        class="icon"
        aria-label={t.close}
        onClick={() => (cartOpen.value = false)}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  )
}
