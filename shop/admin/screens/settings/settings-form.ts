import { SHOP_CHANNELS, type Shop, type ShopChannel } from '../../api.ts'
import type { FieldErrors } from '../../components/Field.tsx'
import { WEEK, type WeekHours } from '../../components/HoursEditor.tsx'
import { locale, t } from '../../i18n.ts'
import { splitPhone } from '../../wizard-logic.ts'

/** The settings form as the merchant edits it: text as typed, the phone in two parts. */
export interface Draft {
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

/** What each section of the form gets: the draft, a way to change it and the errors to show. */
export interface SectionProps {
  draft: Draft
  set: (patch: Partial<Draft>) => void
  errors: FieldErrors
}

/** Every IANA time zone this browser knows, for the searchable list. */
export const TIME_ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? []
export const deviceTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone !== ''
  } catch {
    return false
  }
}

/** The wall-clock time now in a zone, for the hint beside the time zone. */
export function timeIn(zone: string): string {
  if (!isTimeZone(zone)) return '–'
  return new Intl.DateTimeFormat(locale.value, {
    timeZone: zone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date())
}

/** Checks the browser can make before sending: both times of every range, a known time zone. */
export function draftErrors(draft: Draft): FieldErrors {
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

/** The form's draft of a shop as the server sent it. */
export function draftOf(shop: Shop): Draft {
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

/** What `PATCH /api/shops/:slug` gets for a draft (`phone` is the full number, when valid). */
export function patchOf(draft: Draft, shop: Shop, phone: string | null) {
  return {
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
  }
}
