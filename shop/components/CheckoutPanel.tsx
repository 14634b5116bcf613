import { useEffect, useRef, useState } from 'preact/hooks'
import { shippingCost } from '../../core/cart.ts'
import { formatMoney } from '../../core/money.ts'
import type { CartLine } from '../cart-store.ts'
import {
  type CheckoutForm,
  checkoutTotals,
  newIdempotencyKey,
  preloadOutageMessage,
  submitOrder,
} from '../checkout.ts'
import { refusalText } from '../checkout-errors.ts'
import { CheckoutRules, type Quote, type RulesChoice } from '../checkout-rules.tsx'
import { fill } from '../fill.ts'
import type { ShopClientData } from '../page-data.ts'
import { rulesStrings } from '../rules-strings.ts'

// The checkout form: a chunk of its own, loaded when the cart opens, so a storefront page's
// first download carries none of it.

const FIELDS: Record<string, keyof CheckoutForm> = {
  'customer.name': 'name',
  'customer.phone': 'phone',
  'customer.address': 'address',
  note: 'note',
  shippingMethodId: 'shippingMethodId',
}

/** What the shopper typed, kept when they step back to the cart and return. */
let typed: CheckoutForm | undefined

/** The checkout form: `onPlaced` or `onOutage` gets the WhatsApp link to open. */
export function CheckoutPanel(props: {
  shop: ShopClientData
  lines: CartLine[]
  onPlaced: (whatsappUrl: string, token: string) => void
  onOutage: (whatsappUrl: string) => void
}) {
  const { shop, lines } = props
  const t = shop.strings
  const r = rulesStrings(shop.locale)
  const [form, setFormState] = useState<CheckoutForm>(
    () =>
      typed ?? {
        name: '',
        phone: '',
        address: '',
        note: '',
        shippingMethodId: shop.shippingMethods[0]?.id ?? '',
      },
  )
  const setForm = (next: CheckoutForm) => {
    typed = next
    setFormState(next)
  }
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; field?: string } | null>(null)
  const attempt = useRef<{ body: string; key: string } | null>(null)
  const [phoneHint, setPhoneHint] = useState<string | null>(null)
  const [choice, setChoice] = useState<RulesChoice>({})
  const [block, setBlock] = useState<string | null>(null)
  const [quote, setQuote] = useState<Quote | null>(null)
  const money = (amount: number) => formatMoney(amount, shop.currency, shop.locale)
  const totals = checkoutTotals(shop, lines, form.shippingMethodId)
  // The server's totals once it has priced the cart as chosen (a code, an area); ours until then.
  const shown = quote ?? { ...totals, discountTotal: 0 }
  const needsAddress = totals.method?.requiresAddress ?? false

  useEffect(() => preloadOutageMessage(), [])

  const update = (field: keyof CheckoutForm) => (e: { currentTarget: { value: string } }) => {
    setForm({ ...form, [field]: e.currentTarget.value })
    // The message beside a field goes once the shopper changes it.
    if (error?.field && FIELDS[error.field] === field) setError(null)
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy || lines.length === 0 || block !== null) return
    setBusy(true)
    setError(null)
    // Retrying the same order reuses its key, so a lost response never makes two orders.
    const body = JSON.stringify([lines.map((l) => [l.sku, l.quantity]), form, choice])
    if (attempt.current?.body !== body) attempt.current = { body, key: newIdempotencyKey() }
    const result = await submitOrder(shop, lines, form, attempt.current.key, choice)
    setBusy(false)
    if (result.kind === 'placed') props.onPlaced(result.whatsappUrl, result.token)
    else if (result.kind === 'outage') props.onOutage(result.whatsappUrl)
    else {
      setError({
        message: refusalText(t, result.code, result.field, lines, r, result.missing, money),
        ...(result.field ? { field: result.field } : {}),
      })
    }
  }

  const fieldError = (field: keyof CheckoutForm) =>
    error?.field && FIELDS[error.field] === field ? error.message : null
  const describedBy = (field: keyof CheckoutForm) =>
    fieldError(field) ? `err-${field}` : undefined
  const fieldMessage = (field: keyof CheckoutForm) =>
    fieldError(field) && (
      <p class="err" id={`err-${field}`}>
        {fieldError(field)}
      </p>
    )

  return (
    <form class="form dform" onSubmit={submit} noValidate={false}>
      <div class="dbody">
        {error && !FIELDS[error.field ?? ''] && (
          <p class="err" role="alert">
            {error.message}
          </p>
        )}
        <label for="co-name">{t.name}</label>
        <input
          id="co-name"
          name="name"
          autoComplete="name"
          required
          maxLength={100}
          value={form.name}
          onInput={update('name')}
          aria-invalid={fieldError('name') ? 'true' : undefined}
          aria-describedby={describedBy('name')}
        />
        {fieldMessage('name')}
        <label for="co-phone">
          {t.phone} <small>({t.optional})</small>
        </label>
        <input
          id="co-phone"
          name="phone"
          type="tel"
          autoComplete="tel"
          maxLength={40}
          value={form.phone}
          onInput={(e) => {
            update('phone')(e)
            setPhoneHint(null)
          }}
          // Says how the shop will read the number; the phone rules load only then.
          onBlur={(e) => {
            const typed = e.currentTarget.value
            import('../phone-preview.ts')
              .then((m) => setPhoneHint(m.understoodPhone(typed, shop.phone)))
              .catch(() => undefined)
          }}
          aria-invalid={fieldError('phone') ? 'true' : undefined}
          aria-describedby={describedBy('phone') ?? (phoneHint ? 'phone-hint' : undefined)}
        />
        {fieldMessage('phone') ||
          (phoneHint && (
            <p class="hint" id="phone-hint">
              {fill(t.phoneUnderstood, { phone: phoneHint })}
            </p>
          ))}
        {shop.shippingMethods.length > 0 && (
          <fieldset class="choices">
            <legend>{t.shippingMethod}</legend>
            {shop.shippingMethods.map((m) => {
              const cost = shippingCost(m, totals.subtotal)
              return (
                <label key={m.id} class="choice">
                  <input
                    type="radio"
                    name="shipping"
                    value={m.id}
                    checked={form.shippingMethodId === m.id}
                    onChange={update('shippingMethodId')}
                  />
                  <span class="choice-name">
                    {m.name}
                    {m.freeOver !== null && cost > 0 && (
                      <small>{fill(t.freeOver, { amount: money(m.freeOver) })}</small>
                    )}
                  </span>
                  <span class="choice-price">{cost === 0 ? t.free : money(cost)}</span>
                </label>
              )
            })}
            {fieldMessage('shippingMethodId')}
          </fieldset>
        )}
        <CheckoutRules
          shop={shop}
          lines={lines}
          method={totals.method}
          onChange={setChoice}
          onBlock={setBlock}
          onQuote={setQuote}
        />
        {needsAddress && (
          <>
            <label for="co-address">{t.address}</label>
            <textarea
              id="co-address"
              name="address"
              autoComplete="street-address"
              required
              maxLength={500}
              rows={3}
              value={form.address}
              onInput={update('address')}
              aria-invalid={fieldError('address') ? 'true' : undefined}
              aria-describedby={describedBy('address')}
            />
            {fieldMessage('address')}
          </>
        )}
        <label for="co-note">
          {t.note} <small>({t.optional})</small>
        </label>
        <textarea
          id="co-note"
          name="note"
          maxLength={1000}
          rows={2}
          value={form.note}
          onInput={update('note')}
        />
      </div>
      <div class="dfoot">
        <p class="row">
          <span>{t.subtotal}</span>
          <span>{money(shown.subtotal)}</span>
        </p>
        {shown.discountTotal > 0 && (
          <p class="row" data-discount>
            <span>{fill(r.discount, { code: quote?.discountCode ?? '' })}</span>
            <span>−{money(shown.discountTotal)}</span>
          </p>
        )}
        {totals.method && (
          <p class="row">
            <span>{t.shipping}</span>
            <span>{shown.shippingTotal === 0 ? t.free : money(shown.shippingTotal)}</span>
          </p>
        )}
        <p class="row">
          <strong>{t.total}</strong>
          <strong data-total>{money(shown.total)}</strong>
        </p>
        {block && (
          <p class="err" role="status" data-missing>
            {block}
          </p>
        )}
        <button type="submit" class="btn primary wide" disabled={busy || block !== null}>
          {busy ? t.sending : t.sendOrder}
        </button>
      </div>
    </form>
  )
}
