import { pickLocale, type SupportedLocale } from '../core/locale.ts'
import type { OrderStatus } from '../core/order-status.ts'

/** Every word the storefront shows; `{n}` and `{amount}` are filled in by {@link fill}. */
export interface ShopStrings {
  addToCart: string
  added: string
  chooseOptions: string
  soldOut: string
  onlyLeft: string
  cart: string
  cartWithCount: string
  emptyCart: string
  continueShopping: string
  subtotal: string
  shipping: string
  free: string
  freeOver: string
  total: string
  checkout: string
  remove: string
  quantity: string
  decrease: string
  increase: string
  close: string
  back: string
  name: string
  phone: string
  optional: string
  address: string
  note: string
  shippingMethod: string
  sendOrder: string
  sending: string
  search: string
  all: string
  noResults: string
  previousPage: string
  nextPage: string
  pages: string
  share: string
  linkCopied: string
  openNow: string
  closedNow: string
  /** `{time}` is the opening time in the shop's time zone. */
  opensToday: string
  opensTomorrow: string
  /** `{day}` is a weekday ("Monday") or, beyond a week, a date. */
  opensOn: string
  /** The title of the week's hours, in a details/summary. */
  openingHours: string
  /** A day without hours, or a closed date. */
  closedDay: string
  /** Upcoming closed dates (holidays) under the week's hours. */
  exceptionalClosures: string
  /** `{zone}` is the shop's time zone, e.g. "Europe/Paris". */
  hoursTimeZone: string
  order: string
  status: string
  statuses: Record<OrderStatus, string>
  /** Shown when a pending order lapsed (never sent on WhatsApp). */
  expiredHint: string
  /** When a pending order lapses; `{date}` is the deadline. */
  expiresOn: string
  /** Checkout refused by the per-connection rate limit. */
  rateLimited: string
  pendingHint: string
  confirmedHint: string
  openWhatsApp: string
  copyMessage: string
  /** The disclosure that shows the order message's text, to read or select by hand. */
  showMessage: string
  copied: string
  scanQr: string
  outage: string
  error: string
  /** Checkout errors, by the API's error code; shown beside the field they concern. */
  errRequired: string
  errPhone: string
  /** `{phone}` is the number as the shop will read it, e.g. "+33 6 12 34 56 78". */
  phoneUnderstood: string
  /** `{name}` is the product. */
  errOutOfStock: string
  errUnavailable: string
  errShipping: string
  errTooMany: string
  wasPrice: string
  products: string
  noscript: string
}

const en: ShopStrings = {
  addToCart: 'Add to cart',
  added: 'Added to cart',
  chooseOptions: 'Choose options',
  soldOut: 'Sold out',
  onlyLeft: 'Only {n} left',
  cart: 'Cart',
  cartWithCount: 'Cart, {n} items',
  emptyCart: 'Your cart is empty.',
  continueShopping: 'Continue shopping',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  free: 'Free',
  freeOver: 'free from {amount}',
  total: 'Total',
  checkout: 'Check out',
  remove: 'Remove',
  quantity: 'Quantity',
  decrease: 'One less',
  increase: 'One more',
  close: 'Close',
  back: 'Back',
  name: 'Your name',
  phone: 'Phone',
  optional: 'optional',
  address: 'Delivery address',
  note: 'Note for the shop',
  shippingMethod: 'Delivery',
  sendOrder: 'Send the order on WhatsApp',
  sending: 'Sending…',
  search: 'Search products',
  all: 'All',
  noResults: 'No product matches your search.',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  pages: 'Pages',
  share: 'Share',
  linkCopied: 'Link copied',
  openNow: 'Open now',
  closedNow: 'Closed now',
  opensToday: 'Opens today at {time}',
  opensTomorrow: 'Opens tomorrow at {time}',
  opensOn: 'Opens {day} at {time}',
  openingHours: 'Opening hours',
  closedDay: 'Closed',
  exceptionalClosures: 'Exceptional closures',
  hoursTimeZone: 'Time zone: {zone}',
  order: 'Order',
  status: 'Status',
  statuses: {
    pending: 'Waiting for your message',
    confirmed: 'Received by the shop',
    paid: 'Paid',
    shipped: 'Shipped',
    completed: 'Completed',
    cancelled: 'Cancelled',
    expired: 'Lapsed',
  },
  expiredHint:
    'This order was never sent, so it lapsed and its items went back on sale. You can still send it on WhatsApp; the shop will check they are available.',
  expiresOn: 'If it is not sent by {date}, this order lapses and its items go back on sale.',
  rateLimited: 'Too many orders from this connection. Please wait a few minutes and try again.',
  pendingHint: 'Press Send in WhatsApp so the shop receives your order.',
  confirmedHint: 'The shop has your order and will reply on WhatsApp.',
  openWhatsApp: 'Open WhatsApp again',
  copyMessage: 'Copy the message',
  showMessage: 'Show the message',
  copied: 'Copied',
  scanQr: 'Scan with your phone to continue in WhatsApp',
  outage:
    'We could not reach the shop server, so your order was opened in WhatsApp without an order code. Send it and the shop will reply there.',
  error: 'Something went wrong. Please try again.',
  errRequired: 'Please fill this in.',
  errPhone:
    'We could not read this number. Type it as you would dial it, with the country code if it is from abroad.',
  phoneUnderstood: 'The shop will read: {phone}',
  errOutOfStock: 'Not enough “{name}” left. Lower the quantity or remove it.',
  errUnavailable: 'An item in your cart is no longer sold. Remove it to continue.',
  errShipping: 'This delivery option is no longer offered. Choose another one.',
  errTooMany: 'That is more than one order can hold. Lower a quantity.',
  wasPrice: 'Was {amount}',
  products: 'Products',
  noscript: 'Turn on JavaScript to order, or write to the shop on WhatsApp:',
}

const fr: ShopStrings = {
  addToCart: 'Ajouter au panier',
  added: 'Ajouté au panier',
  chooseOptions: 'Choisir',
  soldOut: 'Épuisé',
  onlyLeft: 'Plus que {n}',
  cart: 'Panier',
  cartWithCount: 'Panier, {n} articles',
  emptyCart: 'Votre panier est vide.',
  continueShopping: 'Continuer mes achats',
  subtotal: 'Sous-total',
  shipping: 'Livraison',
  free: 'Offerte',
  freeOver: 'offerte dès {amount}',
  total: 'Total',
  checkout: 'Commander',
  remove: 'Retirer',
  quantity: 'Quantité',
  decrease: 'Un de moins',
  increase: 'Un de plus',
  close: 'Fermer',
  back: 'Retour',
  name: 'Votre nom',
  phone: 'Téléphone',
  optional: 'facultatif',
  address: 'Adresse de livraison',
  note: 'Message pour la boutique',
  shippingMethod: 'Livraison',
  sendOrder: 'Envoyer la commande sur WhatsApp',
  sending: 'Envoi…',
  search: 'Rechercher un produit',
  all: 'Tout',
  noResults: 'Aucun produit ne correspond.',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  pages: 'Pages',
  share: 'Partager',
  linkCopied: 'Lien copié',
  openNow: 'Ouvert',
  closedNow: 'Fermé',
  opensToday: 'Ouvre aujourd’hui à {time}',
  opensTomorrow: 'Ouvre demain à {time}',
  opensOn: 'Ouvre {day} à {time}',
  openingHours: 'Horaires d’ouverture',
  closedDay: 'Fermé',
  exceptionalClosures: 'Fermetures exceptionnelles',
  hoursTimeZone: 'Fuseau horaire : {zone}',
  order: 'Commande',
  status: 'État',
  statuses: {
    pending: 'En attente de votre message',
    confirmed: 'Reçue par la boutique',
    paid: 'Payée',
    shipped: 'Expédiée',
    completed: 'Terminée',
    cancelled: 'Annulée',
    expired: 'Expirée',
  },
  expiredHint:
    "Cette commande n'a pas été envoyée : elle a expiré et ses articles sont remis en vente. Vous pouvez encore l'envoyer sur WhatsApp ; la boutique vérifiera leur disponibilité.",
  expiresOn:
    'Sans envoi avant le {date}, cette commande expire et ses articles sont remis en vente.',
  rateLimited:
    'Trop de commandes depuis cette connexion. Patientez quelques minutes puis réessayez.',
  pendingHint: 'Appuyez sur Envoyer dans WhatsApp pour que la boutique reçoive votre commande.',
  confirmedHint: 'La boutique a reçu votre commande et vous répondra sur WhatsApp.',
  openWhatsApp: 'Rouvrir WhatsApp',
  copyMessage: 'Copier le message',
  showMessage: 'Voir le message',
  copied: 'Copié',
  scanQr: 'Scannez avec votre téléphone pour continuer dans WhatsApp',
  outage:
    'Le serveur de la boutique est injoignable : votre commande a été ouverte dans WhatsApp sans code. Envoyez-la, la boutique vous répondra.',
  error: 'Une erreur est survenue. Réessayez.',
  errRequired: 'Merci de remplir ce champ.',
  errPhone:
    'Nous n’arrivons pas à lire ce numéro. Écrivez-le comme vous le composez, avec l’indicatif s’il est étranger.',
  phoneUnderstood: 'La boutique lira : {phone}',
  errOutOfStock: 'Il ne reste pas assez de « {name} ». Baissez la quantité ou retirez-le.',
  errUnavailable: 'Un article du panier n’est plus vendu. Retirez-le pour continuer.',
  errShipping: 'Ce mode de livraison n’est plus proposé. Choisissez-en un autre.',
  errTooMany: 'C’est plus qu’une commande ne peut contenir. Baissez une quantité.',
  wasPrice: 'Avant {amount}',
  products: 'Produits',
  noscript: 'Activez JavaScript pour commander, ou écrivez à la boutique sur WhatsApp :',
}

const es: ShopStrings = {
  ...en,
  addToCart: 'Añadir al carrito',
  added: 'Añadido al carrito',
  chooseOptions: 'Elegir opciones',
  soldOut: 'Agotado',
  onlyLeft: 'Solo quedan {n}',
  cart: 'Carrito',
  cartWithCount: 'Carrito, {n} artículos',
  emptyCart: 'Tu carrito está vacío.',
  continueShopping: 'Seguir comprando',
  subtotal: 'Subtotal',
  shipping: 'Envío',
  free: 'Gratis',
  freeOver: 'gratis desde {amount}',
  checkout: 'Pedir',
  remove: 'Quitar',
  quantity: 'Cantidad',
  close: 'Cerrar',
  back: 'Volver',
  name: 'Tu nombre',
  phone: 'Teléfono',
  optional: 'opcional',
  address: 'Dirección de entrega',
  note: 'Nota para la tienda',
  shippingMethod: 'Entrega',
  sendOrder: 'Enviar el pedido por WhatsApp',
  sending: 'Enviando…',
  search: 'Buscar productos',
  all: 'Todo',
  noResults: 'Ningún producto coincide.',
  previousPage: 'Página anterior',
  nextPage: 'Página siguiente',
  pages: 'Páginas',
  share: 'Compartir',
  linkCopied: 'Enlace copiado',
  openNow: 'Abierto',
  closedNow: 'Cerrado',
  opensToday: 'Abre hoy a las {time}',
  opensTomorrow: 'Abre mañana a las {time}',
  opensOn: 'Abre el {day} a las {time}',
  openingHours: 'Horario',
  closedDay: 'Cerrado',
  exceptionalClosures: 'Cierres excepcionales',
  hoursTimeZone: 'Zona horaria: {zone}',
  order: 'Pedido',
  status: 'Estado',
  statuses: {
    pending: 'Esperando tu mensaje',
    confirmed: 'Recibido por la tienda',
    paid: 'Pagado',
    shipped: 'Enviado',
    completed: 'Completado',
    cancelled: 'Cancelado',
    expired: 'Caducado',
  },
  expiredHint:
    'Este pedido no se envió, así que caducó y sus artículos volvieron a la venta. Aún puedes enviarlo por WhatsApp; la tienda comprobará si siguen disponibles.',
  expiresOn:
    'Si no lo envías antes del {date}, este pedido caduca y sus artículos vuelven a la venta.',
  rateLimited: 'Demasiados pedidos desde esta conexión. Espera unos minutos y vuelve a intentarlo.',
  pendingHint: 'Pulsa Enviar en WhatsApp para que la tienda reciba tu pedido.',
  confirmedHint: 'La tienda tiene tu pedido y te responderá por WhatsApp.',
  openWhatsApp: 'Abrir WhatsApp de nuevo',
  copyMessage: 'Copiar el mensaje',
  showMessage: 'Ver el mensaje',
  copied: 'Copiado',
  error: 'Algo salió mal. Inténtalo de nuevo.',
  errRequired: 'Rellena este campo.',
  errPhone:
    'No podemos leer este número. Escríbelo como lo marcarías, con el prefijo del país si es del extranjero.',
  phoneUnderstood: 'La tienda leerá: {phone}',
  errOutOfStock: 'No queda suficiente «{name}». Baja la cantidad o quítalo.',
  errUnavailable: 'Un artículo del carrito ya no está a la venta. Quítalo para continuar.',
  errShipping: 'Esta opción de envío ya no está disponible. Elige otra.',
  errTooMany: 'Es más de lo que admite un pedido. Baja una cantidad.',
  wasPrice: 'Antes {amount}',
  products: 'Productos',
}

const it: ShopStrings = {
  ...en,
  addToCart: 'Aggiungi al carrello',
  added: 'Aggiunto al carrello',
  chooseOptions: 'Scegli le opzioni',
  soldOut: 'Esaurito',
  onlyLeft: 'Solo {n} rimasti',
  cart: 'Carrello',
  cartWithCount: 'Carrello, {n} articoli',
  emptyCart: 'Il carrello è vuoto.',
  continueShopping: 'Continua gli acquisti',
  subtotal: 'Subtotale',
  shipping: 'Spedizione',
  free: 'Gratis',
  freeOver: 'gratis da {amount}',
  total: 'Totale',
  checkout: 'Ordina',
  remove: 'Rimuovi',
  quantity: 'Quantità',
  close: 'Chiudi',
  back: 'Indietro',
  name: 'Il tuo nome',
  phone: 'Telefono',
  optional: 'facoltativo',
  address: 'Indirizzo di consegna',
  note: 'Nota per il negozio',
  shippingMethod: 'Consegna',
  sendOrder: "Invia l'ordine su WhatsApp",
  sending: 'Invio…',
  search: 'Cerca prodotti',
  all: 'Tutto',
  noResults: 'Nessun prodotto corrisponde.',
  previousPage: 'Pagina precedente',
  nextPage: 'Pagina successiva',
  pages: 'Pagine',
  share: 'Condividi',
  linkCopied: 'Link copiato',
  openNow: 'Aperto',
  closedNow: 'Chiuso',
  opensToday: 'Apre oggi alle {time}',
  opensTomorrow: 'Apre domani alle {time}',
  opensOn: 'Apre {day} alle {time}',
  openingHours: 'Orari di apertura',
  closedDay: 'Chiuso',
  exceptionalClosures: 'Chiusure straordinarie',
  hoursTimeZone: 'Fuso orario: {zone}',
  order: 'Ordine',
  status: 'Stato',
  statuses: {
    pending: 'In attesa del tuo messaggio',
    confirmed: 'Ricevuto dal negozio',
    paid: 'Pagato',
    shipped: 'Spedito',
    completed: 'Completato',
    cancelled: 'Annullato',
    expired: 'Scaduto',
  },
  expiredHint:
    'Questo ordine non è stato inviato: è scaduto e gli articoli sono tornati in vendita. Puoi ancora inviarlo su WhatsApp; il negozio verificherà la disponibilità.',
  expiresOn:
    'Se non lo invii entro il {date}, questo ordine scade e gli articoli tornano in vendita.',
  rateLimited: 'Troppi ordini da questa connessione. Attendi qualche minuto e riprova.',
  openWhatsApp: 'Riapri WhatsApp',
  copyMessage: 'Copia il messaggio',
  showMessage: 'Mostra il messaggio',
  copied: 'Copiato',
  error: 'Qualcosa è andato storto. Riprova.',
  errRequired: 'Compila questo campo.',
  errPhone:
    'Non riusciamo a leggere questo numero. Scrivilo come lo componi, con il prefisso internazionale se è estero.',
  phoneUnderstood: 'Il negozio leggerà: {phone}',
  errOutOfStock: 'Non c’è abbastanza «{name}». Riduci la quantità o rimuovilo.',
  errUnavailable: 'Un articolo del carrello non è più in vendita. Rimuovilo per continuare.',
  errShipping: 'Questa consegna non è più disponibile. Scegline un’altra.',
  errTooMany: 'È più di quanto possa contenere un ordine. Riduci una quantità.',
  wasPrice: 'Prima {amount}',
  products: 'Prodotti',
}

const pt: ShopStrings = {
  ...en,
  addToCart: 'Adicionar ao carrinho',
  added: 'Adicionado ao carrinho',
  chooseOptions: 'Escolher opções',
  soldOut: 'Esgotado',
  onlyLeft: 'Só restam {n}',
  cart: 'Carrinho',
  cartWithCount: 'Carrinho, {n} itens',
  emptyCart: 'O seu carrinho está vazio.',
  continueShopping: 'Continuar a comprar',
  subtotal: 'Subtotal',
  shipping: 'Envio',
  free: 'Grátis',
  freeOver: 'grátis a partir de {amount}',
  checkout: 'Encomendar',
  remove: 'Remover',
  quantity: 'Quantidade',
  close: 'Fechar',
  back: 'Voltar',
  name: 'O seu nome',
  phone: 'Telefone',
  optional: 'opcional',
  address: 'Morada de entrega',
  note: 'Nota para a loja',
  shippingMethod: 'Entrega',
  sendOrder: 'Enviar a encomenda pelo WhatsApp',
  sending: 'A enviar…',
  search: 'Procurar produtos',
  all: 'Tudo',
  noResults: 'Nenhum produto corresponde.',
  previousPage: 'Página anterior',
  nextPage: 'Próxima página',
  pages: 'Páginas',
  share: 'Partilhar',
  linkCopied: 'Link copiado',
  openNow: 'Aberto',
  closedNow: 'Fechado',
  opensToday: 'Abre hoje às {time}',
  opensTomorrow: 'Abre amanhã às {time}',
  opensOn: 'Abre {day} às {time}',
  openingHours: 'Horário de funcionamento',
  closedDay: 'Fechado',
  exceptionalClosures: 'Encerramentos excecionais',
  hoursTimeZone: 'Fuso horário: {zone}',
  order: 'Pedido',
  status: 'Estado',
  statuses: {
    pending: 'À espera da sua mensagem',
    confirmed: 'Recebido pela loja',
    paid: 'Pago',
    shipped: 'Enviado',
    completed: 'Concluído',
    cancelled: 'Cancelado',
    expired: 'Expirado',
  },
  expiredHint:
    'Este pedido não foi enviado, por isso expirou e os artigos voltaram à venda. Ainda pode enviá-lo pelo WhatsApp; a loja vai verificar a disponibilidade.',
  expiresOn: 'Se não for enviado até {date}, este pedido expira e os artigos voltam à venda.',
  rateLimited:
    'Demasiados pedidos a partir desta ligação. Aguarde alguns minutos e tente novamente.',
  openWhatsApp: 'Abrir o WhatsApp de novo',
  copyMessage: 'Copiar a mensagem',
  showMessage: 'Ver a mensagem',
  copied: 'Copiado',
  error: 'Algo correu mal. Tente de novo.',
  errRequired: 'Preencha este campo.',
  errPhone:
    'Não conseguimos ler este número. Escreva como você disca, com o código do país se for do exterior.',
  phoneUnderstood: 'A loja vai ler: {phone}',
  errOutOfStock: 'Não há “{name}” suficiente. Diminua a quantidade ou remova.',
  errUnavailable: 'Um item do carrinho não está mais à venda. Remova para continuar.',
  errShipping: 'Esta opção de entrega não está mais disponível. Escolha outra.',
  errTooMany: 'É mais do que um pedido comporta. Diminua uma quantidade.',
  wasPrice: 'Antes {amount}',
  products: 'Produtos',
}

const de: ShopStrings = {
  ...en,
  addToCart: 'In den Warenkorb',
  added: 'Im Warenkorb',
  chooseOptions: 'Optionen wählen',
  soldOut: 'Ausverkauft',
  onlyLeft: 'Nur noch {n}',
  cart: 'Warenkorb',
  cartWithCount: 'Warenkorb, {n} Artikel',
  emptyCart: 'Ihr Warenkorb ist leer.',
  continueShopping: 'Weiter einkaufen',
  subtotal: 'Zwischensumme',
  shipping: 'Versand',
  free: 'Kostenlos',
  freeOver: 'kostenlos ab {amount}',
  total: 'Gesamt',
  checkout: 'Bestellen',
  remove: 'Entfernen',
  quantity: 'Menge',
  close: 'Schließen',
  back: 'Zurück',
  name: 'Ihr Name',
  phone: 'Telefon',
  optional: 'optional',
  address: 'Lieferadresse',
  note: 'Nachricht an den Shop',
  shippingMethod: 'Lieferung',
  sendOrder: 'Bestellung per WhatsApp senden',
  sending: 'Wird gesendet…',
  search: 'Produkte suchen',
  all: 'Alle',
  noResults: 'Kein Produkt gefunden.',
  previousPage: 'Vorherige Seite',
  nextPage: 'Nächste Seite',
  pages: 'Seiten',
  share: 'Teilen',
  linkCopied: 'Link kopiert',
  openNow: 'Geöffnet',
  closedNow: 'Geschlossen',
  opensToday: 'Öffnet heute um {time}',
  opensTomorrow: 'Öffnet morgen um {time}',
  opensOn: 'Öffnet am {day} um {time}',
  openingHours: 'Öffnungszeiten',
  closedDay: 'Geschlossen',
  exceptionalClosures: 'Ausnahmsweise geschlossen',
  hoursTimeZone: 'Zeitzone: {zone}',
  order: 'Bestellung',
  status: 'Status',
  statuses: {
    pending: 'Wartet auf Ihre Nachricht',
    confirmed: 'Beim Shop eingegangen',
    paid: 'Bezahlt',
    shipped: 'Versandt',
    completed: 'Abgeschlossen',
    cancelled: 'Storniert',
    expired: 'Abgelaufen',
  },
  expiredHint:
    'Diese Bestellung wurde nie gesendet, ist daher abgelaufen und die Artikel sind wieder im Verkauf. Sie können sie noch per WhatsApp senden; der Shop prüft dann die Verfügbarkeit.',
  expiresOn:
    'Ohne Senden bis {date} läuft diese Bestellung ab und die Artikel gehen zurück in den Verkauf.',
  rateLimited:
    'Zu viele Bestellungen von dieser Verbindung. Bitte warten Sie einige Minuten und versuchen Sie es erneut.',
  openWhatsApp: 'WhatsApp erneut öffnen',
  copyMessage: 'Nachricht kopieren',
  showMessage: 'Nachricht anzeigen',
  copied: 'Kopiert',
  error: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  errRequired: 'Bitte ausfüllen.',
  errPhone:
    'Diese Nummer können wir nicht lesen. Schreiben Sie sie so, wie Sie sie wählen, bei ausländischen Nummern mit Ländervorwahl.',
  phoneUnderstood: 'Der Shop liest: {phone}',
  errOutOfStock:
    'Von „{name}“ ist nicht mehr genug da. Verringern Sie die Menge oder entfernen Sie den Artikel.',
  errUnavailable:
    'Ein Artikel im Warenkorb wird nicht mehr verkauft. Entfernen Sie ihn, um fortzufahren.',
  errShipping: 'Diese Versandart gibt es nicht mehr. Wählen Sie eine andere.',
  errTooMany: 'Das ist mehr, als eine Bestellung fassen kann. Verringern Sie eine Menge.',
  wasPrice: 'Statt {amount}',
  products: 'Produkte',
}

const ar: ShopStrings = {
  ...en,
  addToCart: 'أضف إلى السلة',
  added: 'أضيف إلى السلة',
  chooseOptions: 'اختر الخيارات',
  soldOut: 'نفدت الكمية',
  onlyLeft: 'بقي {n} فقط',
  cart: 'السلة',
  cartWithCount: 'السلة، {n} منتجات',
  emptyCart: 'سلتك فارغة.',
  continueShopping: 'متابعة التسوق',
  subtotal: 'المجموع الفرعي',
  shipping: 'الشحن',
  free: 'مجاني',
  freeOver: 'مجاني ابتداءً من {amount}',
  total: 'الإجمالي',
  checkout: 'اطلب الآن',
  remove: 'إزالة',
  quantity: 'الكمية',
  decrease: 'أقل بواحد',
  increase: 'أكثر بواحد',
  close: 'إغلاق',
  back: 'رجوع',
  name: 'اسمك',
  phone: 'الهاتف',
  optional: 'اختياري',
  address: 'عنوان التوصيل',
  note: 'ملاحظة للمتجر',
  shippingMethod: 'التوصيل',
  sendOrder: 'أرسل الطلب عبر واتساب',
  sending: 'جارٍ الإرسال…',
  search: 'ابحث عن منتج',
  all: 'الكل',
  noResults: 'لا توجد منتجات مطابقة.',
  previousPage: 'الصفحة السابقة',
  nextPage: 'الصفحة التالية',
  pages: 'الصفحات',
  share: 'مشاركة',
  linkCopied: 'تم نسخ الرابط',
  openNow: 'مفتوح الآن',
  closedNow: 'مغلق الآن',
  opensToday: 'يفتح اليوم الساعة {time}',
  opensTomorrow: 'يفتح غدًا الساعة {time}',
  opensOn: 'يفتح {day} الساعة {time}',
  openingHours: 'ساعات العمل',
  closedDay: 'مغلق',
  exceptionalClosures: 'أيام إغلاق استثنائية',
  hoursTimeZone: 'المنطقة الزمنية: {zone}',
  order: 'الطلب',
  status: 'الحالة',
  statuses: {
    pending: 'في انتظار رسالتك',
    confirmed: 'استلمه المتجر',
    paid: 'مدفوع',
    shipped: 'تم الشحن',
    completed: 'مكتمل',
    cancelled: 'ملغى',
    expired: 'منتهي',
  },
  expiredHint:
    'لم يُرسل هذا الطلب، لذا انتهت صلاحيته وعادت منتجاته للبيع. لا يزال بإمكانك إرساله عبر واتساب وسيتحقق المتجر من توفرها.',
  expiresOn: 'إذا لم يُرسل قبل {date}، تنتهي صلاحية هذا الطلب وتعود منتجاته للبيع.',
  rateLimited: 'طلبات كثيرة من هذا الاتصال. يُرجى الانتظار بضع دقائق ثم المحاولة مجددًا.',
  pendingHint: 'اضغط إرسال في واتساب ليصل طلبك إلى المتجر.',
  confirmedHint: 'استلم المتجر طلبك وسيرد عليك عبر واتساب.',
  openWhatsApp: 'افتح واتساب مجددًا',
  copyMessage: 'انسخ الرسالة',
  showMessage: 'اعرض الرسالة',
  copied: 'تم النسخ',
  scanQr: 'امسح الرمز بهاتفك للمتابعة في واتساب',
  outage:
    'تعذر الوصول إلى خادم المتجر، ففتحنا طلبك في واتساب بدون رمز طلب. أرسله وسيرد عليك المتجر.',
  error: 'حدث خطأ. حاول مرة أخرى.',
  errRequired: 'يُرجى ملء هذا الحقل.',
  errPhone: 'تعذّرت قراءة هذا الرقم. اكتبه كما تطلبه، مع رمز الدولة إن كان من الخارج.',
  phoneUnderstood: 'سيقرأ المتجر: {phone}',
  errOutOfStock: 'الكمية المتبقية من «{name}» غير كافية. قلّل الكمية أو احذفه.',
  errUnavailable: 'أحد منتجات السلة لم يعد معروضًا للبيع. احذفه للمتابعة.',
  errShipping: 'طريقة التوصيل هذه لم تعد متاحة. اختر طريقة أخرى.',
  errTooMany: 'هذا أكثر مما يتسع له طلب واحد. قلّل إحدى الكميات.',
  wasPrice: 'كان {amount}',
  products: 'المنتجات',
  noscript: 'فعّل جافاسكربت للطلب، أو راسل المتجر عبر واتساب:',
}

const STRINGS: Record<SupportedLocale, ShopStrings> = { en, fr, es, it, pt, de, ar }

/** The storefront words for a locale (the closest supported language, else English). */
export function shopStrings(locale: string): ShopStrings {
  return STRINGS[pickLocale(locale, 'en')]
}

/** Words of the pages that belong to the instance rather than a shop: its home and the 404. */
export interface InstanceStrings {
  notFoundTitle: string
  notFoundText: string
  /** A link to an order that does not exist (mistyped, or cut when it was shared). */
  orderNotFoundText: string
  /** `{shop}` is the shop's name. */
  backToShop: string
  goHome: string
  homeTitle: string
  homeIntro: string
  welcomeTitle: string
  noShopsText: string
  openAdmin: string
}

const INSTANCE_STRINGS: Record<SupportedLocale, InstanceStrings> = {
  en: {
    notFoundTitle: 'Page not found',
    notFoundText: 'This link is mistyped, or the page no longer exists.',
    orderNotFoundText:
      'We cannot find this order. Check that the link is complete, or ask the shop on WhatsApp.',
    backToShop: 'Back to {shop}',
    goHome: 'Go to the home page',
    homeTitle: 'Shops',
    homeIntro: 'Choose a shop to browse its catalog and order on WhatsApp.',
    welcomeTitle: 'Welcome to Chatcart',
    noShopsText: 'No shop is open here yet.',
    openAdmin: 'Open the admin to create one',
  },
  fr: {
    notFoundTitle: 'Page introuvable',
    notFoundText: 'Ce lien est mal saisi, ou la page n’existe plus.',
    orderNotFoundText:
      'Nous ne trouvons pas cette commande. Vérifiez que le lien est complet, ou demandez à la boutique sur WhatsApp.',
    backToShop: 'Retour à {shop}',
    goHome: 'Aller à l’accueil',
    homeTitle: 'Boutiques',
    homeIntro: 'Choisissez une boutique pour voir son catalogue et commander sur WhatsApp.',
    welcomeTitle: 'Bienvenue sur Chatcart',
    noShopsText: 'Aucune boutique n’est encore ouverte ici.',
    openAdmin: 'Ouvrir l’administration pour en créer une',
  },
  es: {
    notFoundTitle: 'Página no encontrada',
    notFoundText: 'Este enlace está mal escrito o la página ya no existe.',
    orderNotFoundText:
      'No encontramos este pedido. Comprueba que el enlace esté completo o pregunta a la tienda por WhatsApp.',
    backToShop: 'Volver a {shop}',
    goHome: 'Ir a la página de inicio',
    homeTitle: 'Tiendas',
    homeIntro: 'Elige una tienda para ver su catálogo y pedir por WhatsApp.',
    welcomeTitle: 'Bienvenido a Chatcart',
    noShopsText: 'Todavía no hay ninguna tienda abierta aquí.',
    openAdmin: 'Abre la administración para crear una',
  },
  it: {
    notFoundTitle: 'Pagina non trovata',
    notFoundText: 'Questo link è scritto male oppure la pagina non esiste più.',
    orderNotFoundText:
      'Non troviamo questo ordine. Controlla che il link sia completo o chiedi al negozio su WhatsApp.',
    backToShop: 'Torna a {shop}',
    goHome: 'Vai alla pagina iniziale',
    homeTitle: 'Negozi',
    homeIntro: 'Scegli un negozio per sfogliare il catalogo e ordinare su WhatsApp.',
    welcomeTitle: 'Benvenuto su Chatcart',
    noShopsText: 'Qui non c’è ancora nessun negozio aperto.',
    openAdmin: 'Apri l’amministrazione per crearne uno',
  },
  pt: {
    notFoundTitle: 'Página não encontrada',
    notFoundText: 'Este link está digitado errado ou a página não existe mais.',
    orderNotFoundText:
      'Não encontramos este pedido. Verifique se o link está completo ou pergunte à loja no WhatsApp.',
    backToShop: 'Voltar para {shop}',
    goHome: 'Ir para a página inicial',
    homeTitle: 'Lojas',
    homeIntro: 'Escolha uma loja para ver o catálogo e pedir pelo WhatsApp.',
    welcomeTitle: 'Bem-vindo ao Chatcart',
    noShopsText: 'Ainda não há nenhuma loja aberta aqui.',
    openAdmin: 'Abra a administração para criar uma',
  },
  de: {
    notFoundTitle: 'Seite nicht gefunden',
    notFoundText: 'Dieser Link ist falsch geschrieben, oder die Seite gibt es nicht mehr.',
    orderNotFoundText:
      'Wir finden diese Bestellung nicht. Prüfen Sie, ob der Link vollständig ist, oder fragen Sie den Shop auf WhatsApp.',
    backToShop: 'Zurück zu {shop}',
    goHome: 'Zur Startseite',
    homeTitle: 'Shops',
    homeIntro: 'Wählen Sie einen Shop, um den Katalog zu sehen und auf WhatsApp zu bestellen.',
    welcomeTitle: 'Willkommen bei Chatcart',
    noShopsText: 'Hier ist noch kein Shop geöffnet.',
    openAdmin: 'Zur Verwaltung, um einen zu erstellen',
  },
  ar: {
    notFoundTitle: 'الصفحة غير موجودة',
    notFoundText: 'هذا الرابط مكتوب بشكل خاطئ، أو أن الصفحة لم تعد موجودة.',
    orderNotFoundText: 'لم نعثر على هذا الطلب. تأكد من أن الرابط كامل، أو اسأل المتجر عبر واتساب.',
    backToShop: 'العودة إلى {shop}',
    goHome: 'الذهاب إلى الصفحة الرئيسية',
    homeTitle: 'المتاجر',
    homeIntro: 'اختر متجرًا لتصفح منتجاته والطلب عبر واتساب.',
    welcomeTitle: 'مرحبًا بك في Chatcart',
    noShopsText: 'لا يوجد أي متجر مفتوح هنا بعد.',
    openAdmin: 'افتح لوحة الإدارة لإنشاء متجر',
  },
}

/** The instance pages' words for a locale (the closest supported language, else English). */
export function instanceStrings(locale: string): InstanceStrings {
  return INSTANCE_STRINGS[pickLocale(locale, 'en')]
}
