import { useEffect, useState } from 'preact/hooks'
import { statusSteps } from '../../../../core/order-status.ts'
import { api, type Order, type OrderStatus, shopPath } from '../../api.ts'
import { confirmAction } from '../../components/Dialogs.tsx'
import { errorsFrom } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { toast } from '../../state.ts'

/** One WhatsApp message of the order's chat, in or out. */
export interface Message {
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

/** The order, its WhatsApp messages and the last error, read when the screen opens. */
function useOrderData(slug: string, code: string) {
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

  return { order, setOrder, messages, error, setError }
}

/** The order screen's state, and `change`: a status action, confirmed, then sent step by step. */
export function useOrderDetail(slug: string, code: string) {
  const data = useOrderData(slug, code)
  const { order, setOrder, setError } = data

  const change = async (to: OrderStatus) => {
    if (!order) return
    // "Mark paid" asks how the money came: the payment card's form takes it.
    if (to === 'paid') {
      const field = document.getElementById('pay-method')
      if (field) {
        field.scrollIntoView({ block: 'center' })
        field.focus()
        return
      }
    }
    const steps = statusSteps(order.status, to)
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

  return { ...data, change }
}
