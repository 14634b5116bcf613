/**
 * The bubble: fetched by the loader on the first sign of interest, it renders the dialog in the
 * loader's shadow root and answers `Chatcart(...)` from then on.
 */
import { signal } from '@preact/signals'
import { render } from 'preact'
import css from './bubble.css?inline'
import type { MiniCart, SkuInfo } from './mini-cart.ts'
import { Panel, type PanelView } from './Panel.tsx'
import { fillMessage, matchPageRule } from './page-rules.ts'
import { loadStrings, type WidgetStrings, widgetLocale } from './strings.ts'
import { TRIGGER_KEY, today } from './trigger-marker.ts'
import type { MountWidget, PublicWidget } from './widget-context.ts'
import { createWidgetEvents } from './widget-events.ts'

type CartModule = typeof import('./cart-module.ts')

const CONSENT_KEY = 'chatcart:consent'

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** Stores a marker after an interaction; a full or blocked storage only loses the marker. */
function remember(store: Storage | null, key: string, value: string) {
  try {
    store?.setItem(key, value)
  } catch {
    // Nothing to do: the widget works without it.
  }
}

/** The product a page is about: `[data-chatcart-product]`, else its Open Graph title. */
function pageProduct(d: Document): string {
  const el = d.querySelector('[data-chatcart-product]')
  if (el) return (el.getAttribute('data-chatcart-product') || el.textContent || '').trim()
  return d.querySelector('meta[property="og:title"]')?.getAttribute('content')?.trim() ?? ''
}

export const mount: MountWidget = (ctx) => {
  const w = window
  const d = document
  const { options, root, frame, button, base } = ctx
  const shop = options.shop
  const store = storage()
  const events = createWidgetEvents(w, shop ? { url: `${base}/api/events`, shop } : null)

  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]

  const open = signal(false)
  const view = signal<PanelView>('main')
  const settings = signal<PublicWidget | null>(null)
  const strings = signal<WidgetStrings | null>(null)
  const notice = signal('')
  const cartModule = signal<CartModule | null>(null)
  const miniCart = signal<MiniCart | null>(null)
  let locale = widgetLocale([options.lang, d.documentElement.lang])
  let cart: Promise<MiniCart> | undefined
  let consented = store?.getItem(CONSENT_KEY) === '1'
  let pending: (() => void) | null = null
  // Nothing is written to the visitor's device before they interact: a trigger that opened the
  // bubble on its own is remembered in memory, and stored once the visitor touches the widget.
  let interacted = false
  let triggered = false
  const interact = () => {
    if (interacted) return
    interacted = true
    if (triggered) remember(store, TRIGGER_KEY, today())
  }
  // The loader's button and the dialog both live in this root: a click or key on either counts.
  for (const type of ['pointerdown', 'keydown']) root.addEventListener(type, interact, true)

  const loadCart = (slug: string) => {
    cart ??= import('./cart-module.ts').then((m) => {
      const created = m.createMiniCart({
        storage: store,
        shop: slug,
        fetchSkus: (skus) =>
          fetch(
            `${base}/api/widget/${slug}/skus?${skus.map((sku) => `sku=${encodeURIComponent(sku)}`).join('&')}`,
            { credentials: 'omit' },
          )
            .then((res) => (res.ok ? res.json() : Promise.reject(new Error(String(res.status)))))
            .then((body: { skus: SkuInfo[] }) => body.skus),
      })
      cartModule.value = m
      miniCart.value = created
      return created
    })
    return cart
  }
  // A visitor coming back with a cart sees it again.
  if (shop && store?.getItem(`chatcart:cart:${shop}`)) loadCart(shop)

  const setOpen = (value: boolean) => {
    if (open.value === value) return
    open.value = value
    if (!value) view.value = 'main'
    button.setAttribute('aria-expanded', String(value))
    // Focus goes back to the button only if it was inside the dialog.
    if (!value && root.activeElement && root.activeElement !== button) button.focus()
    events.emit(value ? 'open' : 'close')
  }

  const guard = (action: () => void) => {
    if (!settings.value?.consent.enabled || consented) {
      action()
      return true
    }
    pending = action
    view.value = 'consent'
    return false
  }

  const checkout = async (name: string, c: MiniCart, m: CartModule, s: PublicWidget) => {
    // Opened while the click still allows it, and pointed at WhatsApp once the order exists.
    const win = w.open('', '_blank')
    const lines = c.lines.value
    const total = c.total.value
    let url: string | undefined
    try {
      const res = await fetch(`${base}/api/shops/${s.shop.slug}/orders`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          customer: { name },
          locale,
          source: 'widget',
        }),
      })
      const body = await res.json().catch(() => null)
      if (res.ok && typeof body?.whatsappUrl === 'string') {
        url = body.whatsappUrl
      } else if (res.status < 500) {
        win?.close()
        const t = strings.value
        notice.value = (res.status === 429 ? t?.busy : body?.error?.message) ?? t?.unavailable ?? ''
        return
      }
    } catch {
      // The API cannot be reached: the sale still goes through, as a message without a code.
    }
    url ??= m.composeOrderWhatsAppUrl(phoneFor(s), {
      shopName: s.shop.name,
      currency: s.shop.currency,
      locale,
      items: lines.map((l) => ({ name: l.name, quantity: l.quantity, lineTotal: l.lineTotal })),
      subtotal: total,
      shippingTotal: 0,
      total,
      customer: { name },
    }).url
    c.clear()
    events.emit('checkout', {
      channel: 'whatsapp',
      currency: s.shop.currency,
      value: Number(m.toMajorUnits(total, s.shop.currency)),
    })
    if (win) {
      win.opener = null
      win.location.href = url
    } else w.location.href = url
  }

  const channelsFor = (s: PublicWidget | null) =>
    (s?.channels ?? (options.phone ? [{ type: 'whatsapp', value: '' }] : [])).map((c) =>
      c.type === 'whatsapp' && options.phone
        ? { ...c, value: options.phone.replace(/\D/g, '') }
        : c,
    )
  const phoneFor = (s: PublicWidget) =>
    channelsFor(s).find((c) => c.type === 'whatsapp')?.value || s.shop.whatsappPhone

  function App() {
    const t = strings.value
    const s = settings.value
    const m = cartModule.value
    const c = miniCart.value
    if (!t) return null
    const theme = options.theme ?? s?.theme
    frame.className = theme === 'dark' ? 'w dk' : theme === 'light' ? 'w lt' : 'w'
    const rule = s ? matchPageRule(s.rules, w.location) : undefined
    const text = fillMessage(rule?.message || s?.message || options.message || '', {
      url: w.location.href,
      title: d.title,
      product: pageProduct(d),
    })
    const cartView = m && c && s && (
      <m.CartForm
        cart={c}
        strings={t}
        locale={locale}
        currency={s.shop.currency}
        onCheckout={(name) => guard(() => checkout(name, c, m, s))}
      />
    )
    return (
      <Panel
        open={open.value}
        view={view}
        settings={s}
        strings={t}
        rtl={locale === 'ar'}
        desktop={w.matchMedia?.('(hover: hover) and (pointer: fine)').matches ?? false}
        text={text}
        channels={channelsFor(s)}
        notice={notice.value}
        cart={cartView}
        guard={guard}
        accept={() => {
          consented = true
          remember(store, CONSENT_KEY, '1')
          view.value = 'main'
          pending?.()
          pending = null
        }}
        onChannel={(channel) => events.emit('channel', { channel })}
        onClose={() => setOpen(false)}
      />
    )
  }

  const container = d.createElement('div')
  frame.append(container)
  render(<App />, container)
  ctx.settings.then(async (s) => {
    settings.value = s
    locale = widgetLocale([options.lang, d.documentElement.lang, s?.shop.locale])
    strings.value = await loadStrings(locale)
  })

  return (command) => {
    const [name, arg, fn] = command
    const detail = (arg ?? {}) as { sku?: unknown; quantity?: unknown; trigger?: unknown }
    if (name === 'on') events.on(String(arg), fn)
    else if (name === 'close') setOpen(false)
    else if (name === 'toggle') setOpen(!open.value)
    else if (name === 'open') {
      if (detail.trigger) {
        triggered = true
        if (interacted) remember(store, TRIGGER_KEY, today())
      }
      setOpen(true)
    } else if (name === 'add' && shop && typeof detail.sku === 'string') {
      const sku = detail.sku
      const quantity = Number(detail.quantity ?? 1)
      interact()
      notice.value = ''
      loadCart(shop)
        .then((c) => c.add(sku, quantity))
        .then((added) => {
          if (added) events.emit('add', { sku, quantity })
          else notice.value = strings.value?.unavailable ?? ''
        })
        .catch(() => {
          notice.value = strings.value?.unavailable ?? ''
        })
        .finally(() => setOpen(true))
    }
  }
}
