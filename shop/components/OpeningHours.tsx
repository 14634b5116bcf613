import {
  type ClosedDate,
  isOpenAt,
  localDate,
  nextOpening,
  type Weekday,
  type WeeklyHours,
} from '../../core/schedule.ts'
import { fill } from '../fill.ts'
import type { ShopStrings } from '../strings.ts'

/** What the storefront header says about the shop's hours, worked out on the server. */
export interface HoursView {
  open: boolean
  /** "Opens tomorrow at 09:00" when closed and an opening is known. */
  next: string | null
  /** Monday first: the weekday's name and its ranges (["09:00–12:30", "14:00–19:00"]), none when closed. */
  week: { day: string; ranges: string[]; today: boolean }[]
  /** Closed dates of the coming weeks: the date as words and its label. */
  closures: { date: string; label: string }[]
  /** The shop's time zone in words ("Central European Time"). */
  zone: string
}

const MONDAY_FIRST: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const DAY_MS = 86_400_000
/** How far ahead upcoming closed dates are listed. */
const CLOSURES_AHEAD_DAYS = 60

/** "09:00" where the clock is 24-hour, "9:00 AM" where it is 12-hour. */
function hourStyle(locale: string): 'numeric' | '2-digit' {
  const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle
  return cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit'
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS

function zoneName(locale: string, timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')
  return part?.value ?? timeZone
}

/**
 * The hours as the storefront shows them, in the shop's language and time zone: open or not,
 * the next opening, the week and the coming closed dates.
 *
 * @example hoursView({ businessHours, closedDates: [], timezone: 'Europe/Paris', locale: 'fr' }, strings, new Date())
 */
export function hoursView(
  shop: {
    businessHours: WeeklyHours | null
    closedDates?: readonly ClosedDate[] | null | undefined
    timezone: string
    locale: string
  },
  strings: ShopStrings,
  now: Date,
): HoursView | null {
  const hours = shop.businessHours
  if (!hours) return null
  const closed = shop.closedDates ?? []
  let timeZone = shop.timezone
  try {
    new Intl.DateTimeFormat('en', { timeZone })
  } catch {
    timeZone = 'UTC'
  }
  const locale = shop.locale
  const timeOf = new Intl.DateTimeFormat(locale, {
    hour: hourStyle(locale),
    minute: '2-digit',
    timeZone: 'UTC',
  })
  // Wall times of the hours, formatted as a UTC instant so no zone shifts them.
  const wall = (hhmm: string) =>
    timeOf.format(new Date(Date.UTC(2026, 0, 5, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)))))
  const weekdayName = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })
  const today = localDate(now, timeZone)
  // 2026-01-05 is a Monday.
  const todayIndex = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
  const week = MONDAY_FIRST.map((key, i) => {
    const ranges = hours[key] ?? []
    return {
      day: weekdayName.format(new Date(Date.UTC(2026, 0, 5 + i))),
      ranges: ranges.map(([from, to]) => `${wall(from)}–${wall(to)}`),
      today: i === todayIndex,
    }
  })

  const open = isOpenAt(hours, timeZone, now, closed)
  let next: string | null = null
  const opening = open ? null : nextOpening(hours, timeZone, now, closed)
  if (opening) {
    const time = new Intl.DateTimeFormat(locale, {
      hour: hourStyle(locale),
      minute: '2-digit',
      timeZone,
    }).format(opening)
    const days = dayNumber(localDate(opening, timeZone)) - dayNumber(today)
    if (days === 0) next = fill(strings.opensToday, { time })
    else if (days === 1) next = fill(strings.opensTomorrow, { time })
    else {
      const day = new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'long',
        ...(days >= 7 ? { day: 'numeric', month: 'long' } : {}),
      }).format(opening)
      next = fill(strings.opensOn, { day, time })
    }
  }

  const dateWords = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  })
  const closures = closed
    .filter((c) => {
      const ahead = dayNumber(c.date) - dayNumber(today)
      return ahead >= 0 && ahead <= CLOSURES_AHEAD_DAYS
    })
    .map((c) => ({
      date: dateWords.format(new Date(`${c.date}T00:00:00Z`)),
      label: c.label ?? '',
    }))

  return { open, next, week, closures, zone: zoneName(locale, timeZone, now) }
}

/** The header's hours: open or closed with the next opening, and the week in a details. */
export function OpeningHours(props: { view: HoursView; strings: ShopStrings }) {
  const { view, strings } = props
  return (
    <div class="opening">
      <p class={view.open ? 'hours open' : 'hours'}>
        {view.open ? strings.openNow : strings.closedNow}
        {view.next && <span class="next"> · {view.next}</span>}
      </p>
      <details class="week">
        <summary>{strings.openingHours}</summary>
        <table>
          <tbody>
            {view.week.map((row) => (
              <tr key={row.day} class={row.today ? 'today' : undefined}>
                <th scope="row">{row.day}</th>
                <td>
                  {row.ranges.length === 0
                    ? strings.closedDay
                    : row.ranges.map((range) => (
                        <span key={range} class="range">
                          {range}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {view.closures.length > 0 && (
          <>
            <p class="closures-title">{strings.exceptionalClosures}</p>
            <ul class="closures">
              {view.closures.map((c) => (
                <li key={c.date}>
                  {c.date}
                  {c.label && ` (${c.label})`}
                </li>
              ))}
            </ul>
          </>
        )}
        <p class="zone">{fill(strings.hoursTimeZone, { zone: view.zone })}</p>
      </details>
    </div>
  )
}
