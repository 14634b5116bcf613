import { pickLocale, type SupportedLocale } from './locale.ts'
import { formatMoney } from './money.ts'
import { buildWhatsAppUrl } from './order-message.ts'
import type { OrderStatus } from './order-status.ts'

/** The ready replies a merchant sends from their own phone (tier 0, no Cloud API). */
export const REPLY_KINDS = ['confirm', 'payment', 'ready', 'shipped', 'cancelled', 'nudge'] as const
export type ReplyKind = (typeof REPLY_KINDS)[number]

/** Which replies make sense for an order in each status. */
const KINDS_BY_STATUS: Readonly<Record<OrderStatus, readonly ReplyKind[]>> = {
  // In tier 0 an order stays pending until the merchant acts: it may have arrived (confirm it)
  // or never have been sent (nudge the customer).
  pending: ['confirm', 'payment', 'ready', 'shipped', 'nudge'],
  confirmed: ['confirm', 'payment', 'ready', 'shipped'],
  paid: ['confirm', 'ready', 'shipped'],
  shipped: ['shipped'],
  completed: [],
  cancelled: ['cancelled'],
  expired: ['nudge'],
}

/**
 * The reply kinds offered for an order in `status`, in the order the admin shows them.
 * @example replyKindsFor('cancelled') // ['cancelled']
 */
export function replyKindsFor(status: OrderStatus): readonly ReplyKind[] {
  return KINDS_BY_STATUS[status] ?? []
}

/** What a reply is built from. */
export interface ReplyInput {
  kind: ReplyKind
  /** The order's language; English when it is not one Chatcart speaks. */
  locale: string
  code: string
  customerName: string | null
  shopName: string
  total: number
  currency: string
  /** The shopper's order page. */
  orderUrl: string
  /** One line on how to pay (payment kind); the order page is linked when absent. */
  howToPay?: string | null
  /** Shipped kind: where to follow the parcel. */
  trackingUrl?: string | null
}

interface Parts {
  hi: string
  code: string
  total: string
  shop: string
  url: string
  pay: string | null
  tracking: string | null
}

type Words = Record<ReplyKind, (p: Parts) => string>

const join = (...lines: (string | null | false)[]) => lines.filter(Boolean).join('\n')

const WORDS: Record<SupportedLocale, Words & { hi: (name: string) => string; hiAnon: string }> = {
  en: {
    hi: (n) => `Hi ${n}!`,
    hiAnon: 'Hi!',
    confirm: (p) =>
      join(
        `${p.hi} Your order #${p.code} is confirmed. Total: ${p.total}.`,
        `Order page: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} To complete order #${p.code} (${p.total}):`,
        p.pay ?? `Payment details are on your order page: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Your order #${p.code} is ready for pickup at ${p.shop}.`,
    shipped: (p) =>
      join(`${p.hi} Your order #${p.code} is on its way.`, p.tracking && `Tracking: ${p.tracking}`),
    cancelled: (p) =>
      `${p.hi} Your order #${p.code} has been cancelled. Write to us if you have any question.`,
    nudge: (p) =>
      join(
        `${p.hi} We saw your order #${p.code} (${p.total}) at ${p.shop} but its message never reached us. Would you still like it?`,
        `Order page: ${p.url}`,
      ),
  },
  fr: {
    hi: (n) => `Bonjour ${n}\u00a0!`,
    hiAnon: 'Bonjour\u00a0!',
    confirm: (p) =>
      join(
        `${p.hi} Votre commande #${p.code} est confirmée. Total\u00a0: ${p.total}.`,
        `Suivi de commande\u00a0: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} Pour régler la commande #${p.code} (${p.total})\u00a0:`,
        p.pay ?? `Les modalités de paiement sont sur la page de votre commande\u00a0: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Votre commande #${p.code} est prête à retirer chez ${p.shop}.`,
    shipped: (p) =>
      join(
        `${p.hi} Votre commande #${p.code} est en route.`,
        p.tracking && `Suivi du colis\u00a0: ${p.tracking}`,
      ),
    cancelled: (p) =>
      `${p.hi} Votre commande #${p.code} a été annulée. Écrivez-nous pour toute question.`,
    nudge: (p) =>
      join(
        `${p.hi} Nous avons vu votre commande #${p.code} (${p.total}) chez ${p.shop}, mais son message ne nous est jamais parvenu. La voulez-vous toujours\u00a0?`,
        `Suivi de commande\u00a0: ${p.url}`,
      ),
  },
  es: {
    hi: (n) => `¡Hola, ${n}!`,
    hiAnon: '¡Hola!',
    confirm: (p) =>
      join(
        `${p.hi} Tu pedido #${p.code} está confirmado. Total: ${p.total}.`,
        `Página del pedido: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} Para completar el pedido #${p.code} (${p.total}):`,
        p.pay ?? `Los datos de pago están en la página de tu pedido: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Tu pedido #${p.code} está listo para recoger en ${p.shop}.`,
    shipped: (p) =>
      join(
        `${p.hi} Tu pedido #${p.code} está en camino.`,
        p.tracking && `Seguimiento: ${p.tracking}`,
      ),
    cancelled: (p) =>
      `${p.hi} Tu pedido #${p.code} ha sido cancelado. Escríbenos si tienes alguna pregunta.`,
    nudge: (p) =>
      join(
        `${p.hi} Vimos tu pedido #${p.code} (${p.total}) en ${p.shop}, pero su mensaje nunca nos llegó. ¿Todavía lo quieres?`,
        `Página del pedido: ${p.url}`,
      ),
  },
  it: {
    hi: (n) => `Ciao ${n}!`,
    hiAnon: 'Ciao!',
    confirm: (p) =>
      join(
        `${p.hi} Il tuo ordine #${p.code} è confermato. Totale: ${p.total}.`,
        `Pagina dell'ordine: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} Per completare l'ordine #${p.code} (${p.total}):`,
        p.pay ?? `I dati per il pagamento sono nella pagina del tuo ordine: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Il tuo ordine #${p.code} è pronto per il ritiro da ${p.shop}.`,
    shipped: (p) =>
      join(
        `${p.hi} Il tuo ordine #${p.code} è in viaggio.`,
        p.tracking && `Tracciamento: ${p.tracking}`,
      ),
    cancelled: (p) =>
      `${p.hi} Il tuo ordine #${p.code} è stato annullato. Scrivici per qualsiasi domanda.`,
    nudge: (p) =>
      join(
        `${p.hi} Abbiamo visto il tuo ordine #${p.code} (${p.total}) da ${p.shop}, ma il suo messaggio non ci è mai arrivato. Lo desideri ancora?`,
        `Pagina dell'ordine: ${p.url}`,
      ),
  },
  pt: {
    hi: (n) => `Olá, ${n}!`,
    hiAnon: 'Olá!',
    confirm: (p) =>
      join(
        `${p.hi} Seu pedido #${p.code} está confirmado. Total: ${p.total}.`,
        `Página do pedido: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} Para concluir o pedido #${p.code} (${p.total}):`,
        p.pay ?? `Os dados de pagamento estão na página do seu pedido: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Seu pedido #${p.code} está pronto para retirada em ${p.shop}.`,
    shipped: (p) =>
      join(
        `${p.hi} Seu pedido #${p.code} está a caminho.`,
        p.tracking && `Rastreio: ${p.tracking}`,
      ),
    cancelled: (p) =>
      `${p.hi} Seu pedido #${p.code} foi cancelado. Fale conosco se tiver alguma dúvida.`,
    nudge: (p) =>
      join(
        `${p.hi} Vimos seu pedido #${p.code} (${p.total}) em ${p.shop}, mas a mensagem dele nunca chegou até nós. Você ainda quer o pedido?`,
        `Página do pedido: ${p.url}`,
      ),
  },
  de: {
    hi: (n) => `Hallo ${n}!`,
    hiAnon: 'Hallo!',
    confirm: (p) =>
      join(
        `${p.hi} Deine Bestellung #${p.code} ist bestätigt. Gesamt: ${p.total}.`,
        `Bestellseite: ${p.url}`,
      ),
    payment: (p) =>
      join(
        `${p.hi} So bezahlst du die Bestellung #${p.code} (${p.total}):`,
        p.pay ?? `Die Zahlungsangaben stehen auf deiner Bestellseite: ${p.url}`,
      ),
    ready: (p) => `${p.hi} Deine Bestellung #${p.code} liegt bei ${p.shop} zur Abholung bereit.`,
    shipped: (p) =>
      join(
        `${p.hi} Deine Bestellung #${p.code} ist unterwegs.`,
        p.tracking && `Sendungsverfolgung: ${p.tracking}`,
      ),
    cancelled: (p) =>
      `${p.hi} Deine Bestellung #${p.code} wurde storniert. Schreib uns, wenn du Fragen hast.`,
    nudge: (p) =>
      join(
        `${p.hi} Wir haben deine Bestellung #${p.code} (${p.total}) bei ${p.shop} gesehen, aber ihre Nachricht ist nie bei uns angekommen. Möchtest du sie noch?`,
        `Bestellseite: ${p.url}`,
      ),
  },
  ar: {
    hi: (n) => `مرحبًا ${n}!`,
    hiAnon: 'مرحبًا!',
    confirm: (p) =>
      join(`${p.hi} تم تأكيد طلبك #${p.code}. الإجمالي: ${p.total}.`, `صفحة الطلب: ${p.url}`),
    payment: (p) =>
      join(
        `${p.hi} لإتمام الطلب #${p.code} (${p.total}):`,
        p.pay ?? `تفاصيل الدفع في صفحة طلبك: ${p.url}`,
      ),
    ready: (p) => `${p.hi} طلبك #${p.code} جاهز للاستلام من ${p.shop}.`,
    shipped: (p) =>
      join(`${p.hi} طلبك #${p.code} في الطريق إليك.`, p.tracking && `تتبع الشحنة: ${p.tracking}`),
    cancelled: (p) => `${p.hi} تم إلغاء طلبك #${p.code}. راسلنا إذا كان لديك أي سؤال.`,
    nudge: (p) =>
      join(
        `${p.hi} رأينا طلبك #${p.code} (${p.total}) في ${p.shop} لكن رسالته لم تصلنا. هل ما زلت تريده؟`,
        `صفحة الطلب: ${p.url}`,
      ),
  },
}

const oneLine = (s: string, max: number) => s.replace(/\s+/g, ' ').trim().slice(0, max)

/**
 * A ready reply in the order's language, amounts in Latin digits like the order message.
 * @example replyText({ kind: 'ready', locale: 'en', code: 'K7Q2M9', customerName: 'Ana', shopName: 'Acme', total: 4930, currency: 'EUR', orderUrl: 'https://x/o/t' })
 * // 'Hi Ana! Your order #K7Q2M9 is ready for pickup at Acme.'
 */
export function replyText(input: ReplyInput): string {
  const locale = pickLocale(input.locale, 'en')
  const words = WORDS[locale]
  const name = oneLine(input.customerName ?? '', 60)
  const pay = input.howToPay ? oneLine(input.howToPay, 500) : null
  const tracking = input.trackingUrl ? oneLine(input.trackingUrl, 2000) : null
  return words[input.kind]({
    hi: name ? words.hi(name) : words.hiAnon,
    code: input.code,
    total: formatMoney(input.total, input.currency, `${locale}-u-nu-latn`),
    shop: oneLine(input.shopName, 100),
    url: input.orderUrl,
    pay,
    tracking,
  })
}

/**
 * The wa.me link that opens the merchant's WhatsApp with `text` to `phone` (digits of the
 * customer's number), or null when no number is known (the admin copies the text instead).
 * @example replyWhatsAppUrl('+34 600 123 456', 'Hi') // 'https://wa.me/34600123456?text=Hi'
 */
export function replyWhatsAppUrl(phone: string | null | undefined, text: string): string | null {
  const digits = (phone ?? '').replace(/\D/g, '')
  return digits === '' ? null : buildWhatsAppUrl(digits, text)
}
