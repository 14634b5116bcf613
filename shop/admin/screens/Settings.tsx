import { useEffect, useState } from 'preact/hooks'
import { api, type Shop, shopPath } from '../api.ts'
import { type FieldErrors, FormError } from '../components/Field.tsx'
import { t } from '../i18n.ts'
import '../i18n-discounts.ts'
import { setDirty } from '../router.ts'
import { settingsErrors } from '../settings-errors.ts'
import { activeShop, replaceShop, toast } from '../state.ts'
import { composePhone } from '../wizard-logic.ts'
import { Account } from './Account.tsx'
import { PaymentSettings } from './PaymentSettings.tsx'
import { ChannelsSection } from './settings/ChannelsSection.tsx'
import { LogoCard } from './settings/LogoCard.tsx'
import { OpeningHoursSection } from './settings/OpeningHoursSection.tsx'
import { MoneyFields, NameFields, OrderFields } from './settings/ShopFields.tsx'
import { type Draft, draftErrors, draftOf, patchOf } from './settings/settings-form.ts'
import { WhatsAppFields } from './settings/WhatsAppFields.tsx'
import { WhatsAppStatus } from './WhatsAppStatus.tsx'
import { WhatsAppUsage } from './WhatsAppUsage.tsx'

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
  const section = { draft, set, errors }

  const save = async (e: Event) => {
    e.preventDefault()
    const local = draftErrors(draft)
    setErrors(local)
    if (Object.keys(local).length > 0) return
    setBusy(true)
    try {
      const updated = await api.patch<Shop>(shopPath(slug), patchOf(draft, shop, phone))
      replaceShop(updated)
      setDraft(draftOf(updated))
      toast(t('saved'))
    } catch (error) {
      setErrors(settingsErrors(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('navSettings')}</h1>
      <form onSubmit={save} class="card form-grid" noValidate>
        <FormError error={errors._form} />
        <NameFields {...section} />
        <WhatsAppFields {...section} phone={phone} />
        <MoneyFields {...section} />
        <OrderFields {...section} />
        <OpeningHoursSection {...section} />
        <ChannelsSection {...section} />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy || !dirty}>
            {busy ? t('wait') : t('save')}
          </button>
        </div>
      </form>
      <LogoCard slug={slug} shop={shop} error={errors.logoImage} onErrors={setErrors} />
      <PaymentSettings slug={slug} shop={shop} />
      <WhatsAppStatus slug={slug} phoneNumberId={shop.whatsappPhoneNumberId} />
      <WhatsAppUsage slug={slug} />
      <Account />
    </section>
  )
}
