import { Field } from '../../components/Field.tsx'
import { CurrencyField, ShopLanguageField } from '../../components/ShopLocaleFields.tsx'
import { t } from '../../i18n.ts'
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
      <CurrencyField
        id="currency"
        value={w.currency}
        error={w.errors.currency}
        hint={t('prefilled')}
        onValue={w.setCurrency}
      />
      <ShopLanguageField
        id="shop-locale"
        value={w.shopLocale}
        error={w.errors.locale}
        onValue={w.setShopLocale}
      />
      <TimeZoneField wizard={w} />
    </>
  )
}
