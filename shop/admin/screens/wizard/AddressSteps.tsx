import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { AddressPreview } from './AddressPreview.tsx'
import type { WizardState } from './use-wizard.ts'
import { pageOrigin } from './wizard-steps.ts'

/** Step 1: the shop's name, with the address the server suggests from it. */
export function NameStep({ wizard: w }: { wizard: WizardState }) {
  return (
    <TextField
      id="shop-name"
      label={t('shopName')}
      value={w.name}
      onValue={w.setName}
      error={w.errors.name}
      maxLength={100}
      autoComplete="organization"
      hint={
        <>
          {t('shopNameHint')}
          {w.name.trim() !== '' && (
            <>
              <br />
              {t('yourAddress')}{' '}
              <AddressPreview origin={pageOrigin()} slug={w.slug} availability={w.availability} />
            </>
          )}
        </>
      }
      required
    />
  )
}

/** Step 2: the shop's address, checked as the merchant types. */
export function SlugStep({ wizard: w }: { wizard: WizardState }) {
  return (
    <TextField
      id="shop-slug"
      label={t('shopAddress')}
      value={w.slug}
      onValue={(v) => {
        w.setErrors({})
        w.editSlug(v)
      }}
      error={w.errors.slug}
      maxLength={40}
      autoComplete="off"
      spellcheck={false}
      hint={
        <AddressPreview
          origin={pageOrigin()}
          slug={w.slug}
          // The error below the field already says why; the hint does not repeat it.
          availability={w.errors.slug ? { state: 'idle' } : w.availability}
        />
      }
    />
  )
}
