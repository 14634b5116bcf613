import { z } from 'zod'
import { canonicalLocale, isValidLocale } from '../../core/locale.ts'
import { isCurrencyCode } from '../../core/money.ts'
import { normalizePhone } from '../../core/phone.ts'

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
    ctx.addIssue({ code: 'custom', message: 'give the full international number, 8 to 15 digits' })
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

const time = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM')
const dayHours = z.array(z.tuple([time, time])).max(6)
export const weeklyHoursSchema = z.strictObject({
  mon: dayHours.optional(),
  tue: dayHours.optional(),
  wed: dayHours.optional(),
  thu: dayHours.optional(),
  fri: dayHours.optional(),
  sat: dayHours.optional(),
  sun: dayHours.optional(),
})

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
  channels: channelsSchema,
  logoImage: z
    .string()
    .regex(/^[a-f0-9]{16,64}$/, 'an image hash from POST /images')
    .nullable(),
  published: z.boolean(),
  /** Hours after which an order never sent on WhatsApp lapses and gives its stock back. */
  orderExpiryHours: z.number().int('use whole hours').min(1).max(720),
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
  channels: true,
  published: true,
  orderExpiryHours: true,
})

export const updateShopSchema = z.strictObject(settings).partial()
