import { Window as HappyWindow } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { createWidgetEvents } from './widget-events.ts'

function page() {
  const w = new HappyWindow({ url: 'https://shop.example/' }) as unknown as Window &
    typeof globalThis
  const beacons: { url: string; body: string }[] = []
  Object.defineProperty(w.navigator, 'sendBeacon', {
    value: (url: string, body: string) => beacons.push({ url, body }) > 0,
  })
  return { w, beacons }
}

describe('createWidgetEvents', () => {
  it('should call listeners registered with on', () => {
    const { w } = page()
    const events = createWidgetEvents(w, null)
    const seen: unknown[] = []
    events.on('channel', (detail: unknown) => seen.push(detail))
    events.emit('channel', { channel: 'telegram' })
    events.emit('open')
    expect(seen).toEqual([{ channel: 'telegram' }])
  })

  it('should dispatch a chatcart:* CustomEvent on window', () => {
    const { w } = page()
    const seen: unknown[] = []
    w.addEventListener('chatcart:add', (event) => seen.push((event as CustomEvent).detail))
    createWidgetEvents(w, null).emit('add', { sku: 'MUG', quantity: 1 })
    expect(seen).toEqual([{ sku: 'MUG', quantity: 1 }])
  })

  it('should push to dataLayer and send a GA4 lead through gtag when they exist', () => {
    const { w } = page()
    const gtagCalls: unknown[][] = []
    w.dataLayer = []
    w.gtag = (...args: unknown[]) => gtagCalls.push(args)
    const events = createWidgetEvents(w, null)
    events.emit('open')
    events.emit('checkout', { channel: 'whatsapp', value: 52, currency: 'EUR' })
    expect(w.dataLayer).toEqual([
      { event: 'chatcart_open' },
      { event: 'chatcart_checkout', channel: 'whatsapp', value: 52, currency: 'EUR' },
    ])
    expect(gtagCalls).toEqual([
      ['event', 'generate_lead', { method: 'whatsapp', value: 52, currency: 'EUR' }],
    ])
  })

  it('should never hand an order code, token or link to tag managers or page listeners', () => {
    const { w } = page()
    const gtagCalls: unknown[][] = []
    const heard: unknown[] = []
    w.dataLayer = []
    w.gtag = (...args: unknown[]) => gtagCalls.push(args)
    w.addEventListener('chatcart:checkout', (e) => heard.push((e as CustomEvent).detail))
    const events = createWidgetEvents(w, null)
    events.on('checkout', (detail: unknown) => heard.push(detail))
    const order = { code: 'K7Q2M9', token: 'tok_secret', orderUrl: 'https://x/o/tok_secret' }
    events.emit('checkout', { channel: 'whatsapp', value: 52, currency: 'EUR', items: 3, ...order })
    const seen = JSON.stringify([w.dataLayer, gtagCalls, heard])
    expect(seen).not.toMatch(/K7Q2M9|tok_secret/)
    expect(w.dataLayer).toEqual([
      { event: 'chatcart_checkout', channel: 'whatsapp', value: 52, currency: 'EUR', items: 3 },
    ])
  })

  it('should beacon only the shop, the type and the channel', () => {
    const { w, beacons } = page()
    const events = createWidgetEvents(w, { url: 'https://api.example/api/events', shop: 'acme' })
    events.emit('checkout', { channel: 'whatsapp', value: 52, currency: 'EUR', code: 'K7Q2M9' })
    expect(beacons).toEqual([
      {
        url: 'https://api.example/api/events',
        body: '{"shop":"acme","type":"checkout","channel":"whatsapp"}',
      },
    ])
  })

  it('should send no beacon without a shop', () => {
    const { w, beacons } = page()
    createWidgetEvents(w, null).emit('open')
    expect(beacons).toEqual([])
  })

  it('should keep going when a page listener throws', () => {
    const { w } = page()
    const events = createWidgetEvents(w, null)
    const seen: string[] = []
    events.on('open', () => {
      throw new Error('page bug')
    })
    events.on('open', () => seen.push('second'))
    const errors: unknown[] = []
    const original = globalThis.setTimeout
    // The error is rethrown later, outside the widget; catch that rethrow here.
    globalThis.setTimeout = ((fn: () => void) => {
      try {
        fn()
      } catch (error) {
        errors.push(error)
      }
      return 0
    }) as typeof setTimeout
    try {
      events.emit('open')
    } finally {
      globalThis.setTimeout = original
    }
    expect(seen).toEqual(['second'])
    expect(errors).toHaveLength(1)
  })
})
