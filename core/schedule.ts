/**
 * Weekly opening hours in a shop's time zone: is the shop (or a team member) open at a given
 * instant, and when does it open next. Used by the widget (online/offline) and the storefront.
 *
 * Hours are `{ mon: [['09:00', '18:00']], … }`. An interval whose end is not after its start
 * (`['22:00', '02:00']`) runs past midnight into the next day; `'24:00'` means the end of the day,
 * and `['00:00', '24:00']` is the whole day.
 *
 * Closed dates (holidays) are local dates `YYYY-MM-DD` in the same time zone. A closed date cancels
 * the intervals that start on it, including the part of a late interval that runs past its
 * midnight; an interval started the evening before still runs its course into the closed date.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

/** Opening intervals per weekday, as `HH:MM` pairs in the shop's time zone. */
export type WeeklyHours = Partial<Record<Weekday, [string, string][]>>

/** A day the shop stays closed whatever its weekly hours say, e.g. a public holiday. */
export interface ClosedDate {
  /** `YYYY-MM-DD` in the shop's time zone. */
  date: string
  label?: string | undefined
}

/** Weekdays in JavaScript's order (0 = Sunday), as keys of {@link WeeklyHours}. */
export const WEEKDAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
/** Minutes in a day. */
export const DAY = 1440
const formatters = new Map<string, Intl.DateTimeFormat>()

/** Local wall-clock parts of an instant in a time zone. */
export interface LocalTime {
  year: number
  month: number
  day: number
  /** 0 = Sunday. */
  weekday: number
  /** Minutes since local midnight. */
  minutes: number
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export function localTime(date: Date, timeZone: string): LocalTime {
  const parts: Record<string, number> = {}
  for (const part of formatter(timeZone).formatToParts(date)) parts[part.type] = Number(part.value)
  const year = parts.year ?? 1970
  const month = parts.month ?? 1
  const day = parts.day ?? 1
  return {
    year,
    month,
    day,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
    minutes: ((parts.hour ?? 0) % 24) * 60 + (parts.minute ?? 0),
  }
}

function toMinutes(time: string): number {
  const [h = '0', m = '0'] = time.split(':')
  return Number(h) * 60 + Number(m)
}

/** Intervals of one weekday in minutes; an end at or before the start spills into the next day. */
export function intervals(hours: WeeklyHours, weekday: number): [number, number][] {
  const list = hours[WEEKDAYS[((weekday % 7) + 7) % 7] ?? 'sun'] ?? []
  return list.map(([from, to]) => {
    const start = toMinutes(from)
    const end = toMinutes(to)
    return [start, end > start ? end : end + DAY]
  })
}

/** `YYYY-MM-DD` of a local calendar day; `day` may overflow the month (it is normalised). */
export function isoDate(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10)
}

/**
 * The local calendar date `YYYY-MM-DD` of an instant in a time zone (a malformed zone counts as UTC).
 *
 * @example localDate(new Date('2026-01-09T23:30:00Z'), 'Asia/Tokyo') // '2026-01-10'
 */
export function localDate(date: Date, timeZone: string): string {
  const local = localTime(date, safeZone(timeZone))
  return isoDate(local.year, local.month, local.day)
}

/** The set of closed `YYYY-MM-DD` dates, for quick look-ups. */
export function closedSet(closed: readonly ClosedDate[] | null | undefined): Set<string> {
  return new Set((closed ?? []).map((c) => c.date))
}

/**
 * Whether the hours are open at `date` in `timeZone`, on no closed date. A malformed time zone
 * counts as UTC.
 *
 * @example isOpenAt({ fri: [['22:00', '02:00']] }, 'Europe/Paris', new Date('2026-01-03T00:30:00Z')) // true (Sat 01:30 in Paris)
 */
export function isOpenAt(
  hours: WeeklyHours,
  timeZone: string,
  date: Date,
  closedDates?: readonly ClosedDate[] | null,
): boolean {
  const local = localTime(date, safeZone(timeZone))
  const closed = closedSet(closedDates)
  const today = closed.has(isoDate(local.year, local.month, local.day))
    ? []
    : intervals(hours, local.weekday)
  if (today.some(([start, end]) => local.minutes >= start && local.minutes < end)) return true
  // Yesterday's intervals that run past midnight, unless yesterday was a closed date.
  if (closed.has(isoDate(local.year, local.month, local.day - 1))) return false
  const yesterday = intervals(hours, local.weekday - 1)
  return yesterday.some(([, end]) => end > DAY && local.minutes < end - DAY)
}

/**
 * The next instant at or after `from` when the hours open, skipping closed dates: `from` itself
 * when already open, `null` when the week has no opening at all. A wall time skipped by a
 * daylight-saving change is moved forward by the length of the gap (02:30 on a spring-forward
 * night opens at 03:30).
 *
 * @example nextOpening({ mon: [['09:00', '18:00']] }, 'UTC', new Date('2026-01-03T12:00:00Z')) // 2026-01-05T09:00:00Z
 */
export function nextOpening(
  hours: WeeklyHours,
  timeZone: string,
  from: Date,
  closedDates?: readonly ClosedDate[] | null,
): Date | null {
  const zone = safeZone(timeZone)
  if (isOpenAt(hours, zone, from, closedDates)) return from
  const local = localTime(from, zone)
  const closed = closedSet(closedDates)
  // A week, plus one day per closed date that may fall in the way.
  const horizon = 7 + closed.size
  for (let offset = 0; offset <= horizon; offset++) {
    if (closed.has(isoDate(local.year, local.month, local.day + offset))) continue
    const starts = intervals(hours, local.weekday + offset)
      .map(([start]) => start)
      .sort((a, b) => a - b)
    for (const start of starts) {
      if (offset === 0 && start <= local.minutes) continue
      const candidate = fromLocal(local.year, local.month, local.day + offset, start, zone)
      if (candidate.getTime() > from.getTime()) return candidate
    }
  }
  return null
}

/**
 * The hours as instants: the `[start, end)` spans, in epoch milliseconds, when they are open
 * from `from` through the next `days` local days, in order. A span already over at `from` is
 * left out; an interval that runs past midnight is one span. A client holding these tells open
 * from closed with {@link inSpans}, without time-zone data (the widget's team hours).
 *
 * @example openSpans({ mon: [['09:00', '18:00']] }, 'UTC', new Date('2026-01-05T12:00:00Z'), 0) // [[Date.UTC(2026, 0, 5, 9), Date.UTC(2026, 0, 5, 18)]]
 */
export function openSpans(
  hours: WeeklyHours,
  timeZone: string,
  from: Date,
  days = 7,
): [number, number][] {
  const zone = safeZone(timeZone)
  const local = localTime(from, zone)
  const at = (offset: number, minutes: number) =>
    fromLocal(local.year, local.month, local.day + offset, minutes, zone).getTime()
  const spans: [number, number][] = []
  // From yesterday, whose late intervals may still run.
  for (let offset = -1; offset <= days; offset++) {
    for (const [start, end] of intervals(hours, local.weekday + offset)) {
      const span: [number, number] = [at(offset, start), at(offset, end)]
      if (span[1] > from.getTime()) spans.push(span)
    }
  }
  return spans.sort((a, b) => a[0] - b[0])
}

/** Whether an instant (epoch milliseconds) falls in one of {@link openSpans}'s spans. */
export function inSpans(spans: readonly (readonly [number, number])[], at: number): boolean {
  return spans.some(([start, end]) => at >= start && at < end)
}

/** The UTC instant of a local wall time, found by correcting for the zone's offset twice. */
export function fromLocal(
  year: number,
  month: number,
  day: number,
  minutes: number,
  zone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutes)
  let guess = wall
  for (let i = 0; i < 2; i++) {
    const seen = localTime(new Date(guess), zone)
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minutes)
    guess += wall - seenWall
  }
  return new Date(guess)
}

/** The time zone when Intl knows it, else UTC. */
export function safeZone(timeZone: string): string {
  try {
    formatter(timeZone)
    return timeZone
  } catch {
    return 'UTC'
  }
}
