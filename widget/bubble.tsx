/**
 * The bubble: fetched by the loader on the first sign of interest, it renders the dialog in the
 * loader's shadow root and answers `Chatcart(...)` from then on.
 */
import { render } from 'preact'
import css from './bubble.css?inline'
import { showCartCount } from './button-face.ts'
import type { MiniCart, SkuAnswer } from './mini-cart.ts'
import { Panel, type PanelView } from './Panel.tsx'
import { fillMessage, matchPageRule } from './page-rules.ts'
import { loadStrings, type WidgetStrings, widgetLocale } from './strings.ts'
import { TRIGGER_KEY, today } from './trigger-marker.ts'
import type { WidgetCheckoutForm } from './widget-checkout.ts'
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

  const adopt = (text: string) => {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
  }
  adopt(css)
  // The loader sets the text colour the server picked for the shop's colour; a data-color (any
  // CSS colour) is read as the browser computes it, by a chunk that only such pages fetch.
  if (options.color) {
    import('./contrast.ts').then((m) =>
      (root.host as HTMLElement).style.setProperty(
        '--t',
        m.textColorOn(m.colorChannels(getComputedStyle(button).backgroundColor)),
      ),
    )
  }

  // The dialog's state: a change redraws it once, on the next microtask, as a signal's component
  // would; plain values keep @preact/signals out of the bubble (the mini cart's chunk has it).
  const container = d.createElement('div')
  let queued = false
  const redraw = () => {
    if (queued) return
    queued = true
    queueMicrotask(() => {
      queued = false
      draw()
    })
  }
  // The focus moves into the dialog (its first link or button) when it opens or changes view.
  let focused = ''
  const draw = () => {
    render(<App />, container)
    const now = open.value ? view.value : ''
    if (now === focused) return
    const first = container.querySelector<HTMLElement>('a,button,input')
    // Open but not drawn yet (its strings are still coming): the next drawing tries again.
    if (now && !first) return
    if (now) first?.focus()
    focused = now
  }
  const box = <T,>(initial: T) => {
    let current = initial
    return {
      get value() {
        return current
      },
      set value(next: T) {
        if (next === current) return
        current = next
        redraw()
      },
    }
  }
  const open = box(false)
  const view = box<PanelView>('main')
  const settings = box<PublicWidget | null>(null)
  const strings = box<WidgetStrings | null>(null)
  const notice = box('')
  const cartModule = box<CartModule | null>(null)
  const miniCart = box<MiniCart | null>(null)
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
          ).then(
            (res): Promise<SkuAnswer> =>
              res.ok ? res.json() : Promise.reject(new Error(String(res.status))),
          ),
      })
      adopt(m.css)
      cartModule.value = m
      miniCart.value = created
      const count = () => showCartCount(button, created.items.value)
      count()
      created.subscribe(count)
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

  const checkout = async (
    form: WidgetCheckoutForm,
    c: MiniCart,
    m: CartModule,
    s: PublicWidget,
  ) => {
    // Opened while the click still allows it, and pointed at WhatsApp once the order exists.
    const win = w.open('', '_blank')
    const result = await m.placeWidgetOrder({
      base,
      shop: s.shop,
      phone: phoneFor(s),
      locale,
      cart: c,
      form,
    })
    if (result.kind === 'refused') {
      win?.close()
      notice.value = (result.status === 429 ? strings.value?.busy : strings.value?.refused) ?? ''
      return
    }
    c.clear()
    events.emit('checkout', { channel: 'whatsapp', currency: s.shop.currency, value: result.value })
    if (win) {
      win.opener = null
      win.location.href = result.url
    } else w.location.href = result.url
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
        onCheckout={(form) => guard(() => checkout(form, c, m, s))}
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

  frame.append(container)
  draw()
  const handle = (command: unknown[]) => {
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

  // The owner's triggers, timed from the page's load: open once after some seconds or some
  // scrolling; with onceADay, not again on a day the visitor already saw it.
  const watchTriggers = ({ afterSeconds, scrollPercent, onceADay }: PublicWidget['triggers']) => {
    let fired = false
    const fire = () => {
      w.removeEventListener('scroll', onScroll)
      if (fired || (onceADay && store?.getItem(TRIGGER_KEY) === today())) return
      fired = true
      handle(['open', { trigger: true }])
    }
    const onScroll = () => {
      const max = d.documentElement.scrollHeight - w.innerHeight
      if (scrollPercent && max > 0 && w.scrollY >= (max * scrollPercent) / 100) fire()
    }
    if (afterSeconds) setTimeout(fire, afterSeconds * 1000 - performance.now())
    if (scrollPercent) w.addEventListener('scroll', onScroll, { passive: true })
  }

  ctx.settings.then(async (s) => {
    settings.value = s
    locale = widgetLocale([options.lang, d.documentElement.lang, s?.shop.locale])
    strings.value = await loadStrings(locale)
    // A page rule may have hidden the widget meanwhile.
    if (s && root.host.isConnected) watchTriggers(s.triggers)
  })

  return handle
}
