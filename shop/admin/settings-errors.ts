import { ApiError } from './api.ts'
import type { FieldErrors } from './components/Field.tsx'
import { type StringKey, t } from './i18n.ts'

// What the shop settings API answers, in the admin's words: by error code first (codes that
// mean the same wherever they occur), then by the field the code names.
const BY_CODE: Record<string, StringKey> = {
  overlap: 'errHoursOverlap',
  duplicate: 'errClosedDuplicate',
  taken: 'errNumberIdTaken',
  unknown_number_id: 'errUnknownNumberId',
  number_mismatch: 'errNumberMismatch',
  graph_unreachable: 'errGraphUnreachable',
  rate_limited: 'errRateLimited',
  payload_too_large: 'errImage',
  unsupported_image: 'errImage',
  not_found: 'errImage',
}

// Fields by their path with indexes and weekdays taken out (`closedDates.3.date` → `closedDates.date`).
const BY_FIELD: Record<string, StringKey> = {
  name: 'errShopName',
  description: 'errDescription',
  whatsappPhone: 'phoneInvalid',
  whatsappPhoneNumberId: 'errNumberId',
  metaCatalogId: 'errMetaCatalogId',
  currency: 'errSettingsInvalid',
  locale: 'errSettingsInvalid',
  timezone: 'errTimeZone',
  address: 'errAddress',
  orderExpiryHours: 'errExpiryHours',
  businessHours: 'errHoursTime',
  closedDates: 'errClosedTooMany',
  'closedDates.date': 'errClosedDate',
  'closedDates.label': 'errClosedLabel',
  'channels.email': 'errEmail',
  'channels.phone': 'errChannelPhone',
  'channels.sms': 'errChannelPhone',
  'channels.instagram': 'errHandle',
  'channels.messenger': 'errHandle',
  'channels.telegram': 'errHandle',
  logoImage: 'errImage',
  file: 'errImage',
}

/** `closedDates.3.date` → `closedDates.date`; `businessHours.mon.0.1` → `businessHours`. */
function fieldKind(field: string): string {
  if (field.startsWith('businessHours')) return 'businessHours'
  return field
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.')
}

/**
 * Field errors of a failed settings request, translated by the server's error code and field
 * and keyed by the field path the server named (`closedDates.0.date`), so each shows beside its
 * control. A request that names no field, or one we cannot place, becomes a form error.
 */
export function settingsErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return { _form: t('somethingWrong') }
  const field = error.field
  const key =
    BY_CODE[error.code] ?? (field ? BY_FIELD[fieldKind(field)] : undefined) ?? 'errSettingsInvalid'
  return { [field ?? '_form']: t(key) }
}

/** The first error among `errors` whose field is `prefix` or lies under it (`businessHours.mon…`). */
export function errorUnder(errors: FieldErrors, prefix: string): string | undefined {
  const found = Object.keys(errors).find((k) => k === prefix || k.startsWith(`${prefix}.`))
  return found ? errors[found] : undefined
}
