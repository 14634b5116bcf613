// The mini cart's chunk: fetched on the first add (or when a visitor comes back with a cart),
// so pages that only show the chat button never pay for it.

export { toMajorUnits } from '../core/money.ts'
export { composeOrderWhatsAppUrl } from '../core/order-message.ts'
export { CartForm } from './CartForm.tsx'
export { createMiniCart } from './mini-cart.ts'
