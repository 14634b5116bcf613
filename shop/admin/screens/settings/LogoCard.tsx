import { api, type Shop, shopPath, type UploadedImage } from '../../api.ts'
import { Field } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { settingsErrors } from '../../settings-errors.ts'
import { replaceShop, toast } from '../../state.ts'

/** Uploads a logo and makes it the shop's; says why not in `fail`. */
async function uploadLogo(slug: string, file: File, fail: (error: string) => void) {
  try {
    const form = new FormData()
    form.append('file', file)
    const image = await api.post<UploadedImage>(shopPath(slug, '/images'), form)
    replaceShop(await api.patch<Shop>(shopPath(slug), { logoImage: image.hash }))
    toast(t('saved'))
  } catch (error) {
    fail(Object.values(settingsErrors(error))[0] ?? '')
  }
}

/** The shop's logo, replaced as soon as a new one is picked. */
export function LogoCard(props: {
  slug: string
  shop: Shop
  error: string | undefined
  onErrors: (errors: Record<string, string>) => void
}) {
  const { slug, shop, onErrors } = props
  return (
    <div class="card">
      <h2>{t('logo')}</h2>
      <Field id="s-logo" label={t('uploadLogo')} error={props.error} hint={t('logoHint')}>
        {(describedBy) => (
          <div class="logo-upload">
            <div class="logo-preview">
              {shop.logoUrl ? (
                <img src={shop.logoUrl} alt={t('logoPreview')} width={96} height={96} />
              ) : (
                <span aria-hidden="true">{shop.name.slice(0, 1)}</span>
              )}
            </div>
            <input
              id="s-logo"
              type="file"
              accept="image/png,image/jpeg,image/webp"
              aria-describedby={describedBy}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0]
                if (!file) return
                onErrors({})
                void uploadLogo(slug, file, (logoImage) => onErrors({ logoImage }))
              }}
            />
          </div>
        )}
      </Field>
    </div>
  )
}
