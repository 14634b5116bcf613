import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Window as HappyWindow } from 'happy-dom'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { installWidget } from './install-widget.ts'

// The bubble stand-in is a real module, loaded by the loader's own dynamic import from a data:
// URL; it records the commands it is handed on globalThis.
const BUBBLE_SOURCE =
  'export const mount = (ctx) => { globalThis.mounted = (globalThis.mounted ?? 0) + 1; ' +
  'return (command) => globalThis.received.push(command) } //'

type TestGlobals = typeof globalThis & { received: unknown[][]; mounted?: number }
const g = globalThis as TestGlobals

// A fresh page for every test: listeners and globals of one test never reach the next.
let window: Window & typeof globalThis
let document: Document

function script(data: Record<string, string> = {}): HTMLScriptElement {
  const el = document.createElement('script')
  el.src = `data:text/javascript,${encodeURIComponent(BUBBLE_SOURCE)}/widget.js`
  for (const [key, value] of Object.entries(data)) el.dataset[key] = value
  return el
}

const install = (el: HTMLScriptElement | null = script()) => installWidget(window, el, 'bubble.js')

const host = () => document.querySelector<HTMLElement>('chatcart-widget')
const button = () => host()?.shadowRoot?.querySelector('button')

beforeEach(() => {
  g.received = []
  g.mounted = 0
  window = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Window &
    typeof globalThis
  document = window.document
  document.body.innerHTML = '<p>page</p>'
  document.documentElement.lang = 'en'
})

describe('installWidget', () => {
  it('should draw the button at once in an open shadow root', () => {
    install()
    expect(host()?.shadowRoot?.mode).toBe('open')
    expect(button()?.getAttribute('aria-label')).toBe('Chat')
    expect(button()?.getAttribute('aria-expanded')).toBe('false')
    expect(host()?.shadowRoot?.adoptedStyleSheets).toHaveLength(1)
  })

  it('should label the button in the page language', () => {
    document.documentElement.lang = 'de-AT'
    install()
    expect(button()?.getAttribute('aria-label')).toBe('Chatten')
  })

  it('should prefer data-lang to the page language', () => {
    document.documentElement.lang = 'de'
    install(script({ lang: 'fr' }))
    expect(button()?.getAttribute('aria-label')).toBe('Discuter')
  })

  it('should install window.Chatcart as a function', () => {
    install()
    expect(typeof window.Chatcart).toBe('function')
  })

  it('should do nothing the second time', () => {
    install()
    const first = window.Chatcart
    install()
    expect(document.querySelectorAll('chatcart-widget')).toHaveLength(1)
    expect(window.Chatcart).toBe(first)
  })

  it('should apply position, offsets, colour and z-index from data attributes', () => {
    install(
      script({ position: 'left', offsetX: '8', offsetY: '30', color: '#123456', zIndex: '5' }),
    )
    const el = host()
    expect(el?.classList.contains('l')).toBe(true)
    expect(el?.style.getPropertyValue('--x')).toBe('8')
    expect(el?.style.getPropertyValue('--y')).toBe('30')
    expect(el?.style.getPropertyValue('--c')).toBe('#123456')
    expect(el?.style.getPropertyValue('--z')).toBe('5')
  })

  it("should show the stored cart's item count on the closed button", () => {
    window.localStorage.setItem(
      'chatcart:cart:acme',
      JSON.stringify([
        { sku: 'MUG', quantity: 2 },
        { sku: 'TEE-L', quantity: 1 },
      ]),
    )
    install(script({ shop: 'acme' }))
    expect(button()?.querySelector('b')?.textContent).toBe('3')
    expect(button()?.getAttribute('aria-label')).toBe('Chat, 3')
    expect(g.mounted).toBe(0)
  })

  it('should show no count without a cart, or with one it cannot read', () => {
    install(script({ shop: 'acme' }))
    expect(button()?.querySelector('b')?.textContent).toBe('')
    document.querySelector('chatcart-widget')?.remove()
    window.Chatcart = undefined
    window.localStorage.setItem('chatcart:cart:acme', '{not json')
    install(script({ shop: 'acme' }))
    expect(button()?.querySelector('b')?.textContent).toBe('')
  })

  it('should not fetch the bubble before any interest', async () => {
    install()
    await new Promise((done) => setTimeout(done, 20))
    expect(g.mounted).toBe(0)
  })

  it('should replay the queue stub in order once the bubble arrives', async () => {
    const stub = Object.assign((...args: unknown[]) => stub.q.push(args), { q: [] as unknown[][] })
    window.Chatcart = stub
    const listener = () => {}
    stub('on', 'open', listener)
    stub('add', { sku: 'MUG', quantity: 2 })
    install()
    await expect.poll(() => g.received.length).toBe(2)
    expect(g.received).toEqual([
      ['on', 'open', listener],
      ['add', { sku: 'MUG', quantity: 2 }],
    ])
    window.Chatcart?.('close')
    expect(g.received.at(-1)).toEqual(['close'])
    expect(g.mounted).toBe(1)
  })

  it('should keep listeners queued without fetching the bubble', async () => {
    install()
    window.Chatcart?.('on', 'open', () => {})
    await new Promise((done) => setTimeout(done, 20))
    expect(g.mounted).toBe(0)
  })

  it('should fetch the bubble when the button is hovered, then toggle on click', async () => {
    install()
    button()?.dispatchEvent(new window.Event('pointerenter'))
    await expect.poll(() => g.mounted).toBe(1)
    button()?.click()
    await expect.poll(() => g.received).toEqual([['toggle']])
  })

  it('should turn data-chatcart-add and data-chatcart-open elements into commands', async () => {
    document.body.innerHTML =
      '<button data-chatcart-add="TEE-L" data-chatcart-qty="3"><span>Add</span></button>' +
      '<div data-chatcart-open>Ask</div><a href="/x#chatcart">Chat</a>'
    install()
    document.querySelector('span')?.click()
    document.querySelector<HTMLElement>('[data-chatcart-open]')?.click()
    document.querySelector('a')?.click()
    await expect.poll(() => g.received.length).toBe(3)
    expect(g.received).toEqual([['add', { sku: 'TEE-L', quantity: 3 }], ['open'], ['open']])
  })

  describe('with the shop settings from a server', () => {
    // A real server for GET /api/widget/{slug}: the look of the default settings, or a colour.
    let server: Server
    let base = ''
    const answered: string[] = []
    const look = {
      position: 'right',
      offsetX: 20,
      offsetY: 20,
      color: '#25d366',
      textColor: '#000',
      zIndex: 2147483000,
      idleLoad: false,
      rules: [],
      triggers: {},
    }
    beforeAll(async () => {
      server = createServer((req, res) => {
        const slug = req.url?.split('/').pop() ?? ''
        answered.push(slug)
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(
          JSON.stringify(slug === 'blue' ? { ...look, color: '#0055aa', textColor: '#fff' } : look),
        )
      })
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((done) => server.close(() => done())))

    const installFrom = (shop: string) => {
      const el = document.createElement('script')
      el.src = `${base}/widget.js`
      el.dataset.shop = shop
      install(el)
    }

    it('should write nothing more on the page when the settings keep the default look', async () => {
      installFrom('acme')
      const el = host()
      expect(el?.style.getPropertyValue('--z')).toBe('2147483000')
      const before = el?.getAttribute('style')
      const writes: string[] = []
      const observer = new window.MutationObserver((records) => {
        for (const r of records) writes.push(r.attributeName ?? '')
      })
      if (el) observer.observe(el, { attributes: true })
      await expect.poll(() => answered.includes('acme')).toBe(true)
      await new Promise((done) => setTimeout(done, 20))
      observer.disconnect()
      expect(writes).toEqual([])
      expect(el?.getAttribute('style')).toBe(before)
    })

    it("should apply the shop's colour and its text colour when the settings arrive", async () => {
      installFrom('blue')
      await expect.poll(() => host()?.style.getPropertyValue('--c')).toBe('#0055aa')
      expect(host()?.style.getPropertyValue('--t')).toBe('#fff')
    })
  })
})
