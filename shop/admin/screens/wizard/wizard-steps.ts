import { t } from '../../i18n.ts'

/** The wizard's steps, in order. */
export const STEPS = ['name', 'slug', 'phone', 'money', 'logo'] as const
export type Step = (typeof STEPS)[number]

/** The step that asks for each field the API may reject, to go back to it. */
export const STEP_OF_FIELD: Record<string, Step> = {
  name: 'name',
  slug: 'slug',
  whatsappPhone: 'phone',
  currency: 'money',
  timezone: 'money',
  locale: 'money',
}

/** Whether the address typed or suggested is free, as far as the server said. */
export type Availability =
  | { state: 'idle' | 'checking' }
  | { state: 'done'; available: boolean; code?: string | undefined; reason?: string | undefined }

/** Why an address cannot be used, in the merchant's language, from the API's code. */
export function slugProblem(code: string | undefined, reason?: string): string {
  if (code === 'taken') return t('slugTaken')
  if (code === 'reserved') return t('slugReserved')
  if (code === 'invalid') return t('slugInvalid')
  return reason ?? t('slugTaken')
}

/** Where the admin runs, which is where the shop's address will live. */
export function pageOrigin(): string {
  return typeof location === 'undefined' ? '' : location.origin
}
