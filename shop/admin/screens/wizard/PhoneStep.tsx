import { Field, TextField } from '../../components/Field.tsx'
import { COUNTRIES, countryName } from '../../countries.ts'
import { locale, t } from '../../i18n.ts'
import { waMeLink } from '../../wizard-logic.ts'
import type { WizardState } from './use-wizard.ts'

/** Step 3: the WhatsApp number, with its country, and a link to test it once it is valid. */
export function PhoneStep({ wizard: w }: { wizard: WizardState }) {
  const { phone, typedPhone } = w
  return (
    <>
      <Field id="country" label={t('country')}>
        {() => (
          <select
            id="country"
            value={w.region}
            onChange={(e) => w.setRegion(e.currentTarget.value)}
          >
            {COUNTRIES.map(([r, d]) => ({ r, d, label: countryName(r, locale.value) }))
              .sort((a, b) => a.label.localeCompare(b.label, locale.value))
              .map(({ r, d, label }) => (
                <option key={r} value={r}>
                  {label} (+{d})
                </option>
              ))}
          </select>
        )}
      </Field>
      <TextField
        id="whatsapp-phone"
        label={t('whatsappNumber')}
        type="tel"
        autoComplete="tel-national"
        inputMode="tel"
        value={typedPhone}
        onValue={(v) => {
          w.setTypedPhone(v)
          w.setErrors({})
        }}
        error={
          w.errors.whatsappPhone ??
          (typedPhone.length > 5 && !phone ? t('phoneInvalid') : undefined)
        }
        hint={
          phone ? (
            <span aria-live="polite">
              <span class="ok">✓ +{phone}</span>{' '}
              <a href={waMeLink(phone, t('testMessage'))} target="_blank" rel="noopener noreferrer">
                {t('sendTestMessage')}
              </a>
            </span>
          ) : (
            t('phoneHint')
          )
        }
      />
    </>
  )
}
