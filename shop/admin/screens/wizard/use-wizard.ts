import { useEffect, useState } from 'preact/hooks'
import { SUPPORTED_LOCALES } from '../../../../core/locale.ts'
import type { Shop, UploadedImage } from '../../api.ts'
import type { FieldErrors } from '../../components/Field.tsx'
import { COUNTRIES } from '../../countries.ts'
import { setDirty } from '../../router.ts'
import { browserDefaults, composePhone } from '../../wizard-logic.ts'
import { useSlug } from './use-slug.ts'
import { STEPS, type Step } from './wizard-steps.ts'

/** Everything the wizard's steps show and change: what was typed, where it is, what went wrong. */
export type WizardState = ReturnType<typeof useWizard>

/** The wizard's state, prefilled from the browser's languages and time zone. */
export function useWizard() {
  const languages = typeof navigator === 'undefined' ? ['en-US'] : navigator.languages
  const defaults = browserDefaults(languages)
  const [step, setStep] = useState<Step>('name')
  const [name, setName] = useState('')
  const { slug, availability, edit: editSlug } = useSlug(name)
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

  useEffect(() => {
    setDirty('wizard', name !== '' && !shop)
    return () => setDirty('wizard', false)
  }, [name, shop])

  const dial = COUNTRIES.find((c) => c[0] === region)?.[1] ?? defaults.dial
  const go = (to: Step) => {
    setErrors({})
    setStep(to)
  }
  return {
    step,
    setStep,
    index: STEPS.indexOf(step),
    go,
    name,
    setName,
    slug,
    availability,
    editSlug,
    region,
    setRegion,
    typedPhone,
    setTypedPhone,
    phone: composePhone(dial, typedPhone),
    currency,
    setCurrency,
    timezone,
    setTimezone,
    shopLocale,
    setShopLocale,
    shop,
    setShop,
    logo,
    setLogo,
    errors,
    setErrors,
    busy,
    setBusy,
  }
}
