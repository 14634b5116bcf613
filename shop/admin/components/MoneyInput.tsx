import { useEffect, useState } from 'preact/hooks'
import { currencyDigits, parseMoney, toMajorUnits } from '../../../core/money.ts'
import { locale, t } from '../i18n.ts'
import { Field } from './Field.tsx'

/** The currency's symbol in the admin's language, e.g. `€`, `$`, `¥`. */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat(locale.value, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0)
    return parts.find((p) => p.type === 'currency')?.value ?? currency
  } catch {
    return currency
  }
}

interface MoneyInputProps {
  id: string
  label: string
  currency: string
  /** Minor units; null when empty. */
  value: number | null
  onValue: (value: number | null) => void
  /** Reports whether the typed text is a valid amount. */
  onValidity?: (valid: boolean) => void
  error?: string | undefined
  required?: boolean
  hint?: string
  /** Shown while empty, in minor units (e.g. the product's price a variant inherits). */
  placeholder?: number
}

/** The admin language's decimal separator: `,` in French. */
function decimalSeparator(): string {
  return (
    new Intl.NumberFormat(locale.value).formatToParts(1.5).find((p) => p.type === 'decimal')
      ?.value ?? '.'
  )
}

/** An amount as the merchant would type it, with the admin language's decimal separator. */
function display(value: number | null, currency: string): string {
  return value === null ? '' : toMajorUnits(value, currency).replace('.', decimalSeparator())
}

/**
 * A price typed in major units (`19.90`, `19,90`, `1 234,50`) and kept in minor units, with the
 * currency's symbol and number of decimals.
 */
export function MoneyInput(props: MoneyInputProps) {
  const { id, label, currency, value, onValue, onValidity, error, required, hint } = props
  const placeholder = display(props.placeholder ?? 0, currency)
  const [text, setText] = useState(display(value, currency))
  const [ownError, setOwnError] = useState<string | undefined>(undefined)

  useEffect(() => {
    // Follow outside changes (a reset, a loaded product) unless the text already means them.
    const parsed = text.trim() === '' ? null : parseMoney(text, currency)
    if (parsed !== value) setText(display(value, currency))
  }, [value, currency])

  const check = (next: string): number | null | undefined => {
    if (next.trim() === '') return required ? undefined : null
    const parsed = parseMoney(next, currency)
    if (parsed === null || parsed < 0) return undefined
    return parsed
  }

  const digits = currencyDigits(currency)
  return (
    <Field id={id} label={label} error={ownError ?? error} hint={hint}>
      {(describedBy, invalid) => (
        <div class="money-input">
          <span class="money-symbol" aria-hidden="true">
            {currencySymbol(currency)}
          </span>
          <input
            id={id}
            inputMode={digits > 0 ? 'decimal' : 'numeric'}
            autoComplete="off"
            value={text}
            required={required}
            placeholder={placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => {
              const next = e.currentTarget.value
              setText(next)
              const parsed = check(next)
              const valid = parsed !== undefined
              setOwnError(undefined)
              onValidity?.(valid)
              if (valid) onValue(parsed)
            }}
            onBlur={() => {
              const parsed = check(text)
              if (parsed === undefined) {
                setOwnError(text.trim() === '' ? t('required') : t('invalidAmount', { currency }))
                onValidity?.(false)
              } else setText(display(parsed, currency))
            }}
          />
          <span class="money-code">{currency}</span>
        </div>
      )}
    </Field>
  )
}
