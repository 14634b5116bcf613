/**
 * The widget loader's work: what every visitor of a host page downloads. It draws the button at
 * once in a shadow root, installs `window.Chatcart` (replaying the queue stub), fetches the
 * shop's public settings, and fetches the Preact bubble only when the visitor shows interest
 * (hover, focus, touch, click), or when the browser is idle if the owner asks or the page has a
 * trigger (which the bubble watches). It shows the count of a stored cart on the button.
 * It stores nothing and sets no cookie.
 */
import { BUTTON_FACE } from './button-face.ts'
import css from './loader.css?inline'
import { matchPageRule } from './page-rules.ts'
import type { ChatcartGlobal, MountWidget, PublicWidget } from './widget-context.ts'
import { readOptions } from './widget-options.ts'

const LABELS: Record<string, string> = {
  fr: 'Discuter',
  es: 'Chatear',
  it: 'Chatta',
  pt: 'Conversar',
  de: 'Chatten',
  ar: 'دردشة',
}

/**
 * Installs the widget on a page once; a second copy of the script does nothing.
 * @example installWidget(window, document.currentScript, 'widget/bubble-3f2a.js')
 */
export function installWidget(
  w: Window & typeof globalThis,
  script: HTMLOrSVGScriptElement | null,
  bubblePath: string,
): void {
  const previous = w.Chatcart
  if (previous?.v) return
  const d = w.document
  const src = script instanceof w.HTMLScriptElement ? script.src : ''
  const base = src.slice(0, src.lastIndexOf('/'))
  const options = readOptions(script instanceof w.HTMLScriptElement ? script.dataset : {})

  const host = d.createElement('chatcart-widget')
  const root = host.attachShadow({ mode: 'open' })
  const sheet = new w.CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [sheet]
  const frame = d.createElement('div')
  root.append(frame)
  // The cart's item count, from the cart the bubble keeps (reading stores nothing), is written
  // with the markup: the button is drawn once, not redrawn with its badge.
  let count = 0
  try {
    for (const item of JSON.parse(w.localStorage.getItem(`chatcart:cart:${options.shop}`) || '[]'))
      count += Number(item.quantity)
  } catch {
    count = 0 // storage blocked or a foreign value: no count
  }
  // NaN (a foreign quantity) shows no count either.
  const badge = count ? `, ${count}` : ''
  const label = (LABELS[(options.lang || d.documentElement.lang).slice(0, 2)] ?? 'Chat') + badge
  // Fixed markup (the label comes from the table above, the count is a number), no page data:
  // safe as HTML. Outside any form, the button needs no type; its label is its name, so the icon
  // needs no aria-hidden. The badge's text is the count (showCartCount's format).
  frame.innerHTML = `<button class="o" aria-label="${label}" aria-haspopup="dialog" aria-expanded="false">${BUTTON_FACE.replace('<b>', `<b>${badge.slice(2)}`)}</button>`
  const button = frame.firstChild as HTMLButtonElement

  const look = (s?: PublicWidget) => {
    // Options win over the settings, so 'l' is only ever added; nothing is written otherwise.
    if ((options.position ?? s?.position) === 'left') host.classList.add('l')
    // The first call writes every value, defaults too, before the host is on the page. Once it
    // is, a write makes the browser recompute the widget's style and repaint it, so the
    // settings only write what changes: a shop with the default look costs no second pass.
    const set = (name: string, value: string | number | undefined) => {
      if (value !== undefined && `${value}` !== host.style.getPropertyValue(name))
        host.style.setProperty(name, `${value}`)
    }
    set('--x', options.offsetX ?? s?.offsetX ?? 20)
    set('--y', options.offsetY ?? s?.offsetY ?? 20)
    set('--c', options.color ?? s?.color ?? '#25d366')
    set('--z', options.zIndex ?? s?.zIndex ?? 2147483000)
    // The text colour the server picked for the shop's colour; the bubble picks one for a
    // data-color (any CSS colour) from the colour the browser computes.
    set('--t', options.color ? undefined : (s?.textColor ?? '#000'))
  }
  look()
  d.body.append(host)

  const settings: Promise<PublicWidget | null> = options.shop
    ? fetch(`${base}/api/widget/${options.shop}`, { credentials: 'omit' })
        .then((res) => (res.ok ? res.json() : null))
        .catch(() => null)
    : Promise.resolve(null)

  const queue: unknown[][] = []
  let handle: ((command: unknown[]) => void) | undefined
  let requested = false
  const load = () => {
    if (requested) return
    requested = true
    import(/* @vite-ignore */ `${base}/${bubblePath}`).then(
      (module: { mount: MountWidget }) => {
        handle = module.mount({ base, root, frame, button, options, settings })
        for (const command of queue.splice(0)) handle(command)
      },
      () => {
        requested = false // offline or blocked: try again on the next interaction
      },
    )
  }

  const chatcart: ChatcartGlobal = (...command) => {
    if (handle) return handle(command)
    queue.push(command)
    // Listeners wait quietly; every other command needs the bubble.
    if (command[0] !== 'on') load()
  }
  chatcart.v = 1
  w.Chatcart = chatcart
  for (const command of previous?.q ?? []) chatcart(...command)

  // The button is ours alone, in our shadow root: its handler properties are free. A touch
  // fires pointerenter too.
  button.onpointerenter = button.onfocus = load
  button.onclick = () => chatcart('toggle')
  d.addEventListener('click', (event) => {
    const el = (event.target as Element).closest?.(
      '[data-chatcart-add],[data-chatcart-open],a[href$="#chatcart"]',
    )
    if (!el) return
    event.preventDefault()
    const sku = el.getAttribute('data-chatcart-add')
    if (sku) {
      chatcart('add', { sku, quantity: Number(el.getAttribute('data-chatcart-qty')) || 1 })
    } else chatcart('open')
  })
  if (w.location.hash === '#chatcart') chatcart('open')

  settings.then((s) => {
    if (!s) return
    look(s)
    if (matchPageRule(s.rules, w.location)?.hide) return host.remove()
    // Triggers are watched by the bubble: a page with one fetches it when the browser is idle.
    const { afterSeconds, scrollPercent } = s.triggers
    if (s.idleLoad || afterSeconds || scrollPercent) (w.requestIdleCallback ?? setTimeout)(load)
  })
}
