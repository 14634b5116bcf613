import type { Order } from '../../api.ts'
import { dateTime } from '../../format.ts'
import { t } from '../../i18n.ts'
import { eventText } from './event-text.ts'

/** The order's history, from its creation on. */
export function TimelineCard({ order }: { order: Order }) {
  return (
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
  )
}
