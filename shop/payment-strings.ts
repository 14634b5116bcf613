import { pickLocale, type SupportedLocale } from '../core/locale.ts'

/** The order page's "how to pay" words (server-rendered only: never in the storefront's JS). */
export interface PaymentStrings {
  heading: string
  /** Under a transfer QR: scan it or copy the code into the banking app. */
  scan: string
  copyCode: string
  copied: string
  cash: string
  bank: string
  sepa: string
  payByCard: string
  /** `Paid on {date}` is not needed: the status says paid; this names the method. */
  paidWith: string
  methods: { cash: string; bank: string; sepa: string; card: string }
}

const en: PaymentStrings = {
  heading: 'How to pay',
  scan: 'Scan the code with your banking app, or copy it. It carries the amount and your order code.',
  copyCode: 'Copy code',
  copied: 'Copied',
  cash: 'Pay in cash on delivery or pickup.',
  bank: 'Bank transfer: put your order code as the reference.',
  sepa: 'SEPA bank transfer',
  payByCard: 'Pay by card',
  paidWith: 'Paid with {method}',
  methods: { cash: 'cash', bank: 'bank transfer', sepa: 'bank transfer', card: 'card' },
}

const fr: PaymentStrings = {
  heading: 'Comment payer',
  scan: 'Scannez le code avec votre application bancaire, ou copiez-le. Il contient le montant et le code de votre commande.',
  copyCode: 'Copier le code',
  copied: 'Copié',
  cash: 'Payez en espèces à la livraison ou au retrait.',
  bank: 'Virement bancaire : indiquez votre code de commande en référence.',
  sepa: 'Virement SEPA',
  payByCard: 'Payer par carte',
  paidWith: 'Payé par {method}',
  methods: { cash: 'espèces', bank: 'virement', sepa: 'virement', card: 'carte' },
}

const es: PaymentStrings = {
  heading: 'Cómo pagar',
  scan: 'Escanea el código con la app de tu banco o cópialo. Lleva el importe y el código de tu pedido.',
  copyCode: 'Copiar código',
  copied: 'Copiado',
  cash: 'Paga en efectivo en la entrega o la recogida.',
  bank: 'Transferencia bancaria: pon tu código de pedido como concepto.',
  sepa: 'Transferencia SEPA',
  payByCard: 'Pagar con tarjeta',
  paidWith: 'Pagado con {method}',
  methods: { cash: 'efectivo', bank: 'transferencia', sepa: 'transferencia', card: 'tarjeta' },
}

const it: PaymentStrings = {
  heading: 'Come pagare',
  scan: "Inquadra il codice con l'app della tua banca, o copialo. Contiene l'importo e il codice dell'ordine.",
  copyCode: 'Copia codice',
  copied: 'Copiato',
  cash: 'Paga in contanti alla consegna o al ritiro.',
  bank: 'Bonifico bancario: indica il codice dell’ordine come causale.',
  sepa: 'Bonifico SEPA',
  payByCard: 'Paga con carta',
  paidWith: 'Pagato con {method}',
  methods: { cash: 'contanti', bank: 'bonifico', sepa: 'bonifico', card: 'carta' },
}

const pt: PaymentStrings = {
  heading: 'Como pagar',
  scan: 'Escaneie o código com o app do seu banco ou copie-o. Ele leva o valor e o código do seu pedido.',
  copyCode: 'Copiar código',
  copied: 'Copiado',
  cash: 'Pague em dinheiro na entrega ou na retirada.',
  bank: 'Transferência bancária: use o código do pedido como referência.',
  sepa: 'Transferência SEPA',
  payByCard: 'Pagar com cartão',
  paidWith: 'Pago com {method}',
  methods: { cash: 'dinheiro', bank: 'transferência', sepa: 'transferência', card: 'cartão' },
}

const de: PaymentStrings = {
  heading: 'So bezahlen Sie',
  scan: 'Scannen Sie den Code mit Ihrer Banking-App oder kopieren Sie ihn. Er enthält den Betrag und Ihre Bestellnummer.',
  copyCode: 'Code kopieren',
  copied: 'Kopiert',
  cash: 'Bar bei Lieferung oder Abholung bezahlen.',
  bank: 'Banküberweisung: Geben Sie Ihre Bestellnummer als Verwendungszweck an.',
  sepa: 'SEPA-Überweisung',
  payByCard: 'Mit Karte bezahlen',
  paidWith: 'Bezahlt per {method}',
  methods: { cash: 'Bargeld', bank: 'Überweisung', sepa: 'Überweisung', card: 'Karte' },
}

const ar: PaymentStrings = {
  heading: 'طريقة الدفع',
  scan: 'امسح الرمز بتطبيق البنك أو انسخه. يتضمن المبلغ ورمز طلبك.',
  copyCode: 'نسخ الرمز',
  copied: 'تم النسخ',
  cash: 'ادفع نقدًا عند التوصيل أو الاستلام.',
  bank: 'تحويل بنكي: اكتب رمز طلبك كمرجع.',
  sepa: 'تحويل SEPA',
  payByCard: 'ادفع بالبطاقة',
  paidWith: 'تم الدفع عبر {method}',
  methods: { cash: 'النقد', bank: 'التحويل البنكي', sepa: 'التحويل البنكي', card: 'البطاقة' },
}

const STRINGS: Record<SupportedLocale, PaymentStrings> = { en, fr, es, it, pt, de, ar }

/** The order page's payment words for a locale (the closest supported language, else English). */
export function paymentStrings(locale: string): PaymentStrings {
  return STRINGS[pickLocale(locale, 'en')]
}

/** A method's name as the shopper reads it: the rails keep their brand names. */
export function paymentMethodName(method: string, t: PaymentStrings): string {
  switch (method) {
    case 'cash':
      return t.methods.cash
    case 'bank':
      return t.methods.bank
    case 'sepa':
      return t.methods.sepa
    case 'stripe':
      return t.methods.card
    case 'pix':
      return 'Pix'
    case 'upi':
      return 'UPI'
    case 'paynow':
      return 'PayNow'
    case 'promptpay':
      return 'PromptPay'
    default:
      return method
  }
}
