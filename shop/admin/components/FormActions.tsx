import { t } from '../i18n.ts'

/** A form's submit button (off while busy) and its cancel button. */
export function FormActions(props: {
  busy: boolean
  /** The submit button's words; "Please wait" while busy unless `keepLabel`. */
  label?: string
  keepLabel?: boolean
  onCancel: () => void
}) {
  const label = props.label ?? t('save')
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={props.busy}>
        {props.busy && !props.keepLabel ? t('wait') : label}
      </button>
      <button type="button" class="secondary" onClick={props.onCancel}>
        {t('cancel')}
      </button>
    </div>
  )
}
