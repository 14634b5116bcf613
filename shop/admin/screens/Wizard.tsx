import { useEffect, useRef, useState } from 'preact/hooks'
import { SUPPORTED_LOCALES } from '../../../core/locale.ts'
import { ApiError, api, type Shop, shopPath, type UploadedImage } from '../api.ts'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { COUNTRIES, countryName, currencyCodes } from '../countries.ts'
import { languageName, locale, t } from '../i18n.ts'
import { navigate, setDirty, shopUrl } from '../router.ts'
import { reloadShops } from '../state.ts'
import { browserDefaults, composePhone, waMeLink } from '../wizard-logic.ts'

const STEPS = ['name', 'slug', 'phone', 'money', 'logo'] as const
type Step = (typeof STEPS)[number]

const STEP_OF_FIELD: Record<string, Step> = {
  name: 'name',
  slug: 'slug',
  whatsappPhone: 'phone',
  currency: 'money',
  timezone: 'money',
  locale: 'money',
}

type Availability =
  | { state: 'idle' | 'checking' }
  | { state: 'done'; available: boolean; code?: string | undefined; reason?: string | undefined }

/** Why an address cannot be used, in the merchant's language, from the API's code. */
function slugProblem(code: string | undefined, reason?: string): string {
  if (code === 'taken') return t('slugTaken')
  if (code === 'reserved') return t('slugReserved')
  if (code === 'invalid') return t('slugInvalid')
  return reason ?? t('slugTaken')
}

/** The shop's future address as the merchant types, and whether it is free. */
function AddressPreview(props: { origin: string; slug: string; availability: Availability }) {
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

/** The first-run wizard: name → address → WhatsApp number → currency and language → logo. */
export function Wizard() {
  const languages = typeof navigator === 'undefined' ? ['en-US'] : navigator.languages
  const defaults = browserDefaults(languages)
  const [step, setStep] = useState<Step>('name')
  const [name, setName] = useState('')
  const [slug, setSlug] = useState('')
  const [slugEdited, setSlugEdited] = useState(false)
  const [availability, setAvailability] = useState<Availability>({ state: 'idle' })
  const [region, setRegion] = useState(defaults.region)
  const [typedPhone, setTypedPhone] = useState('')
  const [currency, setCurrency] = useState(defaults.currency)
  // The device's zone is only a suggestion, shown and editable: hours are read in it.
  const [timezone, setTimezone] = useState(
    () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  )
  const [shopLocale, setShopLocale] = useState<string>(
    SUPPORTED_LOCALES.find((l) => languages[0]?.toLowerCase().startsWith(l)) ?? 'en',
  )
  const [shop, setShop] = useState<Shop | null>(null)
  const [logo, setLogo] = useState<UploadedImage | null>(null)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)

  const dial = COUNTRIES.find((c) => c[0] === region)?.[1] ?? defaults.dial
  const phone = composePhone(dial, typedPhone)
  const index = STEPS.indexOf(step)

  useEffect(() => {
    setDirty('wizard', name !== '' && !shop)
    return () => setDirty('wizard', false)
  }, [name, shop])

  useEffect(() => heading.current?.focus(), [step])

  // Until the merchant types an address, the server suggests one from the name: it transliterates
  // any script, with tables too heavy for the admin's bundle.
  useEffect(() => {
    if (slugEdited) return
    const typed = name.trim()
    if (typed === '') {
      setSlug('')
      setAvailability({ state: 'idle' })
      return
    }
    setAvailability({ state: 'checking' })
    let live = true
    const timer = setTimeout(async () => {
      try {
        const res = await api.get<{ slug: string; available: boolean }>(
          `/api/slug-suggestion?name=${encodeURIComponent(typed)}`,
        )
        if (!live) return
        setSlug(res.slug)
        setAvailability(
          res.slug === ''
            ? { state: 'idle' }
            : {
                state: 'done',
                available: res.available,
                code: res.available ? undefined : 'taken',
              },
        )
      } catch {
        if (live) setAvailability({ state: 'idle' })
      }
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [name, slugEdited])

  // An address the merchant typed is checked as it changes.
  useEffect(() => {
    if (!slugEdited) return
    if (slug === '') {
      setAvailability({ state: 'idle' })
      return
    }
    setAvailability({ state: 'checking' })
    let live = true
    const timer = setTimeout(async () => {
      try {
        const res = await api.get<{ available: boolean; code?: string; reason?: string }>(
          `/api/slug-availability/${encodeURIComponent(slug)}`,
        )
        if (live) setAvailability({ state: 'done', ...res })
      } catch {
        if (live) setAvailability({ state: 'idle' })
      }
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [slug, slugEdited])

  const go = (to: Step) => {
    setErrors({})
    setStep(to)
  }

  const createShop = async () => {
    setBusy(true)
    try {
      const created = await api.post<Shop>('/api/shops', {
        name: name.trim(),
        slug,
        whatsappPhone: phone ?? typedPhone,
        currency,
        locale: shopLocale,
        timezone: timezone.trim(),
      })
      setShop(created)
      setDirty('wizard', false)
      await reloadShops()
      go('logo')
    } catch (error) {
      const found = errorsFrom(error)
      if (error instanceof ApiError && error.field === 'slug') {
        found.slug = slugProblem(error.code === 'taken' ? 'taken' : 'invalid')
      }
      const field = Object.keys(found)[0] ?? '_form'
      setErrors(found)
      setStep(STEP_OF_FIELD[field] ?? step)
    } finally {
      setBusy(false)
    }
  }

  const uploadLogo = async (file: File) => {
    if (!shop) return
    setBusy(true)
    setErrors({})
    try {
      const form = new FormData()
      form.append('file', file)
      const image = await api.post<UploadedImage>(shopPath(shop.slug, '/images'), form)
      await api.patch<Shop>(shopPath(shop.slug), { logoImage: image.hash })
      setLogo(image)
    } catch (error) {
      setErrors({ logo: Object.values(errorsFrom(error))[0] ?? t('somethingWrong') })
    } finally {
      setBusy(false)
    }
  }

  const finish = async () => {
    if (!shop) return
    await reloadShops()
    navigate(shopUrl(shop.slug, '/share?welcome=1'), { force: true })
  }

  const next = (e: Event) => {
    e.preventDefault()
    if (step === 'name') {
      if (!name.trim()) return setErrors({ name: t('required') })
      return go('slug')
    }
    if (step === 'slug') {
      if (availability.state === 'done' && !availability.available) {
        return setErrors({ slug: slugProblem(availability.code, availability.reason) })
      }
      if (!slug) return setErrors({ slug: t('required') })
      return go('phone')
    }
    if (step === 'phone') {
      if (!phone) return setErrors({ whatsappPhone: t('phoneInvalid') })
      return go('money')
    }
    if (step === 'money') return void createShop()
    return void finish()
  }

  const origin = typeof location === 'undefined' ? '' : location.origin
  return (
    <main class="wizard" id="main">
      <div class="wizard-card">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark" />
          Chatcart
        </p>
        <ol class="steps" aria-label={t('wizardProgress')}>
          {STEPS.map((s, i) => (
            <li
              key={s}
              class={i < index ? 'done' : i === index ? 'current' : ''}
              aria-current={i === index ? 'step' : undefined}
            >
              <span class="visually-hidden">{t(`step_${s}`)}</span>
            </li>
          ))}
        </ol>
        <form onSubmit={next} noValidate>
          <p class="muted step-count">{t('stepOf', { n: index + 1, total: STEPS.length })}</p>
          <h1 tabIndex={-1} ref={heading}>
            {t(`step_${step}`)}
          </h1>
          <FormError error={errors._form} />

          {step === 'name' && (
            <TextField
              id="shop-name"
              label={t('shopName')}
              value={name}
              onValue={setName}
              error={errors.name}
              maxLength={100}
              autoComplete="organization"
              hint={
                <>
                  {t('shopNameHint')}
                  {name.trim() !== '' && (
                    <>
                      <br />
                      {t('yourAddress')}{' '}
                      <AddressPreview origin={origin} slug={slug} availability={availability} />
                    </>
                  )}
                </>
              }
              required
            />
          )}

          {step === 'slug' && (
            <TextField
              id="shop-slug"
              label={t('shopAddress')}
              value={slug}
              onValue={(v) => {
                setSlugEdited(true)
                setErrors({})
                setSlug(v.toLowerCase().replace(/[^a-z0-9-]/g, ''))
              }}
              error={errors.slug}
              maxLength={40}
              autoComplete="off"
              spellcheck={false}
              hint={
                <AddressPreview
                  origin={origin}
                  slug={slug}
                  // The error below the field already says why; the hint does not repeat it.
                  availability={errors.slug ? { state: 'idle' } : availability}
                />
              }
            />
          )}

          {step === 'phone' && (
            <>
              <Field id="country" label={t('country')}>
                {() => (
                  <select
                    id="country"
                    value={region}
                    onChange={(e) => setRegion(e.currentTarget.value)}
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
                  setTypedPhone(v)
                  setErrors({})
                }}
                error={
                  errors.whatsappPhone ??
                  (typedPhone.length > 5 && !phone ? t('phoneInvalid') : undefined)
                }
                hint={
                  phone ? (
                    <span aria-live="polite">
                      <span class="ok">✓ +{phone}</span>{' '}
                      <a
                        href={waMeLink(phone, t('testMessage'))}
                        target="_blank"
                        rel="noopener noreferrer"
                      >
                        {t('sendTestMessage')}
                      </a>
                    </span>
                  ) : (
                    t('phoneHint')
                  )
                }
              />
            </>
          )}

          {step === 'money' && (
            <>
              <Field
                id="currency"
                label={t('currency')}
                error={errors.currency}
                hint={t('prefilled')}
              >
                {(describedBy) => (
                  <select
                    id="currency"
                    value={currency}
                    aria-describedby={describedBy}
                    onChange={(e) => setCurrency(e.currentTarget.value)}
                  >
                    {currencyCodes().map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="shop-locale" label={t('shopLanguage')} error={errors.locale}>
                {() => (
                  <select
                    id="shop-locale"
                    value={shopLocale}
                    onChange={(e) => setShopLocale(e.currentTarget.value)}
                  >
                    {SUPPORTED_LOCALES.map((l) => (
                      <option key={l} value={l}>
                        {languageName(l)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field
                id="shop-timezone"
                label={t('timeZone')}
                error={errors.timezone}
                hint={t('wizardTimeZoneHint')}
              >
                {(describedBy, invalid) => (
                  <>
                    <input
                      id="shop-timezone"
                      list="shop-timezones"
                      value={timezone}
                      autoComplete="off"
                      aria-describedby={describedBy}
                      aria-invalid={invalid}
                      onInput={(e) => setTimezone(e.currentTarget.value)}
                    />
                    <datalist id="shop-timezones">
                      {(Intl.supportedValuesOf?.('timeZone') ?? []).map((zone) => (
                        <option key={zone} value={zone} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
            </>
          )}

          {step === 'logo' && (
            <Field id="logo" label={t('logo')} error={errors.logo} hint={t('logoHint')}>
              {(describedBy) => (
                <div class="logo-upload">
                  <div class="logo-preview">
                    {logo ? (
                      <img src={logo.thumbUrl} alt={t('logoPreview')} width={96} height={96} />
                    ) : (
                      <span aria-hidden="true">{name.slice(0, 1).toUpperCase()}</span>
                    )}
                  </div>
                  <input
                    id="logo"
                    type="file"
                    accept="image/png,image/jpeg,image/webp"
                    aria-describedby={describedBy}
                    disabled={busy}
                    onChange={(e) => {
                      const file = e.currentTarget.files?.[0]
                      if (file) void uploadLogo(file)
                    }}
                  />
                </div>
              )}
            </Field>
          )}

          <div class="actions">
            {index > 0 && step !== 'logo' && (
              <button
                type="button"
                class="secondary"
                onClick={() => go(STEPS[index - 1] ?? 'name')}
              >
                {t('back')}
              </button>
            )}
            <button type="submit" class="primary" disabled={busy}>
              {busy
                ? t('wait')
                : step === 'money'
                  ? t('createShop')
                  : step === 'logo'
                    ? logo
                      ? t('finish')
                      : t('skipFinish')
                    : t('next')}
            </button>
          </div>
        </form>
      </div>
    </main>
  )
}
