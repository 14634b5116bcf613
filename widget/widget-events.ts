/** The bubble's events: `Chatcart('on', …)` listeners, `chatcart:*` DOM events, tag managers, beacons. */

export type WidgetEventType = 'open' | 'close' | 'channel' | 'add' | 'checkout'
export type WidgetEventDetail = Record<string, unknown>
type Listener = (detail: WidgetEventDetail) => void

export interface WidgetEvents {
  on(type: string, listener: unknown): void
  emit(type: WidgetEventType, detail?: WidgetEventDetail): void
}

// An order's code, token and page link are the shopper's keys to it: they never reach tag
// managers, page scripts or beacons, which get the order's value instead.
const PRIVATE = new Set(['code', 'token', 'orderUrl', 'url', 'whatsappUrl'])

/**
 * Events for one widget. `beacon` is where `POST /api/events` lives, with the shop's slug;
 * without a shop nothing is sent. Only the type and the channel leave the page.
 */
export function createWidgetEvents(
  w: Window & typeof globalThis,
  beacon: { url: string; shop: string } | null,
): WidgetEvents {
  const listeners = new Map<string, Listener[]>()
  return {
    on(type, listener) {
      if (typeof listener !== 'function') return
      listeners.set(type, [...(listeners.get(type) ?? []), listener as Listener])
    },
    emit(type, given = {}) {
      const detail = Object.fromEntries(Object.entries(given).filter(([k]) => !PRIVATE.has(k)))
      for (const listener of listeners.get(type) ?? []) {
        try {
          listener(detail)
        } catch (error) {
          // A page's listener must not break the widget; its error still reaches the console.
          setTimeout(() => {
            throw error
          })
        }
      }
      w.dispatchEvent(new w.CustomEvent(`chatcart:${type}`, { detail }))
      if (Array.isArray(w.dataLayer)) w.dataLayer.push({ event: `chatcart_${type}`, ...detail })
      if ((type === 'channel' || type === 'checkout') && typeof w.gtag === 'function') {
        w.gtag('event', 'generate_lead', {
          method: detail.channel ?? 'widget',
          ...(typeof detail.value === 'number' ? { value: detail.value } : {}),
          ...(typeof detail.currency === 'string' ? { currency: detail.currency } : {}),
        })
      }
      if (beacon && typeof w.navigator.sendBeacon === 'function') {
        const channel = typeof detail.channel === 'string' ? { channel: detail.channel } : {}
        w.navigator.sendBeacon(beacon.url, JSON.stringify({ shop: beacon.shop, type, ...channel }))
      }
    },
  }
}
