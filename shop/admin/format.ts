import { formatMoney, toMajorUnits } from '../../core/money.ts'
import { formatSlot } from '../../core/time-slots.ts'
import { locale } from './i18n.ts'

/** An amount in minor units, in the admin's language. */
export function money(amount: number, currency: string): string {
  try {
    return formatMoney(amount, currency, locale.value)
  } catch {
    return `${toMajorUnits(amount, 'XXX')} ${currency}`
  }
}

/** A date and time, short. */
export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )
}

/** A day, short. */
export function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(locale.value, { day: 'numeric', month: 'short' }).format(
    new Date(iso),
  )
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** How long ago (or ahead) a moment is, in words: `5 minutes ago`, `yesterday`, `now`. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000
  const format = new Intl.RelativeTimeFormat(locale.value, { numeric: 'auto' })
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit)
  }
  return format.format(0, 'second')
}

/** A time slot in the shop's zone (the browser's when unknown): `Sat 5 Dec, 09:00–10:00`. */
export function slotText(slot: { startsAt: string; endsAt: string }, timeZone?: string): string {
  return formatSlot(
    slot,
    locale.value,
    timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  )
}
