import { useState } from 'preact/hooks'
import type { DeliveryArea, SlotSettings } from '../api.ts'
import type { FieldErrors } from '../components/Field.tsx'
import { TextField } from '../components/Field.tsx'
import { HoursEditor, WEEK, type WeekHours } from '../components/HoursEditor.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import '../i18n-discounts.ts'
import { t } from '../i18n.ts'

/** A comma-separated list as the merchant types it, trimmed and without empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A comma-separated list typed freely (a trailing comma stays while typing). */
function ListField(props: {
  id: string
  label: string
  value: string[]
  onValue: (list: string[]) => void
  error?: string | undefined
}) {
  const [text, setText] = useState(props.value.join(', '))
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={text}
      onValue={(next) => {
        setText(next)
        props.onValue(splitList(next))
      }}
      error={props.error}
    />
  )
}

/** The blank slot settings a method starts with when slots are switched on. */
export const DEFAULT_SLOTS: SlotSettings = {
  weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']] },
  durationMinutes: 60,
  leadMinutes: 120,
  capacity: 3,
}

/** Errors the API names under `slots.weekly.{day}` shown where the hours editor shows a day's. */
function hoursErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([k, v]) => [k.replace(/^slots\.weekly\./, 'businessHours.'), v]),
  )
}

/** The delivery areas of a method: name, postcode prefixes or districts, fee, free-over. */
export function AreasEditor(props: {
  currency: string
  areas: DeliveryArea[]
  errors: FieldErrors
  onChange: (areas: DeliveryArea[]) => void
}) {
  const { areas, errors, onChange } = props
  const setArea = (i: number, patch: Partial<DeliveryArea>) =>
    onChange(areas.map((a, j) => (j === i ? { ...a, ...patch } : a)))
  return (
    <fieldset class="plain areas">
      <legend>{t('areasTitle')}</legend>
      <p class="hint">{t('areasHint')}</p>
      {areas.map((area, i) => (
        <fieldset key={i} class="card area">
          <legend>{area.name || t('areaN', { n: i + 1 })}</legend>
          <TextField
            id={`ar-${i}-name`}
            label={t('areaName')}
            value={area.name}
            onValue={(name) => setArea(i, { name })}
            error={errors[`areas.${i}.name`]}
            maxLength={100}
          />
          <div class="row">
            <ListField
              id={`ar-${i}-postal`}
              label={t('areaPostal')}
              value={area.postalPrefixes}
              onValue={(postalPrefixes) => setArea(i, { postalPrefixes })}
              error={errors[`areas.${i}.postalPrefixes`]}
            />
            <ListField
              id={`ar-${i}-districts`}
              label={t('areaDistricts')}
              value={area.districts}
              onValue={(districts) => setArea(i, { districts })}
              error={errors[`areas.${i}.districts`]}
            />
          </div>
          <div class="row">
            <MoneyInput
              id={`ar-${i}-fee`}
              label={t('areaFee')}
              currency={props.currency}
              value={area.fee}
              onValue={(fee) => setArea(i, { fee: fee ?? 0 })}
              error={errors[`areas.${i}.fee`]}
            />
            <MoneyInput
              id={`ar-${i}-free`}
              label={t('areaFreeOver')}
              currency={props.currency}
              value={area.freeOver}
              onValue={(freeOver) => setArea(i, { freeOver })}
              error={errors[`areas.${i}.freeOver`]}
            />
          </div>
          <button
            type="button"
            class="small"
            onClick={() => onChange(areas.filter((_, j) => j !== i))}
          >
            {t('removeArea', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {errors.areas && (
        <p class="error" role="alert">
          {errors.areas}
        </p>
      )}
      <button
        type="button"
        class="secondary"
        onClick={() =>
          onChange([
            ...areas,
            { name: '', postalPrefixes: [], districts: [], fee: 0, freeOver: null },
          ])
        }
      >
        {t('addArea')}
      </button>
    </fieldset>
  )
}

/** Time slots: on or off, weekly hours like the shop's, length, lead time and capacity. */
export function SlotsEditor(props: {
  slots: SlotSettings | null
  errors: FieldErrors
  onChange: (slots: SlotSettings | null) => void
}) {
  const { slots, errors, onChange } = props
  const number = (value: string) => (value.trim() === '' ? 0 : Number(value))
  return (
    <fieldset class="plain slots">
      <legend>{t('slotsTitle')}</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={slots !== null}
          onChange={(e) => onChange(e.currentTarget.checked ? DEFAULT_SLOTS : null)}
        />
        {t('offerSlots')}
      </label>
      {slots && (
        <>
          <p class="hint">{t('slotsHint')}</p>
          <HoursEditor
            hours={Object.fromEntries(WEEK.map((d) => [d, slots.weekly[d] ?? []])) as WeekHours}
            errors={hoursErrors(errors)}
            onChange={(weekly) => onChange({ ...slots, weekly })}
          />
          <div class="row">
            <TextField
              id="sl-duration"
              label={t('slotDuration')}
              type="number"
              inputMode="numeric"
              value={String(slots.durationMinutes)}
              onValue={(v) => onChange({ ...slots, durationMinutes: number(v) })}
              error={errors['slots.durationMinutes']}
            />
            <TextField
              id="sl-lead"
              label={t('slotLead')}
              type="number"
              inputMode="numeric"
              value={String(slots.leadMinutes)}
              onValue={(v) => onChange({ ...slots, leadMinutes: number(v) })}
              error={errors['slots.leadMinutes']}
            />
            <TextField
              id="sl-capacity"
              label={t('slotCapacity')}
              type="number"
              inputMode="numeric"
              value={String(slots.capacity)}
              onValue={(v) => onChange({ ...slots, capacity: number(v) })}
              error={errors['slots.capacity']}
            />
          </div>
        </>
      )}
    </fieldset>
  )
}
