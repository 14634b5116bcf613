import { Field } from '../../components/Field.tsx'
import { HoursEditor } from '../../components/HoursEditor.tsx'
import { t } from '../../i18n.ts'
import { ClosedDates } from './ClosedDates.tsx'
import {
  deviceTimeZone,
  isTimeZone,
  type SectionProps,
  TIME_ZONES,
  timeIn,
} from './settings-form.ts'

/** The shop's time zone, with the time there now and a way to take the device's. */
function TimeZoneField({ draft, set, errors }: SectionProps) {
  const device = deviceTimeZone()
  return (
    <Field
      id="s-timezone"
      label={t('timeZone')}
      error={errors.timezone}
      hint={
        <>
          {t('timeZoneHint', { time: timeIn(draft.timezone) })}
          {draft.timezone !== device && isTimeZone(device) && (
            <>
              {' '}
              <button type="button" class="linkish" onClick={() => set({ timezone: device })}>
                {t('useDeviceTimeZone', { zone: device })}
              </button>
            </>
          )}
        </>
      }
    >
      {(describedBy, invalid) => (
        <>
          <input
            id="s-timezone"
            list="s-timezones"
            value={draft.timezone}
            autoComplete="off"
            spellcheck={false}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => set({ timezone: e.currentTarget.value.trim() })}
          />
          <datalist id="s-timezones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  )
}

/** Time zone, weekly hours (when shown) and the days the shop is closed. */
export function OpeningHoursSection(props: SectionProps) {
  const { draft, set, errors } = props
  return (
    <>
      <h2>{t('openingHours')}</h2>
      <TimeZoneField {...props} />
      <label class="check">
        <input
          type="checkbox"
          checked={draft.showHours}
          onChange={(e) => set({ showHours: e.currentTarget.checked })}
        />
        {t('showHours')}
      </label>
      {draft.showHours && (
        <>
          <p class="hint">{t('hoursHint')}</p>
          <HoursEditor hours={draft.hours} errors={errors} onChange={(hours) => set({ hours })} />
          <ClosedDates {...props} />
        </>
      )}
    </>
  )
}
