import { statusSteps } from '../../../core/order-status.ts'
import { FormError } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import '../i18n-whatsapp.ts'
import '../i18n-discounts.ts'
import { shopUrl } from '../router.ts'
import { activeShop } from '../state.ts'
import { OrderPaymentCard } from './OrderPaymentCard.tsx'
import { OrderReplies } from './OrderReplies.tsx'
import { StatusBadge } from './Orders.tsx'
import { CustomerCard } from './order-detail/CustomerCard.tsx'
import { ItemsCard } from './order-detail/ItemsCard.tsx'
import { StatusActions } from './order-detail/StatusActions.tsx'
import { TimelineCard } from './order-detail/TimelineCard.tsx'
import { useOrderDetail } from './order-detail/use-order-detail.ts'
import { WhatsAppMatchCard } from './order-detail/WhatsAppMatchCard.tsx'

export { eventText } from './order-detail/event-text.ts'

/**
 * The status changes to go from `from` to `to`, or null when it is not a step forward: the API
 * moves one step at a time. A pending order goes straight to paid: only its WhatsApp message
 * makes it confirmed ("On WhatsApp").
 */
export const stepsTo = statusSteps

/** One order: items, totals, customer, WhatsApp match, history and status actions. */
export function OrderDetail({ slug, code }: { slug: string; code: string }) {
  const shop = activeShop.value
  const { order, setOrder, messages, error, change } = useOrderDetail(slug, code)

  if (error && !order) return <FormError error={error} />
  if (!order || !shop) return <Loading />

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
      <StatusActions status={order.status} change={change} />
      <OrderReplies
        slug={slug}
        code={order.code}
        status={order.status}
        onTapped={(events) => setOrder({ ...order, events })}
      />
      <div class="grid-2">
        <OrderPaymentCard slug={slug} order={order} onPaid={setOrder} />
        <ItemsCard order={order} />
        <CustomerCard order={order} />
        <WhatsAppMatchCard order={order} messages={messages} shopName={shop.name} />
        <TimelineCard order={order} />
      </div>
    </section>
  )
}
