import { ApiError, api, type Shop, shopPath, type UploadedImage } from '../../api.ts'
import { errorsFrom } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { navigate, setDirty, shopUrl } from '../../router.ts'
import { reloadShops } from '../../state.ts'
import type { WizardState } from './use-wizard.ts'
import { STEP_OF_FIELD, slugProblem } from './wizard-steps.ts'

/** Creates the shop from what the wizard gathered; on a refusal, back to the step at fault. */
async function createShop(w: WizardState) {
  w.setBusy(true)
  try {
    const created = await api.post<Shop>('/api/shops', {
      name: w.name.trim(),
      slug: w.slug,
      whatsappPhone: w.phone ?? w.typedPhone,
      currency: w.currency,
      locale: w.shopLocale,
      timezone: w.timezone.trim(),
    })
    w.setShop(created)
    setDirty('wizard', false)
    await reloadShops()
    w.go('logo')
  } catch (error) {
    const found = errorsFrom(error)
    if (error instanceof ApiError && error.field === 'slug') {
      found.slug = slugProblem(error.code === 'taken' ? 'taken' : 'invalid')
    }
    const field = Object.keys(found)[0] ?? '_form'
    w.setErrors(found)
    w.setStep(STEP_OF_FIELD[field] ?? w.step)
  } finally {
    w.setBusy(false)
  }
}

/** Uploads the logo and makes it the new shop's. */
export async function uploadLogo(w: WizardState, file: File) {
  const { shop } = w
  if (!shop) return
  w.setBusy(true)
  w.setErrors({})
  try {
    const form = new FormData()
    form.append('file', file)
    const image = await api.post<UploadedImage>(shopPath(shop.slug, '/images'), form)
    await api.patch<Shop>(shopPath(shop.slug), { logoImage: image.hash })
    w.setLogo(image)
  } catch (error) {
    w.setErrors({ logo: Object.values(errorsFrom(error))[0] ?? t('somethingWrong') })
  } finally {
    w.setBusy(false)
  }
}

async function finish(w: WizardState) {
  const { shop } = w
  if (!shop) return
  await reloadShops()
  navigate(shopUrl(shop.slug, '/share?welcome=1'), { force: true })
}

/** The form's submit: checks the step, then moves on, creates the shop or finishes. */
export function next(w: WizardState, e: Event) {
  e.preventDefault()
  const { step, availability } = w
  if (step === 'name') {
    if (!w.name.trim()) return w.setErrors({ name: t('required') })
    return w.go('slug')
  }
  if (step === 'slug') {
    if (availability.state === 'done' && !availability.available) {
      return w.setErrors({ slug: slugProblem(availability.code, availability.reason) })
    }
    if (!w.slug) return w.setErrors({ slug: t('required') })
    return w.go('phone')
  }
  if (step === 'phone') {
    if (!w.phone) return w.setErrors({ whatsappPhone: t('phoneInvalid') })
    return w.go('money')
  }
  if (step === 'money') return void createShop(w)
  return void finish(w)
}
