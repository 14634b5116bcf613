import type { OrderStatus } from '../../api.ts'
import { type StringKey, t } from '../../i18n.ts'
import { tappedText } from '../OrderReplies.tsx'

/** What the merchant did, as the timeline says it. */
const MARKED_BY_YOU: Partial<Record<OrderStatus, StringKey>> = {
  confirmed: 'markedByYou_confirmed',
  paid: 'markedByYou_paid',
  shipped: 'markedByYou_shipped',
  completed: 'markedByYou_completed',
  cancelled: 'markedByYou_cancelled',
}

interface OrderEvent {
  type: string
  toStatus: string | null
  actor: string
  data?: unknown
}

/**
 * One line of the order's timeline: what happened, and who did it when the words do not say it.
 * @example eventText({ type: 'status_changed', toStatus: 'paid', actor: 'merchant:…' }) // { what: 'Marked paid by you', who: null }
 */
export function eventText(e: OrderEvent): { what: string; who: string | null } {
  const byYou = e.actor.startsWith('merchant')
  const who = byYou ? t('byYou') : e.actor
  if (e.type === 'revived' || e.type === 'out_of_stock_on_revival')
    return { what: t(`event_${e.type}`), who }
  if (e.type === 'merchant_replied') return { what: t('event_merchant_replied'), who: null }
  if (e.type === 'reply_tapped') return { what: tappedText(e.data), who: null }
  if (e.type === 'confirmed' && e.actor === 'whatsapp')
    return { what: t('eventArrivedOnWhatsApp'), who: null }
  const marked = e.toStatus ? MARKED_BY_YOU[e.toStatus as OrderStatus] : undefined
  if (e.type === 'status_changed' && byYou && marked) return { what: t(marked), who: null }
  const what = e.toStatus ? t('statusNow', { status: t(`status_${e.toStatus}`) }) : e.type
  return { what, who }
}
