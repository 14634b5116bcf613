import { useState } from 'preact/hooks'
import { api, type Shop, shopPath } from '../api.ts'
import { errorsFrom, type FieldErrors, FormError } from '../components/Field.tsx'
import { methodName, tp } from '../i18n-payments.ts'
import { replaceShop, toast } from '../state.ts'

/** A payment method as `PATCH /api/shops/{slug}` takes it in `payments`. */
export type PaymentMethodDraft = { type: string } & Record<string, string | undefined>

/** The one currency each transfer method moves (core/payments); the others take any. */
const METHOD_CURRENCY: Record<string, string> = {
  pix: 'BRL',
  upi: 'INR',
  sepa: 'EUR',
  paynow: 'SGD',
  promptpay: 'THB',
}
const TYPES = ['cash', 'bank', 'pix', 'upi', 'sepa', 'paynow', 'promptpay', 'stripe']
/** Each method's settings, in the order the form asks them. */
const FIELDS: Record<string, string[]> = {
  bank: ['instructions'],
  pix: ['key', 'merchantName', 'merchantCity'],
  upi: ['vpa', 'payeeName'],
  sepa: ['iban', 'beneficiary', 'bic'],
  paynow: ['proxyType', 'proxyValue', 'merchantName'],
  promptpay: ['id'],
}

/** The methods a shop in `currency` may add. */
export function typesFor(currency: string): string[] {
  return TYPES.filter((type) => !METHOD_CURRENCY[type] || METHOD_CURRENCY[type] === currency)
}

/** The request body: empty optional fields left out. */
function payload(methods: PaymentMethodDraft[]) {
  return methods.map((m) =>
    Object.fromEntries(
      Object.entries(m).filter(([key, value]) => key === 'type' || (value ?? '').trim() !== ''),
    ),
  )
}

/** Settings card: the shop's payment methods, each with its settings; the API checks them. */
export function PaymentSettings({ slug, shop }: { slug: string; shop: Shop }) {
  const saved = (shop.payments ?? []).map((m) => ({ ...m }) as PaymentMethodDraft)
  const [methods, setMethods] = useState<PaymentMethodDraft[]>(saved)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const available = typesFor(shop.currency).filter((type) => !methods.some((m) => m.type === type))

  const update = (index: number, change: Record<string, string>) =>
    setMethods((list) => list.map((m, i) => (i === index ? { ...m, ...change } : m)))

  const save = async (event: Event) => {
    event.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      replaceShop(await api.patch<Shop>(shopPath(slug), { payments: payload(methods) }))
      toast(tp('paySaved'))
    } catch (e) {
      setErrors(errorsFrom(e))
    } finally {
      setBusy(false)
    }
  }

  const fieldError = (index: number, field: string) => errors[`payments.${index}.${field}`]
  const known = new Set(
    methods.flatMap((m, i) => ['type', ...(FIELDS[m.type] ?? [])].map((f) => `payments.${i}.${f}`)),
  )
  const other = Object.entries(errors).find(([field]) => !known.has(field))?.[1]

  return (
    <form class="card" onSubmit={save} data-payment-settings>
      <h2>{tp('paySettingsTitle')}</h2>
      <p class="muted">{tp('paySettingsLead')}</p>
      <FormError error={other} />
      {methods.map((method, index) => (
        <fieldset key={method.type} data-method={method.type}>
          <legend>{methodName(method.type)}</legend>
          {fieldError(index, 'type') && (
            <p class="bad" role="alert">
              {fieldError(index, 'type')}
            </p>
          )}
          {(FIELDS[method.type] ?? []).map((field) => {
            const id = `pay-${method.type}-${field}`
            const error = fieldError(index, field)
            const label = tp(`payF_${field}` as Parameters<typeof tp>[0])
            return (
              <div key={field} class={`field${error ? ' has-error' : ''}`}>
                <label for={id}>{label}</label>
                {field === 'proxyType' ? (
                  <select
                    id={id}
                    value={method.proxyType ?? 'mobile'}
                    onChange={(e) => update(index, { proxyType: e.currentTarget.value })}
                  >
                    <option value="mobile">{tp('payProxy_mobile')}</option>
                    <option value="uen">{tp('payProxy_uen')}</option>
                  </select>
                ) : field === 'instructions' ? (
                  <textarea
                    id={id}
                    rows={3}
                    value={method[field] ?? ''}
                    aria-invalid={error ? true : undefined}
                    onInput={(e) => update(index, { [field]: e.currentTarget.value })}
                  />
                ) : (
                  <input
                    id={id}
                    value={method[field] ?? ''}
                    dir="ltr"
                    aria-invalid={error ? true : undefined}
                    onInput={(e) => update(index, { [field]: e.currentTarget.value })}
                  />
                )}
                {error && (
                  <p class="error" role="alert">
                    {error}
                  </p>
                )}
              </div>
            )
          })}
          <button
            type="button"
            class="secondary"
            onClick={() => setMethods((list) => list.filter((_, i) => i !== index))}
          >
            {tp('payRemove')}
          </button>
        </fieldset>
      ))}
      {available.length > 0 && (
        <div class="field">
          <label for="pay-add">{tp('payAdd')}</label>
          <select
            id="pay-add"
            value=""
            onChange={(e) => {
              const type = e.currentTarget.value
              if (!type) return
              setMethods([...methods, type === 'paynow' ? { type, proxyType: 'mobile' } : { type }])
            }}
          >
            <option value="">—</option>
            {available.map((type) => (
              <option key={type} value={type}>
                {methodName(type)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {tp('paySave')}
        </button>
      </div>
    </form>
  )
}
