import { statusSteps } from '../../../../core/order-status.ts'
import type { OrderStatus } from '../../api.ts'
import { t } from '../../i18n.ts'

const ACTIONS: OrderStatus[] = ['paid', 'shipped', 'completed', 'cancelled']

/** The next step forward, and cancelling; further steps stay one click away. */
export function StatusActions(props: { status: OrderStatus; change: (to: OrderStatus) => void }) {
  const { status, change } = props
  const nextStep = ACTIONS.find((a) => a !== 'cancelled' && statusSteps(status, a))
  return (
    <div class="actions order-actions">
      {ACTIONS.filter((a) =>
        a === 'cancelled' ? statusSteps(status, a) !== null : a === nextStep,
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
  )
}
