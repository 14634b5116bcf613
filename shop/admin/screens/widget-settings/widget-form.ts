import type { WidgetSettings } from '../../../../api/widget/widget-schema.ts'
import { CHANNELS, type Channel } from '../../../../core/channel-links.ts'
import { openSpans } from '../../../../core/schedule.ts'
import { colorChannels, textColorOn } from '../../../../widget/contrast.ts'
import type { PublicWidget } from '../../../../widget/widget-context.ts'
import type { Shop } from '../../api.ts'
import type { FieldErrors } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'

export { CHANNELS, type Channel }

/**
 * The widget settings as the server validates them (`GET|PUT /api/shops/:slug/widget`), except
 * that a channel being typed may lack its value until the server says so.
 */
export type WidgetForm = Omit<WidgetSettings, 'channels'> & {
  channels: { type: Channel; value?: string }[]
}
export type Team = WidgetForm['teams'][number]
export type Hours = Team['hours']

/** What each section of the form gets: the form, a way to change it and the API's errors. */
export interface SectionProps {
  form: WidgetForm
  set: (patch: Partial<WidgetForm>) => void
  err: (path: string) => FieldErrors[string] | undefined
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

/** The simple schedule the form offers (always, weekdays or every day, one interval). */
export function hoursMode(hours: Hours): {
  mode: 'always' | 'weekdays' | 'daily'
  from: string
  to: string
} {
  if (!hours) return { mode: 'always', from: '09:00', to: '18:00' }
  const first = Object.values(hours).find((v) => v?.length)?.[0] ?? ['09:00', '18:00']
  return { mode: hours.sat || hours.sun ? 'daily' : 'weekdays', from: first[0], to: first[1] }
}

/** The hours a simple schedule stands for. */
export function hoursFrom(mode: string, from: string, to: string): Hours {
  if (mode === 'always') return null
  const days = mode === 'daily' ? ALL_DAYS : WEEKDAYS
  return Object.fromEntries(days.map((d) => [d, [[from, to]]]))
}

/** A number field's value: empty is null. */
export function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text)
}

/**
 * What the loader would fetch for these settings (api/widget/widget-json.ts), so the preview
 * draws the widget's own components with the same data.
 */
export function previewSettingsOf(
  form: WidgetForm,
  shop: Shop,
  avatarUrl: string | null,
): PublicWidget {
  return {
    shop: {
      slug: shop.slug,
      name: shop.name,
      currency: shop.currency,
      locale: shop.locale,
      timezone: shop.timezone,
      whatsappPhone: shop.whatsappPhone,
    },
    avatarUrl: avatarUrl ?? shop.logoUrl,
    greeting: form.greeting,
    replyTime: form.replyTime,
    message: form.message,
    position: form.position,
    offsetX: form.offsetX,
    offsetY: form.offsetY,
    color: form.color,
    textColor: textColorOn(colorChannels(form.color)),
    zIndex: form.zIndex,
    theme: form.theme,
    idleLoad: form.idleLoad,
    channels: form.channels.length
      ? form.channels.map((c) => ({ type: c.type, value: c.value ?? shop.whatsappPhone }))
      : [
          { type: 'whatsapp', value: shop.whatsappPhone },
          // In the server's order (api/widget/widget-json.ts).
          ...CHANNELS.flatMap((type) => {
            const value = type === 'whatsapp' ? '' : shop.channels[type]
            return value ? [{ type, value }] : []
          }),
        ],
    teams: form.teams.map((team, i) => ({
      name: team.name || t('teamN', { n: i + 1 }),
      role: team.role,
      photoUrl: null,
      channel: team.channel,
      value: team.value,
      hours: team.hours,
      open: team.hours ? openSpans(team.hours, shop.timezone, new Date()) : null,
    })),
    rules: form.rules,
    triggers: form.triggers,
    consent: form.consent,
  }
}
