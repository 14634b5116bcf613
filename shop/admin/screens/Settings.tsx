import { useEffect, useState } from 'preact/hooks'
import { SUPPORTED_LOCALES } from '../../../core/locale.ts'
import { api, type Shop, shopPath, type UploadedImage } from '../api.ts'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { COUNTRIES, countryName, currencyCodes } from '../countries.ts'
import { languageName, locale, t } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeShop, replaceShop, toast } from '../state.ts'
import { composePhone, splitPhone, waMeLink } from '../wizard-logic.ts'
import { Account } from './Account.tsx'
import { WhatsAppStatus } from './WhatsAppStatus.tsx'

interface Draft {
  name: string
  description: string
  dial: string
  phone: string
  whatsappPhoneNumberId: string
  currency: string
  locale: string
  address: string
  published: boolean
  orderExpiryHours: string
}

function draftOf(shop: Shop): Draft {
  const { dial, national } = splitPhone(shop.whatsappPhone, '1')
  return {
    name: shop.name,
    description: shop.description,
    dial,
    phone: national,
    whatsappPhoneNumberId: shop.whatsappPhoneNumberId ?? '',
    currency: shop.currency,
    locale: shop.locale,
    address: shop.address,
    published: shop.published,
    orderExpiryHours: String(shop.orderExpiryHours),
  }
}

/** The shop's settings: name, description, WhatsApp, money, language, logo, visibility. */
export function Settings({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [draft, setDraft] = useState<Draft | null>(shop ? draftOf(shop) : null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const dirty = Boolean(shop && draft && JSON.stringify(draftOf(shop)) !== JSON.stringify(draft))

  useEffect(() => {
    setDirty('settings', dirty)
    return () => setDirty('settings', false)
  }, [dirty])

  if (!shop || !draft) return null
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const phone = composePhone(draft.dial, draft.phone)

  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      const updated = await api.patch<Shop>(shopPath(slug), {
        name: draft.name,
        description: draft.description,
        whatsappPhone: phone ?? draft.phone,
        whatsappPhoneNumberId: draft.whatsappPhoneNumberId.trim() || null,
        currency: draft.currency,
        locale: draft.locale,
        address: draft.address,
        published: draft.published,
        orderExpiryHours: Number(draft.orderExpiryHours),
      })
      replaceShop(updated)
      setDraft(draftOf(updated))
      toast(t('saved'))
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setBusy(false)
    }
  }

  const uploadLogo = async (file: File) => {
    setErrors({})
    try {
      const form = new FormData()
      form.append('file', file)
      const image = await api.post<UploadedImage>(shopPath(slug, '/images'), form)
      replaceShop(await api.patch<Shop>(shopPath(slug), { logoImage: image.hash }))
      toast(t('saved'))
    } catch (error) {
      setErrors({ logoImage: Object.values(errorsFrom(error))[0] ?? '' })
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('navSettings')}</h1>
      <form onSubmit={save} class="card form-grid" noValidate>
        <FormError error={errors._form} />
        <TextField
          id="s-name"
          label={t('shopName')}
          value={draft.name}
          onValue={(name) => set({ name })}
          error={errors.name}
          maxLength={100}
          required
        />
        <Field id="s-description" label={t('description')} error={errors.description}>
          {(describedBy) => (
            <textarea
              id="s-description"
              rows={3}
              maxLength={2000}
              value={draft.description}
              aria-describedby={describedBy}
              onInput={(e) => set({ description: e.currentTarget.value })}
            />
          )}
        </Field>
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
                <a
                  href={waMeLink(phone, t('testMessage'))}
                  target="_blank"
                  rel="noopener noreferrer"
                >
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
        <div class="row">
          <Field id="s-currency" label={t('currency')} error={errors.currency}>
            {() => (
              <select
                id="s-currency"
                value={draft.currency}
                onChange={(e) => set({ currency: e.currentTarget.value })}
              >
                {currencyCodes().map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="s-locale" label={t('shopLanguage')} error={errors.locale}>
            {() => (
              <select
                id="s-locale"
                value={draft.locale}
                onChange={(e) => set({ locale: e.currentTarget.value })}
              >
                {SUPPORTED_LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {languageName(l)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <TextField
          id="s-address"
          label={t('address')}
          value={draft.address}
          onValue={(address) => set({ address })}
          error={errors.address}
          maxLength={500}
        />
        <TextField
          id="s-order-expiry"
          label={t('orderExpiryHours')}
          hint={t('orderExpiryHint')}
          type="number"
          inputMode="numeric"
          value={draft.orderExpiryHours}
          onValue={(orderExpiryHours) => set({ orderExpiryHours })}
          error={errors.orderExpiryHours}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={draft.published}
            onChange={(e) => set({ published: e.currentTarget.checked })}
          />
          {t('published')}
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || !dirty}>
            {busy ? t('wait') : t('save')}
          </button>
        </div>
      </form>
      <div class="card">
        <h2>{t('logo')}</h2>
        <Field id="s-logo" label={t('uploadLogo')} error={errors.logoImage} hint={t('logoHint')}>
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
                  if (file) void uploadLogo(file)
                }}
              />
            </div>
          )}
        </Field>
      </div>
      <WhatsAppStatus slug={slug} phoneNumberId={shop.whatsappPhoneNumberId} />
      <Account />
    </section>
  )
}
