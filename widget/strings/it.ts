import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'Ciao! Come possiamo aiutarti?',
  close: 'Chiudi',
  online: 'Online',
  offline: 'Offline, lascia un messaggio',
  start: 'Scrivi su WhatsApp',
  web: 'WhatsApp Web',
  app: 'App WhatsApp',
  phone: 'Continua sul telefono',
  scan: 'Inquadra con la fotocamera del telefono',
  back: 'Indietro',
  cart: 'Il tuo carrello',
  total: 'Totale',
  name: 'Il tuo nome',
  send: "Invia l'ordine su WhatsApp",
  remove: 'Rimuovi',
  unavailable: 'Questo prodotto non è disponibile',
  busy: 'Troppi ordini, riprova più tardi',
  accept: 'Accetta e continua',
  more: 'Per saperne di più',
  call: 'Chiama',
  email: 'E-mail',
  sms: 'SMS',
  shippingMethod: 'Consegna',
  shipping: 'Spedizione',
  free: 'Gratis',
  address: 'Indirizzo di consegna',
  subtotal: 'Subtotale',
  refused: 'Non è stato possibile effettuare l’ordine. Controlla il carrello e riprova.',
}

export default strings
