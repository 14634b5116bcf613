import { Field, TextField } from '../../components/Field.tsx'
import { COUNTRIES, countryName } from '../../countries.ts'
import { locale, t } from '../../i18n.ts'
import { waMeLink } from '../../wizard-logic.ts'
import type { SectionProps } from './settings-form.ts'

/** The WhatsApp number (country and national part), its Cloud API id and the Meta catalog. */
export function WhatsAppFields(props: SectionProps & { phone: string | null }) {
  const { draft, set, errors, phone } = props
  return (
    <>
      <div class="row">
        <Field id="s-country" label={t('country')}>
          {() => (
            <select
              id="s-country"
              value={draft.dial}
              onChange={(e) => set({ dial: e.currentTarget.value })}
            >
              {[
                ...new Map(
                  COUNTRIES.map(([r, d]) => [d, `${countryName(r, locale.value)} (+${d})`]),
                ),
              ].map(([d, label]) => (
                <option key={d} value={d}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          id="s-phone"
          label={t('whatsappNumber')}
          type="tel"
          value={draft.phone}
          onValue={(p) => set({ phone: p })}
          error={errors.whatsappPhone ?? (phone ? undefined : t('phoneInvalid'))}
          hint={
            phone ? (
              <a href={waMeLink(phone, t('testMessage'))} target="_blank" rel="noopener noreferrer">
                {t('sendTestMessage')}
              </a>
            ) : undefined
          }
        />
      </div>
      <TextField
        id="s-number-id"
        label={t('phoneNumberId')}
        value={draft.whatsappPhoneNumberId}
        onValue={(v) => set({ whatsappPhoneNumberId: v })}
        error={errors.whatsappPhoneNumberId}
        inputMode="numeric"
        hint={t('phoneNumberIdHint')}
      />
      <TextField
        id="s-meta-catalog"
        label={t('metaCatalogId')}
        value={draft.metaCatalogId}
        onValue={(metaCatalogId) => set({ metaCatalogId })}
        error={errors.metaCatalogId}
        inputMode="numeric"
        hint={t('metaCatalogIdHint')}
      />
    </>
  )
}
