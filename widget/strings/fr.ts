import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'Bonjour ! Comment pouvons-nous vous aider ?',
  close: 'Fermer',
  online: 'En ligne',
  offline: 'Absent, laissez un message',
  start: 'Écrire sur WhatsApp',
  web: 'WhatsApp Web',
  app: 'Application WhatsApp',
  phone: 'Continuer sur votre téléphone',
  scan: 'Scannez avec l’appareil photo de votre téléphone',
  back: 'Retour',
  cart: 'Votre panier',
  total: 'Total',
  name: 'Votre nom',
  send: 'Envoyer la commande sur WhatsApp',
  remove: 'Retirer',
  unavailable: 'Ce produit n’est pas disponible',
  busy: 'Trop de commandes, réessayez plus tard',
  accept: 'Accepter et continuer',
  more: 'En savoir plus',
  call: 'Appeler',
  email: 'E-mail',
  sms: 'SMS',
  shippingMethod: 'Livraison',
  shipping: 'Livraison',
  free: 'Offerte',
  address: 'Adresse de livraison',
  subtotal: 'Sous-total',
  refused: 'La commande n’a pas pu être passée. Vérifiez votre panier et réessayez.',
}

export default strings
