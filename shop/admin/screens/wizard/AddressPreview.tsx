import { t } from '../../i18n.ts'
import { type Availability, slugProblem } from './wizard-steps.ts'

/** The shop's future address as the merchant types, and whether it is free. */
export function AddressPreview(props: {
  origin: string
  slug: string
  availability: Availability
}) {
  const { availability } = props
  return (
    <span class="address-preview" aria-live="polite">
      {props.origin}/<strong>{props.slug || '…'}</strong>{' '}
      {availability.state === 'checking' && t('checking')}
      {availability.state === 'done' &&
        (availability.available ? (
          <span class="ok">✓ {t('available')}</span>
        ) : (
          <span class="bad">✗ {slugProblem(availability.code, availability.reason)}</span>
        ))}
    </span>
  )
}
