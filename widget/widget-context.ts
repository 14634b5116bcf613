import type { PublicWidget } from '../api/widget/widget-json.ts'
import type { WidgetOptions } from './widget-options.ts'

export type { PublicWidget }

/** What the loader hands to the bubble when it arrives. */
export interface WidgetContext {
  /** Where the script came from: the API's base URL. */
  base: string
  root: ShadowRoot
  /** The positioned box inside the shadow root that holds the button and the panel. */
  frame: HTMLElement
  button: HTMLButtonElement
  options: WidgetOptions
  /** The shop's public settings (fetched by the loader), or null without a shop. */
  settings: Promise<PublicWidget | null>
}

/** The bubble's entry: takes over the widget and answers `Chatcart(...)` commands from then on. */
export type MountWidget = (context: WidgetContext) => (command: unknown[]) => void

/** `window.Chatcart`: the queue stub's function, then ours. */
export interface ChatcartGlobal {
  (...command: unknown[]): void
  q?: unknown[][]
  /** Set once the loader ran, so a second copy of the script stays quiet. */
  v?: number
}

declare global {
  interface Window {
    Chatcart?: ChatcartGlobal
    dataLayer?: unknown[]
    gtag?: (...args: unknown[]) => void
  }
}
