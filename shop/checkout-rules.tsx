import { useEffect, useState } from 'preact/hooks'
import { formatMoney } from '../core/money.ts'
import type { CartLine } from './cart-store.ts'
import { ruleRefusalText } from './checkout-errors.ts'
import { fill } from './fill.ts'
import type { ShopClientData } from './page-data.ts'
import { formatSlot, rulesStrings } from './rules-strings.ts'

/**
 * Checkout's discount code, minimum order, delivery area and time slot: a chunk loaded only when
 * the cart opens, so the storefront's first download stays in its budget. The server prices and
 * counts everything (`POST …/quote`, `GET …/slots`); this shows its answers in the shop's language.
 */

/** A delivery area as checkout offers it; amounts in minor units. */
export interface CheckoutArea {
  name: string
  fee: number
  freeOver: number | null
}

/** The extra facts of a shipping method checkout needs for these rules. */
export interface MethodRules {
  id: string
  areas?: CheckoutArea[]
  hasSlots?: boolean
}

/** What the shopper chose: goes into the checkout POST as is. */
export interface RulesChoice {
  discountCode?: string
  deliveryArea?: string
  slotId?: string
}

export interface Slot {
  id: string
  startsAt: string
  endsAt: string
  remaining: number
}

export interface Quote {
  subtotal: number
  discountTotal: number
  shippingTotal: number
  total: number
  discountCode: string | null
  missingForMinimum: number | null
}

/** The checkout POST's extra fields for a choice (nothing for what was not chosen). */
export function rulesBody(choice: RulesChoice): RulesChoice {
  return Object.fromEntries(Object.entries(choice).filter(([, v]) => v)) as RulesChoice
}

async function call<T>(
  url: string,
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; code: string; field?: string; missing?: number }> {
  try {
    const res = await fetch(
      url,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    )
    const json = await res.json().catch(() => ({}))
    if (res.ok) return { ok: true, data: json as T }
    const error =
      (json as { error?: { code?: string; field?: string; missing?: number } }).error ?? {}
    return {
      ok: false,
      code: error.code ?? 'error',
      ...(error.field ? { field: error.field } : {}),
      ...(typeof error.missing === 'number' ? { missing: error.missing } : {}),
    }
  } catch {
    return { ok: false, code: 'offline' }
  }
}

/** Today in the browser, `YYYY-MM-DD` (the server starts its list at the shop's own today). */
function today(): string {
  const d = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/**
 * The rules' part of the checkout form. `onChange` gets the choice for the POST; `onBlock` gets the
 * reason the shopper cannot send yet (the amount missing below a minimum), or null.
 */
export function CheckoutRules(props: {
  shop: ShopClientData & { timezone?: string }
  lines: CartLine[]
  method: MethodRules | null
  onChange: (choice: RulesChoice) => void
  onBlock: (reason: string | null) => void
  /** The server's totals for the cart as chosen, once known. */
  onQuote?: (quote: Quote | null) => void
}) {
  const { shop, lines, method } = props
  const t = rulesStrings(shop.locale)
  const money = (n: number) => formatMoney(n, shop.currency, shop.locale)
  const [code, setCode] = useState('')
  const [applied, setApplied] = useState<string | undefined>(undefined)
  const [area, setArea] = useState<string | undefined>(undefined)
  const [slotId, setSlotId] = useState<string | undefined>(undefined)
  const [slots, setSlots] = useState<Slot[] | null>(null)
  const [quote, setQuote] = useState<Quote | null>(null)
  const [codeError, setCodeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const base = `/api/shops/${encodeURIComponent(shop.slug)}`
  const areas = method?.areas ?? []

  const quoteFor = (discountCode: string | undefined) =>
    call<Quote>(`${base}/quote`, {
      items: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      ...(method ? { shippingMethodId: method.id } : {}),
      ...(discountCode ? { discountCode } : {}),
      ...(area ? { deliveryArea: area } : {}),
    })

  // The quote follows the cart, the method and the area: it says what is missing for a minimum.
  const key = JSON.stringify([lines.map((l) => [l.sku, l.quantity]), method?.id, area, applied])
  useEffect(() => {
    let live = true
    void quoteFor(applied).then((r) => {
      if (!live) return
      if (r.ok) setQuote(r.data)
      else if (r.field === 'discountCode' || r.code === 'discount_exhausted') {
        setApplied(undefined)
        setCodeError(codeErrorText(r))
      }
    })
    return () => {
      live = false
    }
  }, [key])

  useEffect(() => {
    setSlotId(undefined)
    setSlots(null)
    if (!method?.hasSlots) return
    let live = true
    void call<Slot[]>(`${base}/shipping-methods/${method.id}/slots?from=${today()}`).then((r) => {
      if (live) setSlots(r.ok ? r.data : [])
    })
    return () => {
      live = false
    }
  }, [method?.id])

  useEffect(() => {
    if (area && !areas.some((a) => a.name === area)) setArea(undefined)
  }, [method?.id])

  // A quote's refusal, read as one of the code (what the shopper just typed).
  const codeErrorText = (r: { code: string; missing?: number }) =>
    ruleRefusalText(t, r.code, 'discountCode', r.missing, money) ?? t.errCode
  useEffect(() => props.onQuote?.(quote), [quote])

  const missing = quote?.missingForMinimum ?? null
  const blockReason = missing ? fill(t.missing, { amount: money(missing) }) : null
  useEffect(() => props.onBlock(blockReason), [blockReason])
  useEffect(
    () =>
      props.onChange(
        rulesBody({
          ...(applied ? { discountCode: applied } : {}),
          ...(area ? { deliveryArea: area } : {}),
          ...(slotId ? { slotId } : {}),
        }),
      ),
    [applied, area, slotId],
  )

  const apply = async () => {
    const typed = code.trim()
    if (!typed) return
    setBusy(true)
    setCodeError(null)
    const r = await quoteFor(typed)
    setBusy(false)
    if (r.ok) {
      setQuote(r.data)
      setApplied(typed)
    } else setCodeError(codeErrorText(r))
  }

  return (
    <div class="rules">
      <div class="field">
        <label for="cc-code">{t.codeLabel}</label>
        <div class="row code">
          <input
            id="cc-code"
            value={applied ?? code}
            readOnly={Boolean(applied)}
            autoComplete="off"
            autoCapitalize="characters"
            aria-invalid={codeError ? true : undefined}
            aria-describedby={codeError ? 'cc-code-error' : applied ? 'cc-code-saving' : undefined}
            onInput={(e) => setCode(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                void apply()
              }
            }}
          />
          {applied ? (
            <button
              type="button"
              class="btn"
              onClick={() => {
                setApplied(undefined)
                setCode('')
              }}
            >
              {t.remove}
            </button>
          ) : (
            <button type="button" class="btn" disabled={busy} onClick={() => void apply()}>
              {t.apply}
            </button>
          )}
        </div>
        {codeError && (
          <p class="err" id="cc-code-error" role="alert">
            {codeError}
          </p>
        )}
        {applied && quote && quote.discountTotal > 0 && (
          <p class="ok" id="cc-code-saving" role="status" data-saving>
            {fill(t.saving, { amount: money(quote.discountTotal) })}
          </p>
        )}
      </div>
      {areas.length > 0 && (
        <div class="field">
          <label for="cc-area">{t.areaLabel}</label>
          <select
            id="cc-area"
            value={area ?? ''}
            onChange={(e) => setArea(e.currentTarget.value || undefined)}
          >
            <option value="" />
            {areas.map((a) => (
              <option key={a.name} value={a.name}>
                {a.name} · {money(a.fee)}
              </option>
            ))}
          </select>
        </div>
      )}
      {method?.hasSlots && (
        <fieldset class="choices" aria-busy={slots === null}>
          <legend>{t.slotLabel}</legend>
          {slots?.length === 0 && <p class="hint">{t.noSlots}</p>}
          {slots?.map((s) => (
            <label key={s.id} class="choice">
              <input
                type="radio"
                name="cc-slot"
                value={s.id}
                checked={slotId === s.id}
                disabled={s.remaining <= 0}
                onChange={() => setSlotId(s.id)}
              />
              <span class="choice-name">
                {/* Word joiners: the times stay together when the line wraps. */}
                {formatSlot(s, shop.locale, shop.timezone ?? 'UTC').replace('–', '\u2060–\u2060')}
              </span>
              <small class="choice-price">{fill(t.remaining, { n: s.remaining })}</small>
            </label>
          ))}
        </fieldset>
      )}
    </div>
  )
}
