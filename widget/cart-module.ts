// The mini cart's chunk: fetched on the first add (or when a visitor comes back with a cart),
// so pages that only show the chat button never pay for it.

// The bubble itself has no signals: the cart's count on the button follows the cart from here.
export { effect } from '@preact/signals'
export { CartForm } from './CartForm.tsx'
export { default as css } from './cart.css?inline'
export { createMiniCart } from './mini-cart.ts'
export { placeWidgetOrder } from './widget-checkout.ts'
