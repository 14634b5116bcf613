import { useEffect, useState } from 'preact/hooks'
import type { discountJson } from '../../../api/discounts/discount-json.ts'
import { api, type Category, shopPath } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { money, shortDate } from '../format.ts'
import '../i18n-discounts.ts'
import { FormActions } from '../components/FormActions.tsx'
import { t } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeShop, toast } from '../state.ts'

/**
 * A discount code as the API returns it (the server's mapper's type, like `Order`): either
 * `percentOff` or `amountOff`; amounts in minor units.
 */
export type Discount = ReturnType<typeof discountJson>

interface Draft {
  id?: string
  code: string
  kind: 'percent' | 'amount'
  percent: string
  amountOff: number | null
  minSubtotal: number | null
  startsOn: string
  endsOn: string
  maxUses: string
  oncePerCustomer: boolean
  categoryIds: string[]
}

const blank: Draft = {
  code: '',
  kind: 'percent',
  percent: '',
  amountOff: null,
  minSubtotal: null,
  startsOn: '',
  endsOn: '',
  maxUses: '',
  oncePerCustomer: false,
  categoryIds: [],
}

/** `YYYY-MM-DD` of an instant in the browser's zone (the merchant's). */
function dayOf(iso: string | null): string {
  if (!iso) return ''
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function draftOf(d: Discount): Draft {
  return {
    id: d.id,
    code: d.code,
    kind: d.amountOff != null ? 'amount' : 'percent',
    percent: d.percentOff != null ? String(d.percentOff) : '',
    amountOff: d.amountOff ?? null,
    minSubtotal: d.minSubtotal,
    startsOn: dayOf(d.startsAt),
    endsOn: dayOf(d.endsAt),
    maxUses: d.maxUses === null ? '' : String(d.maxUses),
    oncePerCustomer: d.oncePerCustomer,
    categoryIds: d.categoryIds,
  }
}

/** The request body for a draft, or the field errors found before sending. */
export function discountBody(
  draft: Draft,
): { body: Record<string, unknown> } | { errors: FieldErrors } {
  const errors: FieldErrors = {}
  const code = draft.code.trim()
  if (!code) errors.code = t('required')
  const percent = Number(draft.percent)
  if (draft.kind === 'percent' && !(Number.isInteger(percent) && percent >= 1 && percent <= 100))
    errors.percentOff = draft.percent.trim() ? t('discountPercentInvalid') : t('required')
  if (draft.kind === 'amount' && !draft.amountOff) errors.amountOff = t('required')
  const maxUses = draft.maxUses.trim() === '' ? null : Number(draft.maxUses)
  if (maxUses !== null && !(Number.isInteger(maxUses) && maxUses >= 1))
    errors.maxUses = t('discountWholeNumber')
  const startsAt = draft.startsOn ? new Date(`${draft.startsOn}T00:00:00`).toISOString() : null
  const endsAt = draft.endsOn ? new Date(`${draft.endsOn}T23:59:59.999`).toISOString() : null
  if (startsAt && endsAt && endsAt < startsAt) errors.endsAt = t('discountEndsBeforeStart')
  if (Object.keys(errors).length) return { errors }
  return {
    body: {
      code,
      ...(draft.kind === 'percent' ? { percentOff: percent } : { amountOff: draft.amountOff }),
      minSubtotal: draft.minSubtotal,
      startsAt,
      endsAt,
      maxUses,
      oncePerCustomer: draft.oncePerCustomer,
      categoryIds: draft.categoryIds,
    },
  }
}

/** The form for one discount code; errors show on the field the API names. */
function DiscountForm(props: {
  currency: string
  categories: Category[]
  initial: Draft
  onSave: (body: Record<string, unknown>, id?: string) => Promise<void>
  onCancel: () => void
}) {
  const [draft, setDraft] = useState<Draft>(props.initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const dirty = JSON.stringify(draft) !== JSON.stringify(props.initial)
  useEffect(() => {
    setDirty('discount', dirty)
    return () => setDirty('discount', false)
  }, [dirty])
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const submit = async (e: Event) => {
    e.preventDefault()
    const built = discountBody(draft)
    if ('errors' in built) return setErrors(built.errors)
    setErrors({})
    setBusy(true)
    try {
      await props.onSave(built.body, draft.id)
      setDirty('discount', false)
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setBusy(false)
    }
  }
  const parts = { draft, set, errors, currency: props.currency }
  return (
    <form class="card" onSubmit={submit} noValidate>
      <FormError error={errors._form} />
      <TextField
        id="dc-code"
        label={t('discountCode')}
        value={draft.code}
        onValue={(code) => set({ code: code.toUpperCase() })}
        error={errors.code}
        hint={t('discountCodeHint')}
        autoComplete="off"
        spellcheck={false}
        maxLength={40}
      />
      <ValueFields {...parts} />
      <LimitFields {...parts} />
      {props.categories.length > 0 && <CategoryPicks {...parts} categories={props.categories} />}
      <FormActions busy={busy} keepLabel onCancel={props.onCancel} />
    </form>
  )
}

/** What a part of the discount form reads and changes. */
interface PartProps {
  draft: Draft
  set: (patch: Partial<Draft>) => void
  errors: FieldErrors
  currency: string
}

/** Percent or amount off, and the cart's minimum. */
function ValueFields({ draft, set, errors, currency }: PartProps) {
  return (
    <>
      <fieldset class="plain">
        <legend>{t('discountKind')}</legend>
        <label class="check">
          <input
            type="radio"
            name="dc-kind"
            checked={draft.kind === 'percent'}
            onChange={() => set({ kind: 'percent' })}
          />
          {t('discountPercent')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="dc-kind"
            checked={draft.kind === 'amount'}
            onChange={() => set({ kind: 'amount' })}
          />
          {t('discountAmount')}
        </label>
      </fieldset>
      <div class="row">
        {draft.kind === 'percent' ? (
          <TextField
            id="dc-percent"
            label={t('percentOffLabel')}
            inputMode="numeric"
            value={draft.percent}
            onValue={(percent) => set({ percent })}
            error={errors.percentOff}
          />
        ) : (
          <MoneyInput
            id="dc-amount"
            label={t('amountOffLabel')}
            currency={currency}
            value={draft.amountOff}
            onValue={(amountOff) => set({ amountOff })}
            error={errors.amountOff}
            required
          />
        )}
        <MoneyInput
          id="dc-min"
          label={t('discountMinSubtotal')}
          currency={currency}
          value={draft.minSubtotal}
          onValue={(minSubtotal) => set({ minSubtotal })}
          error={errors.minSubtotal}
        />
      </div>
    </>
  )
}

/** When the code works, how many times, and once per customer. */
function LimitFields({ draft, set, errors }: PartProps) {
  const dateField = (id: string, label: string, key: 'startsOn' | 'endsOn', error?: string) => (
    <Field id={id} label={label} error={error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          type="date"
          value={draft[key]}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => set({ [key]: e.currentTarget.value })}
        />
      )}
    </Field>
  )
  return (
    <>
      <div class="row">
        {dateField('dc-starts', t('discountStartsAt'), 'startsOn', errors.startsAt)}
        {dateField('dc-ends', t('discountEndsAt'), 'endsOn', errors.endsAt)}
      </div>
      <TextField
        id="dc-max"
        label={t('discountMaxUses')}
        inputMode="numeric"
        value={draft.maxUses}
        onValue={(maxUses) => set({ maxUses })}
        error={errors.maxUses}
        hint={t('discountMaxUsesHint')}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={draft.oncePerCustomer}
          onChange={(e) => set({ oncePerCustomer: e.currentTarget.checked })}
        />
        {t('discountOncePerCustomer')}
      </label>
    </>
  )
}

/** The categories the code is for; none ticked is the whole shop. */
function CategoryPicks({ draft, set, errors, categories }: PartProps & { categories: Category[] }) {
  return (
    <fieldset class="plain" aria-describedby="dc-cats-hint">
      <legend>{t('discountCategories')}</legend>
      <p class="hint" id="dc-cats-hint">
        {t('discountAllProducts')}
      </p>
      {categories.map((c) => (
        <label class="check" key={c.id}>
          <input
            type="checkbox"
            checked={draft.categoryIds.includes(c.id)}
            onChange={(e) =>
              set({
                categoryIds: e.currentTarget.checked
                  ? [...draft.categoryIds, c.id]
                  : draft.categoryIds.filter((id) => id !== c.id),
              })
            }
          />
          {c.name}
        </label>
      ))}
      {errors.categoryIds && (
        <p class="error" role="alert">
          {errors.categoryIds}
        </p>
      )}
    </fieldset>
  )
}

/** One line about a code: its value, conditions and uses. */
function summary(d: Discount, currency: string, now = Date.now()): string {
  const parts = [
    d.percentOff != null
      ? t('discountPercentShort', { n: d.percentOff })
      : t('discountAmountShort', { amount: money(d.amountOff ?? 0, currency) }),
  ]
  if (d.minSubtotal !== null)
    parts.push(t('discountMinimum', { amount: money(d.minSubtotal, currency) }))
  if (d.startsAt) parts.push(t('discountFrom', { date: shortDate(d.startsAt) }))
  if (d.endsAt) parts.push(t('discountUntil', { date: shortDate(d.endsAt) }))
  if (d.oncePerCustomer) parts.push(t('discountOnce'))
  parts.push(
    d.maxUses === null
      ? t('discountUses', { uses: d.uses })
      : t('discountUsesOf', { uses: d.uses, max: d.maxUses }),
  )
  if (d.endsAt && Date.parse(d.endsAt) < now) parts.push(t('discountExpired'))
  else if (d.startsAt && Date.parse(d.startsAt) > now) parts.push(t('discountScheduled'))
  else if (d.maxUses !== null && d.uses >= d.maxUses) parts.push(t('discountUsedUp'))
  return parts.join(' · ')
}

/** Discount codes: list with their uses, create, edit, delete. */
export function Discounts({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [list, setList] = useState<Discount[] | undefined>(undefined)
  const [categories, setCategories] = useState<Category[]>([])
  const [editing, setEditing] = useState<Draft | null>(null)

  useEffect(() => {
    api.get<{ discounts: Discount[] }>(shopPath(slug, '/discounts')).then(
      (r) => setList(r.discounts),
      () => setList([]),
    )
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setCategories(r.categories),
      () => setCategories([]),
    )
  }, [slug])

  if (!list || !shop) return <Loading />

  const save = async (body: Record<string, unknown>, id?: string) => {
    if (id) {
      const saved = await api.patch<Discount>(shopPath(slug, `/discounts/${id}`), body)
      setList(list.map((d) => (d.id === saved.id ? saved : d)))
    } else {
      const saved = await api.post<Discount>(shopPath(slug, '/discounts'), body)
      setList([saved, ...list])
    }
    setEditing(null)
    toast(t('saved'))
  }

  const remove = async (discount: Discount) => {
    if (
      !(await confirmAction({
        title: t('deleteX', { name: discount.code }),
        danger: true,
        confirmLabel: t('delete'),
      }))
    )
      return
    const before = list
    setList(list.filter((d) => d.id !== discount.id))
    try {
      await api.del(shopPath(slug, `/discounts/${discount.id}`))
      toast(t('deleted'))
    } catch {
      setList(before)
      toast(t('undoFailed'), 'error')
    }
  }

  return (
    <section aria-labelledby="dc-title">
      <div class="title-row">
        <h1 id="dc-title">{t('navDiscounts')}</h1>
        {!editing && (
          <button type="button" class="primary" onClick={() => setEditing(blank)}>
            {t('addDiscount')}
          </button>
        )}
      </div>
      <p class="muted">{t('discountsLead')}</p>
      {editing && (
        <DiscountForm
          key={editing.id ?? 'new'}
          currency={shop.currency}
          categories={categories}
          initial={editing}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {list.length === 0 && !editing ? (
        <Empty title={t('noDiscounts')}>
          <p>{t('noDiscountsHint')}</p>
        </Empty>
      ) : (
        <ul class="list-cards">
          {list.map((d) => (
            <DiscountRow
              key={d.id}
              discount={d}
              currency={shop.currency}
              edit={() => setEditing(draftOf(d))}
              remove={() => remove(d)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

/** A code in the list, with its summary and its edit and delete buttons. */
function DiscountRow(props: {
  discount: Discount
  currency: string
  edit: () => void
  remove: () => void
}) {
  const d = props.discount
  return (
    <li class="card-row">
      <div>
        <p class="strong" dir="ltr">
          {d.code}
        </p>
        <p class="muted small">{summary(d, props.currency)}</p>
      </div>
      <div class="actions">
        <button
          type="button"
          class="small"
          aria-label={t('editX', { name: d.code })}
          onClick={props.edit}
        >
          {t('edit')}
        </button>
        <button
          type="button"
          class="small"
          aria-label={t('deleteX', { name: d.code })}
          onClick={props.remove}
        >
          {t('delete')}
        </button>
      </div>
    </li>
  )
}
