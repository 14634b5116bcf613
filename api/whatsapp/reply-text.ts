import { pickLocale, type SupportedLocale } from '../../core/locale.ts'
import { formatMoney } from '../../core/money.ts'

/** What a confirmation reply says. */
export interface ConfirmationInput {
  locale: string
  code: string
  customerName: string | null
  total: number
  currency: string
}

type Words = (name: string, code: string, total: string) => string

const CONFIRMATION: Record<SupportedLocale, { named: Words; anonymous: Words }> = {
  en: {
    named: (n, c, t) => `Thanks ${n}! Order #${c} is confirmed. Total: ${t}.`,
    anonymous: (_, c, t) => `Thank you! Order #${c} is confirmed. Total: ${t}.`,
  },
  fr: {
    named: (n, c, t) => `Merci ${n}\u00a0! La commande #${c} est confirmée. Total\u00a0: ${t}.`,
    anonymous: (_, c, t) => `Merci\u00a0! La commande #${c} est confirmée. Total\u00a0: ${t}.`,
  },
  es: {
    named: (n, c, t) => `¡Gracias, ${n}! El pedido #${c} está confirmado. Total: ${t}.`,
    anonymous: (_, c, t) => `¡Gracias! El pedido #${c} está confirmado. Total: ${t}.`,
  },
  it: {
    named: (n, c, t) => `Grazie ${n}! L'ordine #${c} è confermato. Totale: ${t}.`,
    anonymous: (_, c, t) => `Grazie! L'ordine #${c} è confermato. Totale: ${t}.`,
  },
  pt: {
    named: (n, c, t) => `Obrigado, ${n}! O pedido #${c} está confirmado. Total: ${t}.`,
    anonymous: (_, c, t) => `Obrigado! O pedido #${c} está confirmado. Total: ${t}.`,
  },
  de: {
    named: (n, c, t) => `Danke, ${n}! Die Bestellung #${c} ist bestätigt. Gesamt: ${t}.`,
    anonymous: (_, c, t) => `Danke! Die Bestellung #${c} ist bestätigt. Gesamt: ${t}.`,
  },
  ar: {
    named: (n, c, t) => `شكرًا ${n}! تم تأكيد الطلب #${c}. الإجمالي: ${t}.`,
    anonymous: (_, c, t) => `شكرًا! تم تأكيد الطلب #${c}. الإجمالي: ${t}.`,
  },
}

/**
 * The confirmation a customer receives in WhatsApp, in the order's language (English when it
 * is not one Chatcart speaks), amounts in Latin digits like the order message.
 * @example confirmationText({ locale: 'en', code: 'K7Q2M9', customerName: 'Ana', total: 4930, currency: 'EUR' })
 * // 'Thanks Ana! Order #K7Q2M9 is confirmed. Total: €49.30.'
 */
export function confirmationText(input: ConfirmationInput): string {
  const locale = pickLocale(input.locale, 'en')
  const total = formatMoney(input.total, input.currency, `${locale}-u-nu-latn`)
  const name = (input.customerName ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)
  const words = CONFIRMATION[locale]
  return name ? words.named(name, input.code, total) : words.anonymous(name, input.code, total)
}
