import type { SupportedLocale } from './locale.ts'

/** The words of an order message in one language. */
export type OrderMessageStrings = {
  /** First line, e.g. "Hello Acme! I'd like to order:". */
  greeting: (shop: string) => string
  /** Between a label and its value (French puts a no-break space before the colon). */
  colon: string
  order: string
  subtotal: string
  shipping: string
  /** Labels the saving of a discount code: "Discount (SUMMER10): -€3.00". */
  discount: string
  free: string
  total: string
  name: string
  phone: string
  address: string
  note: string
  orderPage: string
  /** Replaces the items that did not fit in the link. */
  moreItems: (count: number) => string
  /** After {@link moreItems} when the message links the order page, which lists every item. */
  allOnOrderPage: string
  /** Labels the order page link when the shop takes payments: "How to pay (Pix, cash): …". */
  howToPay: string
  /** Labels the delivery area chosen at checkout. */
  deliveryArea: string
  /** Labels the time slot chosen at checkout: "Time slot: Tue 1 Dec, 09:00–10:00". */
  slot: string
  /** Names of the methods that are not brands. */
  payMethods: { cash: string; bank: string; card: string }
}

/** Order message strings for every supported locale; the parser reads all of them. */
export const ORDER_MESSAGE_STRINGS: Readonly<Record<SupportedLocale, OrderMessageStrings>> = {
  en: {
    greeting: (shop) => `Hello ${shop}! I'd like to order:`,
    colon: ': ',
    order: 'Order',
    subtotal: 'Subtotal',
    shipping: 'Shipping',
    discount: 'Discount',
    free: 'free',
    total: 'Total',
    name: 'Name',
    phone: 'Phone',
    address: 'Address',
    note: 'Note',
    orderPage: 'Order page',
    moreItems: (count) => (count === 1 ? '… and 1 more item' : `… and ${count} more items`),
    allOnOrderPage: 'all on the order page',
    howToPay: 'How to pay',
    deliveryArea: 'Delivery area',
    slot: 'Time slot',
    payMethods: { cash: 'cash', bank: 'bank transfer', card: 'card' },
  },
  fr: {
    greeting: (shop) => `Bonjour ${shop}\u00a0! Je souhaite commander\u00a0:`,
    colon: '\u00a0: ',
    order: 'Commande',
    subtotal: 'Sous-total',
    shipping: 'Livraison',
    discount: 'Remise',
    free: 'offerte',
    total: 'Total',
    name: 'Nom',
    phone: 'Téléphone',
    address: 'Adresse',
    note: 'Remarque',
    orderPage: 'Suivi de commande',
    moreItems: (count) => (count === 1 ? '… et 1 autre article' : `… et ${count} autres articles`),
    allOnOrderPage: 'tous dans le suivi de commande',
    howToPay: 'Comment payer',
    deliveryArea: 'Zone de livraison',
    slot: 'Créneau',
    payMethods: { cash: 'espèces', bank: 'virement', card: 'carte' },
  },
  es: {
    greeting: (shop) => `¡Hola, ${shop}! Quisiera hacer un pedido:`,
    colon: ': ',
    order: 'Pedido',
    subtotal: 'Subtotal',
    shipping: 'Envío',
    discount: 'Descuento',
    free: 'gratis',
    total: 'Total',
    name: 'Nombre',
    phone: 'Teléfono',
    address: 'Dirección',
    note: 'Nota',
    orderPage: 'Ver pedido',
    moreItems: (count) => (count === 1 ? '… y 1 artículo más' : `… y ${count} artículos más`),
    allOnOrderPage: 'todos en la página del pedido',
    howToPay: 'Cómo pagar',
    deliveryArea: 'Zona de entrega',
    slot: 'Franja horaria',
    payMethods: { cash: 'efectivo', bank: 'transferencia', card: 'tarjeta' },
  },
  it: {
    greeting: (shop) => `Ciao ${shop}! Vorrei ordinare:`,
    colon: ': ',
    order: 'Ordine',
    subtotal: 'Subtotale',
    shipping: 'Spedizione',
    discount: 'Sconto',
    free: 'gratuita',
    total: 'Totale',
    name: 'Nome',
    phone: 'Telefono',
    address: 'Indirizzo',
    note: 'Nota',
    orderPage: "Pagina dell'ordine",
    moreItems: (count) => (count === 1 ? '… e un altro articolo' : `… e altri ${count} articoli`),
    allOnOrderPage: 'tutti nella pagina dell’ordine',
    howToPay: 'Come pagare',
    deliveryArea: 'Zona di consegna',
    slot: 'Fascia oraria',
    payMethods: { cash: 'contanti', bank: 'bonifico', card: 'carta' },
  },
  pt: {
    greeting: (shop) => `Olá, ${shop}! Gostaria de fazer um pedido:`,
    colon: ': ',
    order: 'Pedido',
    subtotal: 'Subtotal',
    shipping: 'Envio',
    discount: 'Desconto',
    free: 'grátis',
    total: 'Total',
    name: 'Nome',
    phone: 'Telefone',
    address: 'Endereço',
    note: 'Observação',
    orderPage: 'Página do pedido',
    moreItems: (count) => (count === 1 ? '… e mais 1 item' : `… e mais ${count} itens`),
    allOnOrderPage: 'todos na página do pedido',
    howToPay: 'Como pagar',
    deliveryArea: 'Área de entrega',
    slot: 'Horário',
    payMethods: { cash: 'dinheiro', bank: 'transferência', card: 'cartão' },
  },
  de: {
    greeting: (shop) => `Hallo ${shop}! Ich möchte bestellen:`,
    colon: ': ',
    order: 'Bestellung',
    subtotal: 'Zwischensumme',
    shipping: 'Versand',
    discount: 'Rabatt',
    free: 'kostenlos',
    total: 'Gesamt',
    name: 'Name',
    phone: 'Telefon',
    address: 'Adresse',
    note: 'Hinweis',
    orderPage: 'Bestellseite',
    moreItems: (count) =>
      count === 1 ? '… und 1 weiterer Artikel' : `… und ${count} weitere Artikel`,
    allOnOrderPage: 'alle auf der Bestellseite',
    howToPay: 'So bezahlen',
    deliveryArea: 'Liefergebiet',
    slot: 'Zeitfenster',
    payMethods: { cash: 'Bargeld', bank: 'Überweisung', card: 'Karte' },
  },
  ar: {
    greeting: (shop) => `مرحبًا ${shop}! أود أن أطلب:`,
    colon: ': ',
    order: 'الطلب',
    subtotal: 'المجموع الفرعي',
    shipping: 'الشحن',
    discount: 'الخصم',
    free: 'مجاني',
    total: 'الإجمالي',
    name: 'الاسم',
    phone: 'الهاتف',
    address: 'العنوان',
    note: 'ملاحظة',
    orderPage: 'صفحة الطلب',
    moreItems: (count) => (count === 1 ? '… ومنتج آخر' : `… و${count} منتجات أخرى`),
    allOnOrderPage: 'جميعها في صفحة الطلب',
    howToPay: 'طريقة الدفع',
    deliveryArea: 'منطقة التوصيل',
    slot: 'الموعد',
    payMethods: { cash: 'نقدًا', bank: 'تحويل بنكي', card: 'بطاقة' },
  },
}
