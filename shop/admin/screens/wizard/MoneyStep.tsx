import { SUPPORTED_LOCALES } from '../../../../core/locale.ts'
import { Field } from '../../components/Field.tsx'
import { currencyCodes } from '../../countries.ts'
import { languageName, t } from '../../i18n.ts'
import type { WizardState } from './use-wizard.ts'

/** The shop's time zone, prefilled with the device's and searchable among the browser's. */
function TimeZoneField({ wizard: w }: { wizard: WizardState }) {
  return (
    <Field
      id="shop-timezone"
      label={t('timeZone')}
      error={w.errors.timezone}
      hint={t('wizardTimeZoneHint')}
    >
      {(describedBy, invalid) => (
        <>
          <input
            id="shop-timezone"
            list="shop-timezones"
            value={w.timezone}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid}
            onInput={(e) => w.setTimezone(e.currentTarget.value)}
          />
          <datalist id="shop-timezones">
            {(Intl.supportedValuesOf?.('timeZone') ?? []).map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  )
}

/** Step 4: currency, the shop's language and its time zone, all prefilled from the browser. */
export function MoneyStep({ wizard: w }: { wizard: WizardState }) {
  return (
    <>
      <Field id="currency" label={t('currency')} error={w.errors.currency} hint={t('prefilled')}>
        {(describedBy) => (
          <select
            id="currency"
            value={w.currency}
            aria-describedby={describedBy}
            onChange={(e) => w.setCurrency(e.currentTarget.value)}
          >
            {currencyCodes().map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="shop-locale" label={t('shopLanguage')} error={w.errors.locale}>
        {() => (
          <select
            id="shop-locale"
            value={w.shopLocale}
            onChange={(e) => w.setShopLocale(e.currentTarget.value)}
          >
            {SUPPORTED_LOCALES.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TimeZoneField wizard={w} />
    </>
  )
}
