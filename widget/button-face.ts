/** What the closed button shows, shared by the loader, the bubble and the admin's preview. */

/** The chat icon and the cart's badge (fixed markup, no page data). */
export const BUTTON_FACE =
  '<svg viewBox="0 0 24 24"><path d="M12 2a10 10 0 0 0-8.6 15L2 22l5-1.4A10 10 0 1 0 12 2Z"/></svg><b></b>'

/**
 * Writes the cart's item count in the button's badge, empty (so hidden) when the cart is.
 * @example showCartCount(button, [{ sku: 'MUG', quantity: 2 }]) // the badge reads 2
 */
export function showCartCount(button: Element, items: readonly { quantity: number }[]): void {
  const badge = button.querySelector('b')
  if (badge) badge.textContent = String(items.reduce((sum, item) => sum + item.quantity, 0) || '')
}
