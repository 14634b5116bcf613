/**
 * The widget loader's work: what every visitor of a host page downloads. It draws the button at
 * once in a shadow root, installs `window.Chatcart` (replaying the queue stub), fetches the
 * shop's public settings, and fetches the Preact bubble only when the visitor shows interest
 * (hover, focus, touch, click), a trigger opens it, or the browser is idle if the owner asks.
 * It stores nothing and sets no cookie.
 */
import css from './loader.css?inline'
import { matchPageRule } from './page-rules.ts'
import { TRIGGER_KEY, today } from './trigger-marker.ts'
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
  const label = LABELS[(options.lang || d.documentElement.lang).slice(0, 2)] ?? 'Chat'
  // Fixed markup (the label comes from the table above), no page data: safe as HTML.
  frame.innerHTML = `<button class="o" type="button" aria-label="${label}" aria-haspopup="dialog" aria-expanded="false"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a10 10 0 0 0-8.6 15L2 22l5-1.4A10 10 0 1 0 12 2Z"/></svg></button>`
  const button = frame.firstChild as HTMLButtonElement

  const look = (s?: PublicWidget) => {
    host.classList.toggle('l', (options.position ?? s?.position) === 'left')
    const set = (name: string, value: string | number | undefined) => {
      if (value !== undefined) host.style.setProperty(name, String(value))
    }
    const px = (n: number | undefined) => (n === undefined ? n : `${n}px`)
    set('--x', px(options.offsetX ?? s?.offsetX))
    set('--y', px(options.offsetY ?? s?.offsetY))
    set('--c', options.color ?? s?.color)
    set('--z', options.zIndex ?? s?.zIndex)
  }
  look()
  // An async script may run before <body> exists.
  ;(d.body ?? d.documentElement).append(host)

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

  for (const type of ['pointerenter', 'focus', 'touchstart']) {
    button.addEventListener(type, load, { passive: true })
  }
  button.addEventListener('click', () => chatcart('toggle'))
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
    if (s.idleLoad) (w.requestIdleCallback ?? setTimeout)(load)
    const { afterSeconds, scrollPercent, onceADay } = s.triggers
    let fired = false
    const fire = () => {
      w.removeEventListener('scroll', onScroll)
      let seen = fired
      fired = true
      try {
        seen = onceADay && w.localStorage.getItem(TRIGGER_KEY) === today()
      } catch {
        // Storage blocked: the trigger may fire again, which is harmless.
      }
      if (!seen && host.isConnected) chatcart('open', { trigger: true })
    }
    const onScroll = () => {
      const max = d.documentElement.scrollHeight - w.innerHeight
      if (scrollPercent && max > 0 && w.scrollY >= (max * scrollPercent) / 100) fire()
    }
    if (afterSeconds) setTimeout(fire, afterSeconds * 1000)
    if (scrollPercent) w.addEventListener('scroll', onScroll, { passive: true })
  })
}
