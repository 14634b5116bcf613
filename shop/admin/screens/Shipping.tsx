import { useEffect, useState } from 'preact/hooks'
import { api, type ShippingMethod, shopPath } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { FormActions } from '../components/FormActions.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { money } from '../format.ts'
import { t } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeShop, toast } from '../state.ts'
import { AreasEditor, SlotsEditor } from './ShippingRules.tsx'

type Draft = Pick<ShippingMethod, 'name' | 'freeOver' | 'requiresAddress' | 'active'> &
  Partial<Pick<ShippingMethod, 'minOrderAmount' | 'areas' | 'slots'>> & {
    id?: string
    price: number | null
  }

const blank: Draft = { name: '', price: null, freeOver: null, requiresAddress: false, active: true }

/** The form for one shipping method. */
export function ShippingForm(props: {
  currency: string
  initial: Draft
  onSave: (d: Draft) => Promise<void>
  onCancel: () => void
}) {
  const [draft, setDraft] = useState<Draft>(props.initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const dirty = JSON.stringify(draft) !== JSON.stringify(props.initial)
  useEffect(() => {
    setDirty('shipping', dirty)
    return () => setDirty('shipping', false)
  }, [dirty])
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const submit = async (e: Event) => {
    e.preventDefault()
    const found: FieldErrors = {}
    if (!draft.name.trim()) found.name = t('required')
    if (draft.price === null) found.price = t('required')
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    try {
      await props.onSave(draft)
      setDirty('shipping', false)
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate>
      <FormError error={errors._form} />
      <TextField
        id="sh-name"
        label={t('shippingName')}
        value={draft.name}
        onValue={(name) => set({ name })}
        error={errors.name}
        placeholder={t('shippingNamePlaceholder')}
        maxLength={100}
      />
      <div class="row">
        <MoneyInput
          id="sh-price"
          label={t('price')}
          currency={props.currency}
          value={draft.price}
          onValue={(price) => set({ price })}
          error={errors.price}
          required
        />
        <MoneyInput
          id="sh-free"
          label={t('freeOver')}
          currency={props.currency}
          value={draft.freeOver}
          onValue={(freeOver) => set({ freeOver })}
          error={errors.freeOver}
          hint={t('freeOverHint')}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={draft.requiresAddress}
          onChange={(e) => set({ requiresAddress: e.currentTarget.checked })}
        />
        {t('requiresAddress')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={draft.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        {t('offered')}
      </label>
      <MoneyInput
        id="sh-min"
        label={t('methodMinOrder')}
        currency={props.currency}
        value={draft.minOrderAmount ?? null}
        onValue={(minOrderAmount) => set({ minOrderAmount })}
        error={errors.minOrderAmount}
      />
      <AreasEditor
        currency={props.currency}
        areas={draft.areas ?? []}
        errors={errors}
        onChange={(areas) => set({ areas })}
      />
      <SlotsEditor
        slots={draft.slots ?? null}
        errors={errors}
        onChange={(slots) => set({ slots })}
      />
      <FormActions busy={busy} keepLabel onCancel={props.onCancel} />
    </form>
  )
}

/** Shipping methods: price, free above an amount, address needed, offered or not. */
export function Shipping({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [list, setList] = useState<ShippingMethod[] | undefined>(undefined)
  const [editing, setEditing] = useState<Draft | null>(null)

  useEffect(() => {
    api.get<{ shippingMethods: ShippingMethod[] }>(shopPath(slug, '/shipping-methods')).then(
      (r) => setList(r.shippingMethods),
      () => setList([]),
    )
  }, [slug])

  if (!list || !shop) return <Loading />

  const save = async (draft: Draft) => {
    const body = {
      name: draft.name.trim(),
      price: draft.price ?? 0,
      freeOver: draft.freeOver,
      requiresAddress: draft.requiresAddress,
      active: draft.active,
      // The rules go out once the method has (or is given) them, so older servers still save.
      ...(draft.minOrderAmount != null || 'minOrderAmount' in draft
        ? { minOrderAmount: draft.minOrderAmount ?? null }
        : {}),
      ...(draft.areas?.length || 'areas' in draft ? { areas: draft.areas ?? [] } : {}),
      ...(draft.slots || 'slots' in draft ? { slots: draft.slots ?? null } : {}),
    }
    if (draft.id) {
      const saved = await api.patch<ShippingMethod>(
        shopPath(slug, `/shipping-methods/${draft.id}`),
        body,
      )
      setList(list.map((m) => (m.id === saved.id ? saved : m)))
    } else {
      const saved = await api.post<ShippingMethod>(shopPath(slug, '/shipping-methods'), body)
      setList([...list, saved])
    }
    setEditing(null)
    toast(t('saved'))
  }

  const remove = async (method: ShippingMethod) => {
    if (
      !(await confirmAction({
        title: t('deleteX', { name: method.name }),
        danger: true,
        confirmLabel: t('delete'),
      }))
    )
      return
    const before = list
    setList(list.filter((m) => m.id !== method.id))
    try {
      await api.del(shopPath(slug, `/shipping-methods/${method.id}`))
    } catch {
      setList(before)
      toast(t('undoFailed'), 'error')
    }
  }

  return (
    <section aria-labelledby="ship-title">
      <div class="title-row">
        <h1 id="ship-title">{t('navShipping')}</h1>
        {!editing && (
          <button type="button" class="primary" onClick={() => setEditing(blank)}>
            {t('addShipping')}
          </button>
        )}
      </div>
      {editing && (
        <ShippingForm
          currency={shop.currency}
          initial={editing}
          onSave={save}
          onCancel={() => setEditing(null)}
        />
      )}
      {list.length === 0 && !editing ? (
        <Empty title={t('noShipping')} />
      ) : (
        <ul class="list-cards">
          {list.map((m) => (
            <li key={m.id} class="card-row">
              <div>
                <p class="strong">{m.name}</p>
                <p class="muted small">
                  {m.price === 0 ? t('shippingFree') : money(m.price, shop.currency)}
                  {m.freeOver !== null &&
                    ` · ${t('freeFrom', { amount: money(m.freeOver, shop.currency) })}`}
                  {m.requiresAddress && ` · ${t('addressNeeded')}`}
                  {!m.active && ` · ${t('notOffered')}`}
                  {m.minOrderAmount != null &&
                    ` · ${t('discountMinimum', { amount: money(m.minOrderAmount, shop.currency) })}`}
                  {m.areas?.length ? ` · ${t('areasSummary', { n: m.areas.length })}` : ''}
                  {m.slots ? ` · ${t('slotsSummary')}` : ''}
                </p>
              </div>
              <div class="actions">
                <button
                  type="button"
                  class="small"
                  aria-label={t('editX', { name: m.name })}
                  onClick={() => setEditing({ ...m })}
                >
                  {t('edit')}
                </button>
                <button
                  type="button"
                  class="small"
                  aria-label={t('deleteX', { name: m.name })}
                  onClick={() => remove(m)}
                >
                  {t('delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
