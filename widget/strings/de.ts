import type { WidgetStrings } from '../strings.ts'

const strings: WidgetStrings = {
  greeting: 'Hallo! Wie können wir helfen?',
  close: 'Schließen',
  online: 'Online',
  offline: 'Offline, hinterlassen Sie eine Nachricht',
  start: 'Auf WhatsApp schreiben',
  web: 'WhatsApp Web',
  app: 'WhatsApp-App',
  phone: 'Auf dem Handy weiter',
  scan: 'Mit der Handykamera scannen',
  back: 'Zurück',
  cart: 'Ihr Warenkorb',
  total: 'Summe',
  name: 'Ihr Name',
  send: 'Bestellung per WhatsApp senden',
  remove: 'Entfernen',
  unavailable: 'Dieses Produkt ist nicht verfügbar',
  busy: 'Zu viele Bestellungen, bitte später',
  accept: 'Akzeptieren und weiter',
  more: 'Mehr erfahren',
  call: 'Anrufen',
  email: 'E-Mail',
  sms: 'SMS',
  shippingMethod: 'Lieferung',
  shipping: 'Versand',
  free: 'Kostenlos',
  address: 'Lieferadresse',
  subtotal: 'Zwischensumme',
  refused:
    'Die Bestellung konnte nicht aufgegeben werden. Prüfen Sie den Warenkorb und versuchen Sie es erneut.',
}

export default strings
