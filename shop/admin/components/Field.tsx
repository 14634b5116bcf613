import type { ComponentChildren } from 'preact'
import { ApiError } from '../api.ts'
import { locale, t } from '../i18n.ts'

export type FieldErrors = Record<string, string>

/** The messages to show for a failed request: beside its field when it names one. */
export function errorsFrom(error: unknown): FieldErrors {
  if (error instanceof ApiError) return { [error.field ?? '_form']: apiErrorText(error) }
  return { _form: t('somethingWrong') }
}

/**
 * An API error in the admin's language, without the field path the API puts in front. English
 * keeps the API's own words (they say what is expected); other languages get a message by code.
 */
export function apiErrorText(error: ApiError): string {
  if (error.code === 'rate_limited') return t('errRateLimited')
  if (locale.value === 'en' && error.message) return error.message.replace(/^[\w.]+: /, '')
  if (error.code === 'required') return t('errFieldRequired')
  if (error.field) return t('errFieldInvalid')
  return t('somethingWrong')
}

interface FieldProps {
  id: string
  label: string
  error?: string | undefined
  hint?: ComponentChildren
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren
}

/** A label, a control, an optional hint and the error that belongs to it. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children(describedBy, Boolean(error))}
      {hint && (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

interface TextFieldProps {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' | 'number' | 'time'
  autoComplete?: string
  required?: boolean
  maxLength?: number | undefined
  minLength?: number | undefined
  inputMode?: 'text' | 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'search'
  spellcheck?: boolean
  placeholder?: string
  disabled?: boolean
  id: string
  label: string
  value: string
  onValue: (value: string) => void
  error?: string | undefined
  hint?: ComponentChildren
}

/** A text input wired to `Field`. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onValue, error, hint, type, ...rest } = props
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <input
          {...rest}
          // The union of input types confuses the attribute typings; every member is valid here.
          type={(type ?? 'text') as 'text'}
          id={id}
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  )
}

/** A form-level error (one that names no field). */
export function FormError({ error }: { error?: string | undefined }) {
  if (!error) return null
  return (
    <p class="form-error" role="alert">
      {error}
    </p>
  )
}
