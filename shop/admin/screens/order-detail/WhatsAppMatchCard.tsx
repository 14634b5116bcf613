import type { Order } from '../../api.ts'
import { dateTime } from '../../format.ts'
import { t } from '../../i18n.ts'
import type { Message } from './use-order-detail.ts'

/** How the order met its WhatsApp message: lapsing, answered, matched, and the chat itself. */
export function WhatsAppMatchCard(props: { order: Order; messages: Message[]; shopName: string }) {
  const { order, messages, shopName } = props
  return (
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
            <MessageItem key={m.id} message={m} shopName={shopName} />
          ))}
        </ul>
      )}
    </div>
  )
}

function MessageItem({ message: m, shopName }: { message: Message; shopName: string }) {
  return (
    <li>
      <span class="muted small">
        {dateTime(m.at)} ·{' '}
        {m.direction === 'in'
          ? (m.profileName ?? t('customer'))
          : m.source === 'business_app'
            ? t('fromBusinessApp')
            : shopName}
        {m.source === 'history' && ` · ${t('fromHistory')}`}
      </span>
      <p class="message-body">{m.revoked ? t('msgDeleted') : (m.body ?? '—')}</p>
    </li>
  )
}
