/**
 * Fills `{n}` / `{amount}` placeholders of a storefront string.
 * @example fill('Only {n} left', { n: 2 }) // 'Only 2 left'
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  )
}
