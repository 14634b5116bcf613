import { z } from 'zod'
import { CHANNELS } from '../../core/channel-links.ts'
import { phoneSchema, weeklyHoursSchema } from '../shops/shop-schema.ts'

const imageHash = z.string().regex(/^[a-f0-9]{16,64}$/, 'an image hash from POST /images')
const userName = z
  .string()
  .trim()
  .regex(/^@?[\w.-]{1,100}$/, 'a user or page name: letters, digits, ".", "-" and "_"')
  .transform((name) => name.replace(/^@/, ''))

/** Where each channel sends the visitor: a number, a user or page name, or an address. */
const channelValue = {
  whatsapp: phoneSchema,
  messenger: userName,
  instagram: userName,
  telegram: userName,
  sms: phoneSchema,
  email: z.email().max(254),
  phone: phoneSchema,
}

const channelSchema = z.discriminatedUnion('type', [
  // WhatsApp without a number uses the shop's own.
  z.strictObject({ type: z.literal('whatsapp'), value: channelValue.whatsapp.optional() }),
  z.strictObject({ type: z.literal('messenger'), value: channelValue.messenger }),
  z.strictObject({ type: z.literal('instagram'), value: channelValue.instagram }),
  z.strictObject({ type: z.literal('telegram'), value: channelValue.telegram }),
  z.strictObject({ type: z.literal('sms'), value: channelValue.sms }),
  z.strictObject({ type: z.literal('email'), value: channelValue.email }),
  z.strictObject({ type: z.literal('phone'), value: channelValue.phone }),
])

const agentFields = {
  name: z.string().trim().min(1).max(80),
  role: z.string().trim().max(80).default(''),
  photoImage: imageHash.nullable().default(null),
  /** Weekly hours in the shop's time zone; null means always online. */
  hours: weeklyHoursSchema.nullable().default(null),
}

const agentSchema = z.discriminatedUnion('channel', [
  z.strictObject({ ...agentFields, channel: z.literal('whatsapp'), value: channelValue.whatsapp }),
  z.strictObject({
    ...agentFields,
    channel: z.literal('messenger'),
    value: channelValue.messenger,
  }),
  z.strictObject({
    ...agentFields,
    channel: z.literal('instagram'),
    value: channelValue.instagram,
  }),
  z.strictObject({ ...agentFields, channel: z.literal('telegram'), value: channelValue.telegram }),
  z.strictObject({ ...agentFields, channel: z.literal('sms'), value: channelValue.sms }),
  z.strictObject({ ...agentFields, channel: z.literal('email'), value: channelValue.email }),
  z.strictObject({ ...agentFields, channel: z.literal('phone'), value: channelValue.phone }),
])

/** A page rule: the first whose pattern matches the page's path (`*` is a wildcard) applies. */
const ruleSchema = z.strictObject({
  pattern: z
    .string()
    .trim()
    .min(1)
    .max(300)
    .regex(
      /^(\/|\*|https?:\/\/)\S*$/,
      'a path such as /products/* or a full URL; * matches anything',
    ),
  message: z.string().trim().max(1000).optional(),
  hide: z.boolean().optional(),
})

const triggersSchema = z.strictObject({
  afterSeconds: z.number().int().min(1).max(3600).nullable().default(null),
  scrollPercent: z.number().int().min(1).max(100).nullable().default(null),
  onceADay: z.boolean().default(true),
})

const consentSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    text: z.string().trim().max(500).default(''),
    url: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .default(null),
  })
  .refine((consent) => !consent.enabled || consent.text !== '', {
    message: 'write the text the visitor accepts',
    path: ['text'],
  })

/**
 * Every widget setting, with its default. `PUT /api/shops/{slug}/widget` replaces the whole set:
 * a field left out goes back to its default; an unknown field is refused.
 */
export const widgetSettingsSchema = z.strictObject({
  position: z.enum(['left', 'right']).default('right'),
  offsetX: z.number().int().min(0).max(400).default(20),
  offsetY: z.number().int().min(0).max(400).default(20),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb')
    .transform((hex) => hex.toLowerCase())
    .default('#25d366'),
  zIndex: z.number().int().min(0).max(2147483647).default(2147483000),
  /** Empty: a greeting in the visitor's language. */
  greeting: z.string().trim().max(500).default(''),
  /** "Usually replies within an hour"; empty: not shown. */
  replyTime: z.string().trim().max(100).default(''),
  avatarImage: imageHash.nullable().default(null),
  /** The prefilled message when no page rule gives one; `{url}`, `{title}`, `{product}`. */
  message: z.string().trim().max(1000).default(''),
  /** Shown in this order; empty: WhatsApp plus the shop's own channels. */
  channels: z.array(channelSchema).max(10).default([]),
  teams: z.array(agentSchema).max(20).default([]),
  rules: z.array(ruleSchema).max(50).default([]),
  triggers: triggersSchema.default({ afterSeconds: null, scrollPercent: null, onceADay: true }),
  consent: consentSchema.default({ enabled: false, text: '', url: null }),
  /** Fetch the bubble when the browser is idle instead of waiting for an interaction. */
  idleLoad: z.boolean().default(false),
  theme: z.enum(['auto', 'light', 'dark']).default('auto'),
})

export type WidgetSettings = z.infer<typeof widgetSettingsSchema>

/**
 * The settings stored for a shop, with defaults for anything missing. Stored settings were
 * validated when written; should an old row no longer fit, the defaults are used.
 */
export function storedWidgetSettings(stored: unknown): WidgetSettings {
  const result = widgetSettingsSchema.safeParse(stored ?? {})
  return result.success ? result.data : widgetSettingsSchema.parse({})
}

/** Analytics events the widget sends; no personal data. */
export const widgetEventSchema = z.strictObject({
  shop: z.string().min(1).max(40),
  type: z.enum(['open', 'close', 'channel', 'add', 'checkout']),
  channel: z.enum([...CHANNELS, 'qr']).optional(),
})
