/** What the closed button shows, shared by the loader, the bubble and the admin's preview. */

/** The chat icon (loader.css clips it to its shape) and the cart's badge (fixed markup, no page data). */
export const BUTTON_FACE = '<i></i><b></b>'

/**
 * Writes the cart's item count in the button's badge (empty, so hidden, when the cart is) and
 * in its label, which must hold the text it shows (not in brackets, which assistive checks
 * read as an aside).
 * @example showCartCount(button, [{ sku: 'MUG', quantity: 2 }]) // "2", labelled "Chat, 2"
 */
export function showCartCount(button: Element, items: readonly { quantity: number }[]): void {
  const count = items.reduce((sum, item) => sum + item.quantity, 0)
  const label = button.getAttribute('aria-label')?.replace(/, \d+$/, '')
  button.setAttribute('aria-label', `${label}${count ? `, ${count}` : ''}`)
  const badge = button.querySelector('b')
  if (badge) badge.textContent = count ? `${count}` : ''
}
