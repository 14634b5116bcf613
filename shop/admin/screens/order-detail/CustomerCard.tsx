import { formatPhone } from '../../../../core/phone.ts'
import type { Order } from '../../api.ts'
import { type StringKey, t } from '../../i18n.ts'

/** Where an order came from, in the admin's words. */
const SOURCE_LABEL: Record<string, StringKey> = {
  shop: 'sourceShop',
  widget: 'sourceWidget',
  whatsapp: 'sourceWhatsapp',
}

/** Who ordered: name, phone, WhatsApp, address, note, and where the order came from. */
export function CustomerCard({ order }: { order: Order }) {
  return (
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
  )
}
