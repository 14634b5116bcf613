/** The bubble's words in every language Chatcart speaks. */
export interface WidgetStrings {
  greeting: string
  close: string
  online: string
  offline: string
  start: string
  web: string
  app: string
  phone: string
  scan: string
  back: string
  cart: string
  total: string
  name: string
  send: string
  remove: string
  unavailable: string
  /** Checkout refused for now: too many orders from this visitor's address. */
  busy: string
  accept: string
  more: string
  call: string
  email: string
  sms: string
  /** The cart's shipping methods, as the storefront's checkout words them. */
  shippingMethod: string
  shipping: string
  free: string
  address: string
  subtotal: string
  /** The API refused the order (stock changed, a field it did not accept). */
  refused: string
}

/** Languages the widget speaks; any other falls back to English. */
export type WidgetLocale = 'en' | 'fr' | 'es' | 'it' | 'pt' | 'de' | 'ar'

// Each language is a small chunk, fetched when the bubble mounts (before the visitor clicks).
const LOADERS: Record<WidgetLocale, () => Promise<{ default: WidgetStrings }>> = {
  en: () => import('./strings/en.ts'),
  fr: () => import('./strings/fr.ts'),
  es: () => import('./strings/es.ts'),
  it: () => import('./strings/it.ts'),
  pt: () => import('./strings/pt.ts'),
  de: () => import('./strings/de.ts'),
  ar: () => import('./strings/ar.ts'),
}

/**
 * The widget's language from `data-lang`, else `<html lang>`, else the shop's; English when
 * none is spoken.
 * @example widgetLocale(['pt-BR']) // 'pt'
 */
export function widgetLocale(tags: (string | null | undefined)[]): WidgetLocale {
  for (const tag of tags) {
    const base = tag?.slice(0, 2).toLowerCase()
    if (base && base in LOADERS) return base as WidgetLocale
  }
  return 'en'
}

/** The widget's words in a language. */
export async function loadStrings(locale: WidgetLocale): Promise<WidgetStrings> {
  return (await LOADERS[locale]()).default
}
