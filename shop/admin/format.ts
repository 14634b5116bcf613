import { formatMoney, toMajorUnits } from '../../core/money.ts'
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
