/**
 * The text colour on the owner's chosen colour (the header, the main button and the closed
 * button): white when it reads at 4.5:1 or better (WCAG 2 AA for normal text), else black, which
 * then always does (the two cross at 4.58:1, so no colour is left without one that passes).
 */

/** WCAG 2 relative luminance of an sRGB colour given as `[red, green, blue]`, 0–255 each. */
export function relativeLuminance(rgb: readonly number[]): number {
  const [r = 0, g = 0, b = 0] = rgb.map((value) => {
    const c = value / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/**
 * WCAG 2 contrast ratio of two colours, from 1 to 21.
 * @example contrastRatio([255, 255, 255], [0, 0, 0]) // 21
 */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x)
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)
}

/**
 * `#fff` or `#000`, whichever reads at 4.5:1 or better on the colour, white when both do.
 * @example textColorOn([37, 211, 102]) // '#000': white on WhatsApp green is 1.98:1
 * @example textColorOn([0, 85, 170]) // '#fff'
 */
export function textColorOn(rgb: readonly number[]): '#fff' | '#000' {
  // White reaches 4.5:1 while (1 + 0.05) / (L + 0.05) >= 4.5, that is L <= 0.1833.
  return relativeLuminance(rgb) <= 1.05 / 4.5 - 0.05 ? '#fff' : '#000'
}

/**
 * The channels of a CSS colour as the browser computes it (`rgb(37, 211, 102)`) or as the admin
 * stores it (`#25d366`).
 * @example colorChannels('#25d366') // [37, 211, 102]
 */
export function colorChannels(color: string): number[] {
  const hex = /^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i.exec(color)
  return hex
    ? hex.slice(1).map((h) => Number.parseInt(h, 16))
    : (color.match(/[\d.]+/g) ?? []).map(Number)
}
