import { useEffect, useState } from 'preact/hooks'
import { SUPPORTED_LOCALES } from '../../../core/locale.ts'
import {
  api,
  SHOP_CHANNELS,
  type Shop,
  type ShopChannel,
  shopPath,
  type UploadedImage,
} from '../api.ts'
import { Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { focusLater, HoursEditor, WEEK, type WeekHours } from '../components/HoursEditor.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import { COUNTRIES, countryName, currencyCodes } from '../countries.ts'
import { languageName, locale, type StringKey, t } from '../i18n.ts'
import '../i18n-discounts.ts'
import { setDirty } from '../router.ts'
import { settingsErrors } from '../settings-errors.ts'
import { activeShop, replaceShop, toast } from '../state.ts'
import { composePhone, splitPhone, waMeLink } from '../wizard-logic.ts'
import { Account } from './Account.tsx'
import { PaymentSettings } from './PaymentSettings.tsx'
import { WhatsAppStatus } from './WhatsAppStatus.tsx'
import { WhatsAppUsage } from './WhatsAppUsage.tsx'

interface Draft {
  name: string
  description: string
  dial: string
  phone: string
  whatsappPhoneNumberId: string
  metaCatalogId: string
  currency: string
  locale: string
  address: string
  published: boolean
  orderExpiryHours: string
  minOrderAmount: number | null
  timezone: string
  showHours: boolean
  hours: WeekHours
  closedDates: { date: string; label: string }[]
  channels: Record<ShopChannel, string>
}

/** Every IANA time zone this browser knows, for the searchable list. */
const TIME_ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? []
const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

const CHANNEL_LABELS: Record<ShopChannel, StringKey> = {
  instagram: 'channelInstagramLabel',
  messenger: 'channelMessengerLabel',
  telegram: 'channelTelegramLabel',
  sms: 'channelSmsLabel',
  email: 'channelEmailLabel',
  phone: 'channelPhoneLabel',
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone !== ''
  } catch {
    return false
  }
}

/** The wall-clock time now in a zone, for the hint beside the time zone. */
function timeIn(zone: string): string {
  if (!isTimeZone(zone)) return '–'
  return new Intl.DateTimeFormat(locale.value, {
    timeZone: zone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date())
}

/** Checks the browser can make before sending: both times of every range, a known time zone. */
function draftErrors(draft: Draft): FieldErrors {
  const errors: FieldErrors = {}
  if (draft.showHours) {
    for (const day of WEEK) {
      if (draft.hours[day].some(([from, to]) => !from || !to))
        errors[`businessHours.${day}`] = t('errTimeMissing')
    }
  }
  draft.closedDates.forEach((c, i) => {
    if (!c.date) errors[`closedDates.${i}.date`] = t('errClosedDate')
  })
  if (!isTimeZone(draft.timezone)) errors.timezone = t('errTimeZone')
  return errors
}

function draftOf(shop: Shop): Draft {
  const { dial, national } = splitPhone(shop.whatsappPhone, '1')
  return {
    name: shop.name,
    description: shop.description,
    dial,
    phone: national,
    whatsappPhoneNumberId: shop.whatsappPhoneNumberId ?? '',
    metaCatalogId: shop.metaCatalogId ?? '',
    currency: shop.currency,
    locale: shop.locale,
    address: shop.address,
    published: shop.published,
    orderExpiryHours: String(shop.orderExpiryHours),
    minOrderAmount: shop.minOrderAmount ?? null,
    timezone: shop.timezone,
    showHours: shop.businessHours !== null,
    hours: Object.fromEntries(
      WEEK.map((day) => [day, shop.businessHours?.[day] ?? []]),
    ) as WeekHours,
    closedDates: shop.closedDates.map((c) => ({ date: c.date, label: c.label ?? '' })),
    channels: Object.fromEntries(SHOP_CHANNELS.map((c) => [c, shop.channels[c] ?? ''])) as Record<
      ShopChannel,
      string
    >,
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
  const device = deviceTimeZone()

  const save = async (e: Event) => {
    e.preventDefault()
    const local = draftErrors(draft)
    setErrors(local)
    if (Object.keys(local).length > 0) return
    setBusy(true)
    try {
      const updated = await api.patch<Shop>(shopPath(slug), {
        name: draft.name,
        description: draft.description,
        whatsappPhone: phone ?? draft.phone,
        whatsappPhoneNumberId: draft.whatsappPhoneNumberId.trim() || null,
        metaCatalogId: draft.metaCatalogId.trim() || null,
        currency: draft.currency,
        locale: draft.locale,
        address: draft.address,
        published: draft.published,
        orderExpiryHours: Number(draft.orderExpiryHours),
        // Sent once the shop has (or is given) a minimum, so servers without the setting still save.
        ...(draft.minOrderAmount !== null || shop.minOrderAmount != null
          ? { minOrderAmount: draft.minOrderAmount }
          : {}),
        timezone: draft.timezone,
        businessHours: draft.showHours
          ? Object.fromEntries(WEEK.map((day) => [day, draft.hours[day]]))
          : null,
        closedDates: draft.closedDates.map((c) =>
          c.label.trim() ? { date: c.date, label: c.label.trim() } : { date: c.date },
        ),
        channels: Object.fromEntries(
          SHOP_CHANNELS.flatMap((c) =>
            draft.channels[c].trim() ? [[c, draft.channels[c].trim()]] : [],
          ),
        ),
      })
      replaceShop(updated)
      setDraft(draftOf(updated))
      toast(t('saved'))
    } catch (error) {
      setErrors(settingsErrors(error))
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
      setErrors({ logoImage: Object.values(settingsErrors(error))[0] ?? '' })
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
        <TextField
          id="s-meta-catalog"
          label={t('metaCatalogId')}
          value={draft.metaCatalogId}
          onValue={(metaCatalogId) => set({ metaCatalogId })}
          error={errors.metaCatalogId}
          inputMode="numeric"
          hint={t('metaCatalogIdHint')}
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
        <MoneyInput
          id="s-min-order"
          label={t('shopMinOrder')}
          hint={t('shopMinOrderHint')}
          currency={draft.currency}
          value={draft.minOrderAmount}
          onValue={(minOrderAmount) => set({ minOrderAmount })}
          error={errors.minOrderAmount}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={draft.published}
            onChange={(e) => set({ published: e.currentTarget.checked })}
          />
          {t('published')}
        </label>
        <h2>{t('openingHours')}</h2>
        <Field
          id="s-timezone"
          label={t('timeZone')}
          error={errors.timezone}
          hint={
            <>
              {t('timeZoneHint', { time: timeIn(draft.timezone) })}
              {draft.timezone !== device && isTimeZone(device) && (
                <>
                  {' '}
                  <button type="button" class="linkish" onClick={() => set({ timezone: device })}>
                    {t('useDeviceTimeZone', { zone: device })}
                  </button>
                </>
              )}
            </>
          }
        >
          {(describedBy, invalid) => (
            <>
              <input
                id="s-timezone"
                list="s-timezones"
                value={draft.timezone}
                autoComplete="off"
                spellcheck={false}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => set({ timezone: e.currentTarget.value.trim() })}
              />
              <datalist id="s-timezones">
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <label class="check">
          <input
            type="checkbox"
            checked={draft.showHours}
            onChange={(e) => set({ showHours: e.currentTarget.checked })}
          />
          {t('showHours')}
        </label>
        {draft.showHours && (
          <>
            <p class="hint">{t('hoursHint')}</p>
            <HoursEditor hours={draft.hours} errors={errors} onChange={(hours) => set({ hours })} />
            <h3 id="s-closed-title">{t('closedDates')}</h3>
            <p class="hint" id="s-closed-hint">
              {t('closedDatesHint')}
            </p>
            {draft.closedDates.length === 0 && <p class="muted">{t('noClosedDates')}</p>}
            <ul class="closed-dates" aria-labelledby="s-closed-title">
              {draft.closedDates.map((c, i) => {
                const put = (patch: Partial<{ date: string; label: string }>) =>
                  set({
                    closedDates: draft.closedDates.map((d, j) =>
                      j === i ? { ...d, ...patch } : d,
                    ),
                  })
                return (
                  <li key={i} class="closed-date">
                    <Field
                      id={`s-closed-${i}-date`}
                      label={t('closedDate')}
                      error={errors[`closedDates.${i}.date`] ?? errors[`closedDates.${i}`]}
                    >
                      {(describedBy, invalid) => (
                        <input
                          id={`s-closed-${i}-date`}
                          type="date"
                          value={c.date}
                          aria-describedby={describedBy}
                          aria-invalid={invalid || undefined}
                          onInput={(e) => put({ date: e.currentTarget.value })}
                        />
                      )}
                    </Field>
                    <TextField
                      id={`s-closed-${i}-label`}
                      label={t('closedDateReason')}
                      value={c.label}
                      maxLength={100}
                      onValue={(label) => put({ label })}
                      error={errors[`closedDates.${i}.label`]}
                    />
                    <button
                      type="button"
                      class="secondary small closed-remove"
                      aria-label={t('removeClosedDate', { date: c.date || String(i + 1) })}
                      onClick={() => {
                        set({ closedDates: draft.closedDates.filter((_, j) => j !== i) })
                        focusLater('s-closed-add')
                      }}
                    >
                      {t('removeRange')}
                    </button>
                  </li>
                )
              })}
            </ul>
            {errors.closedDates && (
              <p class="error" role="alert">
                {errors.closedDates}
              </p>
            )}
            <div class="actions">
              <button
                id="s-closed-add"
                type="button"
                class="secondary small"
                disabled={draft.closedDates.length >= 100}
                aria-describedby="s-closed-hint"
                onClick={() =>
                  set({ closedDates: [...draft.closedDates, { date: '', label: '' }] })
                }
              >
                {t('addClosedDate')}
              </button>
            </div>
          </>
        )}
        <h2>{t('otherChannels')}</h2>
        <p class="hint">{t('otherChannelsHint')}</p>
        <div class="row channel-fields">
          {SHOP_CHANNELS.map((channel) => (
            <TextField
              key={channel}
              id={`s-channel-${channel}`}
              label={t(CHANNEL_LABELS[channel])}
              type={
                channel === 'email'
                  ? 'email'
                  : channel === 'sms' || channel === 'phone'
                    ? 'tel'
                    : 'text'
              }
              autoComplete="off"
              maxLength={200}
              value={draft.channels[channel]}
              onValue={(value) => set({ channels: { ...draft.channels, [channel]: value } })}
              error={errors[`channels.${channel}`]}
            />
          ))}
        </div>
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
      <PaymentSettings slug={slug} shop={shop} />
      <WhatsAppStatus slug={slug} phoneNumberId={shop.whatsappPhoneNumberId} />
      <WhatsAppUsage slug={slug} />
      <Account />
    </section>
  )
}
