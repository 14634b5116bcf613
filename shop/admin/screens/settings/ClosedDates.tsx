import { Field, TextField } from '../../components/Field.tsx'
import { focusLater } from '../../components/HoursEditor.tsx'
import { t } from '../../i18n.ts'
import type { SectionProps } from './settings-form.ts'

type ClosedDate = SectionProps['draft']['closedDates'][number]

/** One closed day: its date, an optional reason, and a button to remove it. */
function ClosedDateRow(props: SectionProps & { i: number; c: ClosedDate }) {
  const { draft, set, errors, i, c } = props
  const put = (patch: Partial<ClosedDate>) =>
    set({ closedDates: draft.closedDates.map((d, j) => (j === i ? { ...d, ...patch } : d)) })
  return (
    <li class="closed-date">
      <Field
        id={`s-closed-${i}-date`}
        label={t('closedDate')}
        error={errors[`closedDates.${i}.date`] ?? errors[`closedDates.${i}`]}
      >
        {(describedBy, invalid) => (
          <input
            id={`s-closed-${i}-date`}
            type="date"
            value={c.date}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => put({ date: e.currentTarget.value })}
          />
        )}
      </Field>
      <TextField
        id={`s-closed-${i}-label`}
        label={t('closedDateReason')}
        value={c.label}
        maxLength={100}
        onValue={(label) => put({ label })}
        error={errors[`closedDates.${i}.label`]}
      />
      <button
        type="button"
        class="secondary small closed-remove"
        aria-label={t('removeClosedDate', { date: c.date || String(i + 1) })}
        onClick={() => {
          set({ closedDates: draft.closedDates.filter((_, j) => j !== i) })
          focusLater('s-closed-add')
        }}
      >
        {t('removeRange')}
      </button>
    </li>
  )
}

/** Holidays and other days the shop is closed, up to 100. */
export function ClosedDates(props: SectionProps) {
  const { draft, set, errors } = props
  return (
    <>
      <h3 id="s-closed-title">{t('closedDates')}</h3>
      <p class="hint" id="s-closed-hint">
        {t('closedDatesHint')}
      </p>
      {draft.closedDates.length === 0 && <p class="muted">{t('noClosedDates')}</p>}
      <ul class="closed-dates" aria-labelledby="s-closed-title">
        {draft.closedDates.map((c, i) => (
          <ClosedDateRow key={i} {...props} i={i} c={c} />
        ))}
      </ul>
      {errors.closedDates && (
        <p class="error" role="alert">
          {errors.closedDates}
        </p>
      )}
      <div class="actions">
        <button
          id="s-closed-add"
          type="button"
          class="secondary small"
          disabled={draft.closedDates.length >= 100}
          aria-describedby="s-closed-hint"
          onClick={() => set({ closedDates: [...draft.closedDates, { date: '', label: '' }] })}
        >
          {t('addClosedDate')}
        </button>
      </div>
    </>
  )
}
