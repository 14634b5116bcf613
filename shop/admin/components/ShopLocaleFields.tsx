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

/** A labelled select of fixed choices, its error and hint tied to it. */
function ChoiceField({
  label,
  choices,
  id,
  value,
  error,
  hint,
  onValue,
}: SelectFieldProps & { label: string; choices: { value: string; label: string }[] }) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <select
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onValue(e.currentTarget.value)}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The shop's currency, among those the browser knows (the wizard and the settings). */
export function CurrencyField(props: SelectFieldProps) {
  const choices = currencyCodes().map((c) => ({ value: c, label: c }))
  return <ChoiceField {...props} label={t('currency')} choices={choices} />
}

/** The language shoppers read the shop in (the wizard and the settings). */
export function ShopLanguageField(props: SelectFieldProps) {
  const choices = SUPPORTED_LOCALES.map((l) => ({ value: l, label: languageName(l) }))
  return <ChoiceField {...props} label={t('shopLanguage')} choices={choices} />
}
