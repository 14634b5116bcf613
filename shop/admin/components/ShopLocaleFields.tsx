import { SUPPORTED_LOCALES } from '../../../core/locale.ts'
import { currencyCodes } from '../countries.ts'
import { languageName, t } from '../i18n.ts'
import { Field } from './Field.tsx'

interface SelectFieldProps {
  id: string
  value: string
  error?: string | undefined
  hint?: string | undefined
  onValue: (value: string) => void
}

/** The shop's currency, among those the browser knows (the wizard and the settings). */
export function CurrencyField({ id, value, error, hint, onValue }: SelectFieldProps) {
  return (
    <Field id={id} label={t('currency')} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <select
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onValue(e.currentTarget.value)}
        >
          {currencyCodes().map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The language shoppers read the shop in (the wizard and the settings). */
export function ShopLanguageField({ id, value, error, hint, onValue }: SelectFieldProps) {
  return (
    <Field id={id} label={t('shopLanguage')} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <select
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onValue(e.currentTarget.value)}
        >
          {SUPPORTED_LOCALES.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}
