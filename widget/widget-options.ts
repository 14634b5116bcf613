/** What a host page sets on the script tag: `data-shop`, `data-phone`, `data-color`… */
export interface WidgetOptions {
  shop?: string | undefined
  phone?: string | undefined
  message?: string | undefined
  lang?: string | undefined
  position?: string | undefined
  color?: string | undefined
  offsetX?: number | undefined
  offsetY?: number | undefined
  zIndex?: number | undefined
  theme?: string | undefined
}

/** A non-negative whole number, or undefined for anything else. */
const count = (value: string | undefined) =>
  value && /^\d{1,9}$/.test(value) ? Number(value) : undefined

/**
 * Reads the script tag's `data-*` attributes. A malformed number is ignored (the shop's setting,
 * then the default, applies); CSS ignores a malformed colour the same way.
 */
export function readOptions(data: DOMStringMap): WidgetOptions {
  return {
    ...data,
    offsetX: count(data.offsetX),
    offsetY: count(data.offsetY),
    zIndex: count(data.zIndex),
  }
}
