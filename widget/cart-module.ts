// The mini cart's chunk: fetched on the first add (or when a visitor comes back with a cart),
// so pages that only show the chat button never pay for it.

export { CartForm } from './CartForm.tsx'
export { default as css } from './cart.css?inline'
export { createMiniCart } from './mini-cart.ts'
export { placeWidgetOrder } from './widget-checkout.ts'
