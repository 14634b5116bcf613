import type { ShopWeekday } from '../api.ts'
import { locale, t } from '../i18n.ts'
import { errorUnder } from '../settings-errors.ts'
import { toast } from '../state.ts'
import type { FieldErrors } from './Field.tsx'

export type WeekHours = Record<ShopWeekday, [string, string][]>

export const WEEK: ShopWeekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
/** The server's limit of ranges a day. */
const MAX_RANGES = 6

/** Focuses an element once the render that brings it has happened. */
export function focusLater(id: string): void {
  setTimeout(() => document.getElementById(id)?.focus(), 0)
}

/** A weekday's name in the admin's language (2026-01-05 was a Monday). */
export function weekdayName(day: ShopWeekday): string {
  return new Intl.DateTimeFormat(locale.value, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, 0, 5 + WEEK.indexOf(day))),
  )
}

/**
 * The weekly hours: each day open or closed, with one or more ranges of two time inputs, a range
 * added or removed, and a day's hours copied to every day. Errors from the server (or from the
 * form's own check) show beside the day they belong to.
 */
export function HoursEditor(props: {
  hours: WeekHours
  errors: FieldErrors
  onChange: (hours: WeekHours) => void
}) {
  const { hours, errors, onChange } = props
  const setDay = (day: ShopWeekday, ranges: [string, string][]) =>
    onChange({ ...hours, [day]: ranges })

  return (
    <div class="hours-editor">
      {WEEK.map((day) => {
        const name = weekdayName(day)
        const ranges = hours[day]
        const error = errorUnder(errors, `businessHours.${day}`)
        const errorId = error ? `h-${day}-error` : undefined
        return (
          <fieldset key={day} class={`hours-day${error ? ' has-error' : ''}`}>
            <legend>{name}</legend>
            <label class="check">
              <input
                id={`h-${day}-open`}
                type="checkbox"
                checked={ranges.length > 0}
                onChange={(e) => setDay(day, e.currentTarget.checked ? [['09:00', '18:00']] : [])}
              />
              {t('openOnDay', { day: name })}
              {ranges.length === 0 && <span class="muted">({t('closedAllDay')})</span>}
            </label>
            {ranges.map(([from, to], i) => {
              const n = i + 1
              const id = `h-${day}-${i}`
              const put = (value: [string, string]) =>
                setDay(
                  day,
                  ranges.map((r, j) => (j === i ? value : r)),
                )
              return (
                <fieldset key={i} class="hours-range">
                  <legend class="visually-hidden">{t('rangeOf', { day: name, n })}</legend>
                  <div>
                    <label for={`${id}-from`}>{t('opensAt')}</label>
                    <input
                      id={`${id}-from`}
                      type="time"
                      value={from}
                      required
                      aria-invalid={error ? true : undefined}
                      aria-describedby={errorId}
                      onInput={(e) => put([e.currentTarget.value, to])}
                    />
                  </div>
                  <div>
                    <label for={`${id}-to`}>{t('closesAt')}</label>
                    <input
                      id={`${id}-to`}
                      type="time"
                      value={to}
                      required
                      aria-invalid={error ? true : undefined}
                      aria-describedby={errorId}
                      onInput={(e) => put([from, e.currentTarget.value])}
                    />
                  </div>
                  <button
                    type="button"
                    class="secondary small range-remove"
                    aria-label={t('removeRangeOf', { day: name, n })}
                    onClick={() => {
                      setDay(
                        day,
                        ranges.filter((_, j) => j !== i),
                      )
                      // The button leaves with its range: keep the keyboard in this day.
                      focusLater(ranges.length > 1 ? `h-${day}-add` : `h-${day}-open`)
                    }}
                  >
                    {t('removeRange')}
                  </button>
                </fieldset>
              )
            })}
            {ranges.length > 0 && (
              <div class="actions hours-actions">
                <button
                  id={`h-${day}-add`}
                  type="button"
                  class="secondary small"
                  disabled={ranges.length >= MAX_RANGES}
                  aria-label={t('addRangeTo', { day: name })}
                  onClick={() => setDay(day, [...ranges, ['', '']])}
                >
                  {t('addRange')}
                </button>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={t('copyDayToAll', { day: name })}
                  onClick={() => {
                    const copy = Object.fromEntries(
                      WEEK.map((d) => [d, ranges.map((r) => [...r] as [string, string])]),
                    ) as WeekHours
                    onChange(copy)
                    toast(t('hoursCopied', { day: name }))
                  }}
                >
                  {t('copyToAllDays')}
                </button>
              </div>
            )}
            {error && (
              <p class="error" id={errorId} role="alert">
                {error}
              </p>
            )}
          </fieldset>
        )
      })}
    </div>
  )
}
