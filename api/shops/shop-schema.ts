import { z } from 'zod'
import { canonicalLocale, isValidLocale } from '../../core/locale.ts'
import { isCurrencyCode } from '../../core/money.ts'
import { normalizePhone } from '../../core/phone.ts'
import { paymentsSchema } from './payment-settings.ts'

/** Paths at the root of the site that a shop slug must never shadow. */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'widget.js',
  'widget',
  'media',
  'healthz',
  'webhooks',
  'o',
  'p',
  'assets',
  'static',
  'robots.txt',
  'sitemap.xml',
  'favicon.ico',
  'manifest.json',
  'login',
  'logout',
  'signup',
  'shop',
  'shops',
  'www',
  'help',
  'about',
  'terms',
  'privacy',
  'demo-admin',
  'new',
])

export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/,
    'use 3 to 40 of a-z, 0-9 and -, not starting or ending with -',
  )
  .refine((s) => !RESERVED_SLUGS.has(s), 'this address is reserved')

export const phoneSchema = z.string().transform((value, ctx) => {
  const digits = normalizePhone(value)
  if (!digits) {
    ctx.addIssue({
      code: 'custom',
      message: 'give the number with its country code, like +33 6 12 34 56 78',
    })
    return z.NEVER
  }
  return digits
})

export const currencySchema = z.string().refine(isCurrencyCode, 'not an ISO 4217 currency code')

export const localeSchema = z
  .string()
  .refine(isValidLocale, 'not a BCP 47 language tag')
  .transform((tag) => canonicalLocale(tag) ?? tag)

export const timezoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}, 'not an IANA time zone')

const time = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'use HH:MM')
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))
/** Whether a day's ranges overlap; a range whose end is not after its start runs past midnight. */
function overlapping(ranges: [string, string][]): boolean {
  const spans = ranges
    .map(([from, to]) => {
      const start = minutes(from)
      const end = minutes(to)
      return [start, end > start ? end : end + 1440] as const
    })
    .sort((a, b) => a[0] - b[0])
  return spans.some(([start], i) => i > 0 && start < (spans[i - 1]?.[1] ?? 0))
}
const dayHours = z
  .array(z.tuple([time, time]))
  .max(6)
  .refine((ranges) => !overlapping(ranges), {
    message: 'two ranges of this day overlap',
    params: { code: 'overlap' },
  })
export const weeklyHoursSchema = z.strictObject({
  mon: dayHours.optional(),
  tue: dayHours.optional(),
  wed: dayHours.optional(),
  thu: dayHours.optional(),
  fri: dayHours.optional(),
  sat: dayHours.optional(),
  sun: dayHours.optional(),
})

/** A real calendar day as `YYYY-MM-DD` (2026-02-30 is refused). */
const isoDate = z.iso.date('use YYYY-MM-DD')
export const closedDatesSchema = z
  .array(
    z.strictObject({
      date: isoDate,
      label: z.string().trim().max(100).optional(),
    }),
  )
  .max(100, 'at most 100 closed dates')
  .refine((list) => new Set(list.map((d) => d.date)).size === list.length, {
    message: 'a date is listed twice',
    params: { code: 'duplicate' },
  })
  // Kept in date order so the admin and the storefront read them as a calendar.
  .transform((list) =>
    [...list]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map(({ date, label }) => (label ? { date, label } : { date })),
  )

const handle = z.string().trim().min(1).max(200)
export const channelsSchema = z.strictObject({
  messenger: handle.optional(),
  instagram: handle.optional(),
  telegram: handle.optional(),
  sms: phoneSchema.optional(),
  email: z.email().optional(),
  phone: phoneSchema.optional(),
})

const settings = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000),
  whatsappPhone: phoneSchema,
  whatsappPhoneNumberId: z
    .string()
    .regex(/^\d{5,30}$/, 'digits only, as shown in Meta')
    .nullable(),
  currency: currencySchema,
  locale: localeSchema,
  timezone: timezoneSchema,
  address: z.string().max(500),
  businessHours: weeklyHoursSchema.nullable(),
  closedDates: closedDatesSchema,
  channels: channelsSchema,
  logoImage: z
    .string()
    .regex(/^[a-f0-9]{16,64}$/, 'an image hash from POST /images')
    .nullable(),
  published: z.boolean(),
  /** Hours after which an order never sent on WhatsApp lapses and gives its stock back. */
  orderExpiryHours: z.number().int('use whole hours').min(1).max(720),
  /** The Meta catalog that product changes are synced to (Commerce Manager's catalog id). */
  metaCatalogId: z
    .string()
    .regex(/^\d{5,30}$/, 'digits only, as shown in Commerce Manager')
    .nullable(),
  /** Chatcart sends the automatic order confirmation (when an access token is set). */
  autoConfirmReply: z.boolean(),
  /** At most this many messages sent by Chatcart per calendar month (UTC); null = no cap. */
  monthlyMessageCap: z.number().int('use a whole number').min(0).max(1_000_000).nullable(),
  /** The payment methods offered on the order page; checked against the currency by the route. */
  payments: paymentsSchema,
  /** The subtotal an order needs, in minor units; null = none. */
  minOrderAmount: z
    .number()
    .int('use an integer amount in minor units')
    .min(0)
    .max(1e13)
    .nullable(),
}

// A logo can only be set once the shop exists and the image is uploaded to it.
const { logoImage: _logoImage, ...createFields } = settings

export const createShopSchema = z.strictObject({ slug: slugSchema, ...createFields }).partial({
  description: true,
  whatsappPhoneNumberId: true,
  locale: true,
  timezone: true,
  address: true,
  businessHours: true,
  closedDates: true,
  channels: true,
  published: true,
  orderExpiryHours: true,
  metaCatalogId: true,
  autoConfirmReply: true,
  monthlyMessageCap: true,
  payments: true,
  minOrderAmount: true,
})

export const updateShopSchema = z.strictObject(settings).partial()
