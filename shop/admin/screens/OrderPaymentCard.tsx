import { useState } from 'preact/hooks'
import { PAYABLE_STATUSES } from '../../../core/order-status.ts'
import { api, type Order, shopPath } from '../api.ts'
import { errorsFrom, FormError } from '../components/Field.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import { dateTime, money } from '../format.ts'
import { methodName, tp } from '../i18n-payments.ts'
import { activeShop, toast } from '../state.ts'

/** How the order was paid, as the owner's order routes send it: the server's own type. */
export type OrderPaymentInfo = Order['payment']

/** The order the card shows: the owner's order JSON, with its payment and mismatch flag. */
export type PaymentOrder = Order

/**
 * An order's payment: the methods its page offers, how it was paid (method, reference, amount,
 * when; an amount that is not the total is flagged) and, while payable, "mark paid" with the
 * method and, if known, the reference and the amount.
 */
export function OrderPaymentCard(props: {
  slug: string
  order: PaymentOrder
  onPaid: (order: PaymentOrder) => void
}) {
  const { slug, order } = props
  const shopMethods = (
    (activeShop.value as { payments?: { type: string }[] } | undefined)?.payments ?? []
  ).map((m) => m.type)
  // The shop's methods first; cash and a bank transfer are always possible ways to be paid.
  const choices = [...new Set([...shopMethods, 'cash', 'bank', 'other'])]
  const [method, setMethod] = useState(choices[0] ?? 'other')
  const [reference, setReference] = useState('')
  const [amount, setAmount] = useState<number | null>(null)
  const [error, setError] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const payment = order.payment

  const markPaid = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const updated = await api.post<PaymentOrder>(
        shopPath(slug, `/orders/${order.code}/payment`),
        { method, reference: reference.trim() || null, amount },
      )
      props.onPaid(updated)
      toast(tp('payMarked'))
    } catch (e) {
      setError(Object.values(errorsFrom(e))[0])
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="card" data-payment>
      <h2>{tp('payTitle')}</h2>
      <p class="muted">
        {shopMethods.length > 0
          ? tp('payOffered', { methods: shopMethods.map(methodName).join(', ') })
          : tp('payNoneOffered')}
      </p>
      {payment?.status === 'paid' && (
        <dl class="pairs">
          <dt>{tp('payMethod')}</dt>
          <dd data-paid-method>{payment.method ? methodName(payment.method) : '—'}</dd>
          <dt>{tp('payReference')}</dt>
          <dd>{payment.reference || '—'}</dd>
          <dt>{tp('payAmount')}</dt>
          <dd>{payment.amount == null ? '—' : money(payment.amount, order.currency)}</dd>
          <dt>{tp('payWhen')}</dt>
          <dd>{payment.paidAt ? dateTime(payment.paidAt) : '—'}</dd>
        </dl>
      )}
      {order.paymentMismatch && payment?.status === 'paid' && payment.amount != null && (
        <p class="bad" role="note" data-payment-mismatch>
          <strong>
            {tp('payMismatch', {
              paid: money(payment.amount, order.currency),
              total: money(order.total, order.currency),
            })}
          </strong>
        </p>
      )}
      {PAYABLE_STATUSES.has(order.status) && (
        <form onSubmit={markPaid}>
          <FormError error={error} />
          <div class="field">
            <label for="pay-method">{tp('payMethod')}</label>
            <select
              id="pay-method"
              value={method}
              onChange={(e) => setMethod(e.currentTarget.value)}
            >
              {choices.map((c) => (
                <option key={c} value={c}>
                  {methodName(c)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="pay-reference">{tp('payReference')}</label>
            <input
              id="pay-reference"
              value={reference}
              maxLength={200}
              aria-describedby="pay-reference-hint"
              onInput={(e) => setReference(e.currentTarget.value)}
            />
            <p class="hint" id="pay-reference-hint">
              {tp('payReferenceHint')}
            </p>
          </div>
          <MoneyInput
            id="pay-amount"
            label={tp('payAmount')}
            currency={order.currency}
            value={amount}
            onValue={setAmount}
            hint={tp('payAmountHint')}
          />
          <button type="submit" class="primary" disabled={busy}>
            {tp('payMark')}
          </button>
        </form>
      )}
    </div>
  )
}
