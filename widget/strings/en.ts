import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'Hi! How can we help you?',
  close: 'Close',
  online: 'Online',
  offline: 'Offline, leave a message',
  start: 'Chat on WhatsApp',
  web: 'WhatsApp Web',
  app: 'WhatsApp app',
  phone: 'Continue on your phone',
  scan: "Scan with your phone's camera",
  back: 'Back',
  cart: 'Your cart',
  total: 'Total',
  name: 'Your name',
  send: 'Send the order on WhatsApp',
  remove: 'Remove',
  unavailable: 'This product is not available',
  busy: 'Too many orders, try later',
  accept: 'Accept and continue',
  more: 'Read more',
  call: 'Call',
  email: 'E-mail',
  sms: 'SMS',
  shippingMethod: 'Delivery',
  shipping: 'Shipping',
  free: 'Free',
  address: 'Delivery address',
  subtotal: 'Subtotal',
  refused: 'The order could not be placed. Check your cart and try again.',
}

export default strings
