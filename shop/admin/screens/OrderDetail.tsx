import { useEffect, useState } from 'preact/hooks'
import { statusSteps } from '../../../core/order-status.ts'
import { formatPhone } from '../../../core/phone.ts'
import { api, type Order, type OrderStatus, shopPath } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, FormError } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { Loading } from '../components/States.tsx'
import { dateTime, money, slotText } from '../format.ts'
import { type StringKey, t } from '../i18n.ts'
import '../i18n-whatsapp.ts'
import '../i18n-discounts.ts'
import { shopUrl } from '../router.ts'
import { activeShop, toast } from '../state.ts'
import { OrderPaymentCard } from './OrderPaymentCard.tsx'
import { OrderReplies, tappedText } from './OrderReplies.tsx'
import { StatusBadge } from './Orders.tsx'

/** Where an order came from, in the admin's words. */
const SOURCE_LABEL: Record<string, StringKey> = {
  shop: 'sourceShop',
  widget: 'sourceWidget',
  whatsapp: 'sourceWhatsapp',
}

interface Message {
  direction: 'in' | 'out'
  id: string
  body: string | null
  profileName?: string | null
  matchMethod?: string | null
  state?: string
  status?: string
  /** 'customer', 'business_app' (the merchant, from the app) or 'history' (a past chat). */
  source?: string
  revoked?: boolean
  at: string
}

/**
 * The status changes to go from `from` to `to`, or null when it is not a step forward: the API
 * moves one step at a time. A pending order goes straight to paid: only its WhatsApp message
 * makes it confirmed ("On WhatsApp").
 */
export const stepsTo = statusSteps

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

const ACTIONS: OrderStatus[] = ['paid', 'shipped', 'completed', 'cancelled']

/** One order: items, totals, customer, WhatsApp match, history and status actions. */
export function OrderDetail({ slug, code }: { slug: string; code: string }) {
  const shop = activeShop.value
  const [order, setOrder] = useState<Order | undefined>(undefined)
  const [messages, setMessages] = useState<Message[]>([])
  const [error, setError] = useState<string | undefined>(undefined)

  useEffect(() => {
    api
      .get<Order>(shopPath(slug, `/orders/${code}`))
      .then(setOrder, (e: Error) => setError(e.message))
    api.get<{ messages: Message[] }>(shopPath(slug, `/orders/${code}/messages`)).then(
      (r) => setMessages(r.messages),
      () => setMessages([]),
    )
  }, [slug, code])

  if (error && !order) return <FormError error={error} />
  if (!order || !shop) return <Loading />

  const change = async (to: OrderStatus) => {
    // "Mark paid" asks how the money came: the payment card's form takes it.
    if (to === 'paid') {
      const field = document.getElementById('pay-method')
      if (field) {
        field.scrollIntoView({ block: 'center' })
        field.focus()
        return
      }
    }
    const steps = stepsTo(order.status, to)
    if (!steps) return
    const ok = await confirmAction({
      title: t(`confirm_${to}`, { code: order.code }),
      body: to === 'cancelled' ? t('cancelBody') : undefined,
      confirmLabel: t(`action_${to}`),
      danger: to === 'cancelled',
    })
    if (!ok) return
    const before = order
    setOrder({ ...order, status: to }) // optimistic; restored below if the server refuses
    setError(undefined)
    try {
      let latest = order
      for (const status of steps)
        latest = await api.patch<Order>(shopPath(slug, `/orders/${order.code}`), { status })
      setOrder(latest)
      toast(t('statusNow', { status: t(`status_${to}`) }))
    } catch (e) {
      const fresh = await api.get<Order>(shopPath(slug, `/orders/${code}`)).catch(() => before)
      setOrder(fresh)
      setError(Object.values(errorsFrom(e))[0])
    }
  }

  // The next step forward, and cancelling; further steps stay one click away.
  const nextStep = ACTIONS.find((a) => a !== 'cancelled' && stepsTo(order.status, a))

  return (
    <section aria-labelledby="order-title">
      <p>
        <Link href={shopUrl(slug, '/orders')}>← {t('navOrders')}</Link>
      </p>
      <div class="title-row">
        <h1 id="order-title">
          {t('orderX', { code: order.code })} <StatusBadge status={order.status} />
        </h1>
      </div>
      <FormError error={error} />
      <div class="actions order-actions">
        {ACTIONS.filter((a) =>
          a === 'cancelled' ? stepsTo(order.status, a) !== null : a === nextStep,
        ).map((a) => (
          <button
            key={a}
            type="button"
            class={a === 'cancelled' ? 'secondary danger-text' : 'primary'}
            onClick={() => change(a)}
          >
            {t(`action_${a}`)}
          </button>
        ))}
      </div>
      <OrderReplies
        slug={slug}
        code={order.code}
        status={order.status}
        onTapped={(events) => setOrder({ ...order, events })}
      />
      <div class="grid-2">
        <OrderPaymentCard slug={slug} order={order} onPaid={setOrder} />
        <div class="card">
          <h2>{t('items')}</h2>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('items')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('productName')}</th>
                  <th scope="col" class="num">
                    {t('qty')}
                  </th>
                  <th scope="col" class="num">
                    {t('total')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((i) => (
                  <tr key={i.sku}>
                    <td>
                      {i.name}
                      <div class="muted small">
                        {i.sku} · {money(i.unitPrice, order.currency)}
                      </div>
                    </td>
                    <td class="num">{i.quantity}</td>
                    <td class="num">{money(i.lineTotal, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl class="pairs totals">
            <dt>{t('subtotal')}</dt>
            <dd class="num">{money(order.subtotal, order.currency)}</dd>
            <dt>
              {t('shippingCost')}
              {order.shippingMethod && <div class="muted small">{order.shippingMethod.name}</div>}
            </dt>
            <dd class="num">{money(order.shippingTotal, order.currency)}</dd>
            {order.discountCode && (
              <>
                <dt>{t('orderDiscount', { code: order.discountCode })}</dt>
                <dd class="num" data-discount>
                  −{money(order.discountTotal ?? 0, order.currency)}
                </dd>
              </>
            )}
            {order.deliveryArea && (
              <>
                <dt>{t('orderArea')}</dt>
                <dd data-area>{order.deliveryArea}</dd>
              </>
            )}
            {order.slot && (
              <>
                <dt>{t('orderSlot')}</dt>
                <dd data-slot>{slotText(order.slot, activeShop.value?.timezone)}</dd>
              </>
            )}
            <dt>
              <strong>{t('total')}</strong>
            </dt>
            <dd class="num">
              <strong>{money(order.total, order.currency)}</strong>
            </dd>
          </dl>
        </div>
        <div class="card">
          <h2>{t('customer')}</h2>
          <dl class="pairs">
            <dt>{t('name')}</dt>
            <dd>{order.customer.name}</dd>
            <dt>{t('phone')}</dt>
            <dd>{order.customer.phone ? formatPhone(order.customer.phone) : '—'}</dd>
            <dt>WhatsApp</dt>
            <dd>
              {order.customer.waId
                ? formatPhone(order.customer.waId)
                : order.customer.username
                  ? `@${order.customer.username}`
                  : (order.customer.userId ?? '—')}
            </dd>
            <dt>{t('address')}</dt>
            <dd>{order.customer.address || '—'}</dd>
            {order.note && (
              <>
                <dt>{t('note')}</dt>
                <dd>{order.note}</dd>
              </>
            )}
            <dt>{t('source')}</dt>
            <dd>{t(SOURCE_LABEL[order.source] ?? 'source')}</dd>
          </dl>
        </div>
        <div class="card">
          <h2>{t('whatsappMatch')}</h2>
          {order.outOfStockOnRevival && (
            <p class="bad" role="note">
              <strong>{t('outOfStockOnRevival')}</strong>
            </p>
          )}
          {order.status === 'pending' && order.expiresAt && (
            <p class="muted">{t('lapsesAt', { date: dateTime(order.expiresAt) })}</p>
          )}
          {order.merchantRepliedAt && (
            <p class="ok">{t('answeredByYou', { when: dateTime(order.merchantRepliedAt) })}</p>
          )}
          {order.match ? (
            <p>
              {t('matchedBy', { method: order.match.method ?? '?' })}
              {order.match.edited && <strong class="bad"> · {t('editedByCustomer')}</strong>}
              {order.match.senderDiffers && <strong class="bad"> · {t('senderDiffers')}</strong>}
            </p>
          ) : (
            <p class="muted">{t('notMatched')}</p>
          )}
          {messages.length > 0 && (
            <ul class="timeline">
              {messages.map((m) => (
                <li key={m.id}>
                  <span class="muted small">
                    {dateTime(m.at)} ·{' '}
                    {m.direction === 'in'
                      ? (m.profileName ?? t('customer'))
                      : m.source === 'business_app'
                        ? t('fromBusinessApp')
                        : shop.name}
                    {m.source === 'history' && ` · ${t('fromHistory')}`}
                  </span>
                  <p class="message-body">{m.revoked ? t('msgDeleted') : (m.body ?? '—')}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div class="card">
          <h2>{t('timeline')}</h2>
          <ul class="timeline">
            <li>
              <span class="muted small">{dateTime(order.createdAt)}</span>
              <p>{t('event_created')}</p>
            </li>
            {(order.events ?? [])
              .filter((e) => e.type !== 'created')
              .map((e, i) => {
                const { what, who } = eventText(e)
                return (
                  <li key={i}>
                    <span class="muted small">{dateTime(e.createdAt)}</span>
                    <p>
                      {what}
                      {who && <span class="muted small"> · {who}</span>}
                    </p>
                  </li>
                )
              })}
          </ul>
        </div>
      </div>
    </section>
  )
}
