import { Field } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import type { WizardState } from './use-wizard.ts'
import { uploadLogo } from './wizard-actions.ts'

/** Step 5: the logo, uploaded as soon as it is picked, with its preview. */
export function LogoStep({ wizard: w }: { wizard: WizardState }) {
  return (
    <Field id="logo" label={t('logo')} error={w.errors.logo} hint={t('logoHint')}>
      {(describedBy) => (
        <div class="logo-upload">
          <div class="logo-preview">
            {w.logo ? (
              <img src={w.logo.thumbUrl} alt={t('logoPreview')} width={96} height={96} />
            ) : (
              <span aria-hidden="true">{w.name.slice(0, 1).toUpperCase()}</span>
            )}
          </div>
          <input
            id="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={describedBy}
            disabled={w.busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              if (file) void uploadLogo(w, file)
            }}
          />
        </div>
      )}
    </Field>
  )
}
