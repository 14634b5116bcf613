/**
 * Time slots a shipping method offers for pickup or delivery: its weekly hours, in the shop's
 * time zone, cut into slots of a fixed length. Slots are computed, never stored: a slot's id is
 * its start instant, so the server can check any id it is given by computing that day again.
 */
import {
  type ClosedDate,
  closedSet,
  DAY,
  fromLocal,
  intervals,
  isoDate,
  localDate,
  localTime,
  safeZone,
  type WeeklyHours,
} from './schedule.ts'

/** How a shipping method offers slots. */
export interface SlotSettings {
  /** The hours slots are cut from, per weekday, in the shop's time zone. */
  weekly: WeeklyHours
  durationMinutes: number
  /** How long before its start a slot stops being offered. */
  leadMinutes: number
  /** Orders one slot takes. */
  capacity: number
}

export interface TimeSlot {
  id: string
  startsAt: Date
  endsAt: Date
}

/** Days one slot list covers. */
export const SLOT_LIST_DAYS = 7
/** How many days ahead a slot may be listed or booked. */
export const SLOT_HORIZON_DAYS = 90

const SLOT_ID = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/
const MINUTE = 60_000

/** A slot's id: its start in UTC, to the minute. @example slotId(new Date('2026-12-01T08:00:00Z')) // '2026-12-01T08:00Z' */
export function slotId(startsAt: Date): string {
  return `${startsAt.toISOString().slice(0, 16)}Z`
}

/** The start a slot id names, or null when it is not one. */
export function slotStart(id: string): Date | null {
  if (!SLOT_ID.test(id)) return null
  const date = new Date(`${id.slice(0, 16)}:00Z`)
  return Number.isNaN(date.getTime()) || slotId(date) !== id ? null : date
}

/**
 * The slots of `days` local days from `from` (`YYYY-MM-DD` in `timeZone`): each weekly interval
 * cut into slots of `durationMinutes` (a shorter remainder is not offered), none starting before
 * `now` plus the lead time, none on a closed date, none at a wall time a daylight-saving change
 * skips. An interval past midnight belongs to the day it starts, as in the shop's hours.
 *
 * @example timeSlots({ weekly: { mon: [['09:00', '11:00']] }, durationMinutes: 60, leadMinutes: 0, capacity: 2 }, 'UTC', '2026-11-30', 1, now)
 * // [{ id: '2026-11-30T09:00Z', … }, { id: '2026-11-30T10:00Z', … }]
 */
export function timeSlots(
  settings: SlotSettings,
  timeZone: string,
  from: string,
  days: number,
  now: Date,
  closedDates?: readonly ClosedDate[] | null,
): TimeSlot[] {
  const zone = safeZone(timeZone)
  const [year = 1970, month = 1, day = 1] = from.split('-').map(Number)
  const closed = closedSet(closedDates)
  const earliest = now.getTime() + settings.leadMinutes * MINUTE
  const length = Math.max(1, settings.durationMinutes)
  const slots = new Map<string, TimeSlot>()
  for (let offset = 0; offset < days; offset++) {
    const date = isoDate(year, month, day + offset)
    if (closed.has(date)) continue
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay()
    for (const [start, end] of intervals(settings.weekly, weekday)) {
      for (let t = start; t + length <= end; t += length) {
        const startsAt = fromLocal(year, month, day + offset, t, zone)
        if (startsAt.getTime() < earliest) continue
        // A wall time that does not exist that night (the clocks jumped over it).
        const seen = localTime(startsAt, zone)
        const expected = isoDate(year, month, day + offset + Math.floor(t / DAY))
        if (isoDate(seen.year, seen.month, seen.day) !== expected || seen.minutes !== t % DAY) {
          continue
        }
        const wallEnd = fromLocal(year, month, day + offset, t + length, zone)
        const endsAt = wallEnd > startsAt ? wallEnd : new Date(startsAt.getTime() + length * MINUTE)
        const id = slotId(startsAt)
        if (!slots.has(id)) slots.set(id, { id, startsAt, endsAt })
      }
    }
  }
  return [...slots.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
}

/**
 * The slot an id names, if the settings offer it now (it may start on the local day before its
 * date, from an interval past midnight); null otherwise.
 */
export function findTimeSlot(
  settings: SlotSettings,
  timeZone: string,
  id: string,
  now: Date,
  closedDates?: readonly ClosedDate[] | null,
): TimeSlot | null {
  const start = slotStart(id)
  if (!start || start.getTime() > now.getTime() + (SLOT_HORIZON_DAYS + 1) * DAY * MINUTE) {
    return null
  }
  const dayBefore = localDate(new Date(start.getTime() - DAY * MINUTE), timeZone)
  return (
    timeSlots(settings, timeZone, dayBefore, 3, now, closedDates).find((s) => s.id === id) ?? null
  )
}

/**
 * A slot for people, in `locale` and the shop's time zone, with Latin digits.
 * @example formatSlot({ startsAt, endsAt }, 'en', 'Europe/Paris') // 'Tue, Dec 1, 09:00–10:00'
 */
export function formatSlot(
  slot: { startsAt: Date | string; endsAt: Date | string },
  locale: string,
  timeZone: string,
): string {
  const zone = safeZone(timeZone)
  try {
    const tag = new Intl.Locale(locale, { numberingSystem: 'latn' }).toString()
    const day = new Intl.DateTimeFormat(tag, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: zone,
    })
    const time = new Intl.DateTimeFormat(tag, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    })
    const start = new Date(slot.startsAt)
    // Arabic writes its own comma.
    const comma = tag.startsWith('ar') ? '، ' : ', '
    return `${day.format(start)}${comma}${time.format(start)}–${time.format(new Date(slot.endsAt))}`
  } catch {
    return `${new Date(slot.startsAt).toISOString()} – ${new Date(slot.endsAt).toISOString()}`
  }
}

/** The instants a local day `YYYY-MM-DD` starts and ends at in a time zone (23 to 25 hours apart). */
export function localDayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  const zone = safeZone(timeZone)
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number)
  return {
    from: fromLocal(year, month, day, 0, zone),
    to: fromLocal(year, month, day + 1, 0, zone),
  }
}
