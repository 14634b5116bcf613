import { describe, expect, it } from 'vitest'
import {
  type ClosedDate,
  inSpans,
  isOpenAt,
  localDate,
  nextOpening,
  openSpans,
  type WeeklyHours,
} from './schedule.ts'

const office: WeeklyHours = {
  mon: [
    ['09:00', '12:00'],
    ['14:00', '18:00'],
  ],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
}

describe('isOpenAt', () => {
  it('should be open inside an interval in the given time zone', () => {
    // Monday 2026-01-05 10:00 in Paris is 09:00 UTC.
    expect(isOpenAt(office, 'Europe/Paris', new Date('2026-01-05T09:00:00Z'))).toBe(true)
  })

  it('should be closed during a lunch break between two intervals', () => {
    expect(isOpenAt(office, 'Europe/Paris', new Date('2026-01-05T12:30:00Z'))).toBe(false)
  })

  it('should treat the end of an interval as closed and its start as open', () => {
    expect(isOpenAt(office, 'UTC', new Date('2026-01-06T18:00:00Z'))).toBe(false)
    expect(isOpenAt(office, 'UTC', new Date('2026-01-06T09:00:00Z'))).toBe(true)
  })

  it('should read the weekday in the shop time zone, not in UTC', () => {
    // Saturday 2026-01-10 02:00 UTC is still Friday 21:00 in New York: closed (after 18:00)…
    expect(isOpenAt(office, 'America/New_York', new Date('2026-01-10T02:00:00Z'))).toBe(false)
    // …but Friday 17:00 in New York is Friday 22:00 UTC: open there, closed in UTC.
    expect(isOpenAt(office, 'America/New_York', new Date('2026-01-09T22:00:00Z'))).toBe(true)
    expect(isOpenAt(office, 'UTC', new Date('2026-01-09T22:00:00Z'))).toBe(false)
  })

  it('should keep an interval spanning midnight open after midnight on the next day', () => {
    const bar: WeeklyHours = { fri: [['22:00', '02:00']] }
    // Saturday 2026-01-10 01:30 in Tokyo.
    expect(isOpenAt(bar, 'Asia/Tokyo', new Date('2026-01-09T16:30:00Z'))).toBe(true)
    // Saturday 02:00 in Tokyo: closed.
    expect(isOpenAt(bar, 'Asia/Tokyo', new Date('2026-01-09T17:00:00Z'))).toBe(false)
    // Friday 23:00 in Tokyo.
    expect(isOpenAt(bar, 'Asia/Tokyo', new Date('2026-01-09T14:00:00Z'))).toBe(true)
  })

  it('should carry an interval from Sunday night into Monday morning', () => {
    const night: WeeklyHours = { sun: [['20:00', '03:00']] }
    expect(isOpenAt(night, 'UTC', new Date('2026-01-05T02:59:00Z'))).toBe(true)
    expect(isOpenAt(night, 'UTC', new Date('2026-01-05T03:00:00Z'))).toBe(false)
  })

  it('should read 24:00 as the end of the day', () => {
    const late: WeeklyHours = { mon: [['18:00', '24:00']], tue: [['00:00', '24:00']] }
    expect(isOpenAt(late, 'UTC', new Date('2026-01-05T23:59:00Z'))).toBe(true)
    expect(isOpenAt(late, 'UTC', new Date('2026-01-06T00:00:00Z'))).toBe(true)
    expect(isOpenAt(late, 'UTC', new Date('2026-01-06T23:59:59Z'))).toBe(true)
    expect(isOpenAt(late, 'UTC', new Date('2026-01-07T00:00:00Z'))).toBe(false)
  })

  it('should be closed on a day without hours', () => {
    expect(isOpenAt(office, 'UTC', new Date('2026-01-10T12:00:00Z'))).toBe(false)
  })

  it('should count a malformed time zone as UTC', () => {
    expect(isOpenAt(office, 'Not/AZone', new Date('2026-01-06T09:30:00Z'))).toBe(true)
  })

  it('should follow daylight saving time in the shop time zone', () => {
    // 09:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer.
    expect(isOpenAt(office, 'Europe/Paris', new Date('2026-07-06T07:30:00Z'))).toBe(true)
    expect(isOpenAt(office, 'Europe/Paris', new Date('2026-01-05T07:30:00Z'))).toBe(false)
  })
})

describe('nextOpening', () => {
  it('should answer the same instant when already open', () => {
    const now = new Date('2026-01-06T10:00:00Z')
    expect(nextOpening(office, 'UTC', now)).toEqual(now)
  })

  it('should find the afternoon interval during a lunch break', () => {
    expect(nextOpening(office, 'Europe/Paris', new Date('2026-01-05T11:30:00Z'))).toEqual(
      new Date('2026-01-05T13:00:00Z'),
    )
  })

  it('should skip a weekend to Monday morning in the shop time zone', () => {
    expect(nextOpening(office, 'America/New_York', new Date('2026-01-10T12:00:00Z'))).toEqual(
      new Date('2026-01-12T14:00:00Z'),
    )
  })

  it('should find an opening later the same week day next week', () => {
    const mondays: WeeklyHours = { mon: [['09:00', '10:00']] }
    expect(nextOpening(mondays, 'UTC', new Date('2026-01-05T11:00:00Z'))).toEqual(
      new Date('2026-01-12T09:00:00Z'),
    )
  })

  it('should answer null when the week has no hours', () => {
    expect(nextOpening({}, 'UTC', new Date('2026-01-05T11:00:00Z'))).toBeNull()
  })

  it('should land on the right instant across a daylight saving change', () => {
    // Europe/Paris moves to summer time on Sunday 2026-03-29.
    const mondays: WeeklyHours = { mon: [['09:00', '18:00']] }
    expect(nextOpening(mondays, 'Europe/Paris', new Date('2026-03-28T12:00:00Z'))).toEqual(
      new Date('2026-03-30T07:00:00Z'),
    )
  })

  it('should open a spring-forward gap time one hour later', () => {
    const sunday: WeeklyHours = { sun: [['02:30', '05:00']] }
    expect(nextOpening(sunday, 'Europe/Paris', new Date('2026-03-28T12:00:00Z'))).toEqual(
      new Date('2026-03-29T01:30:00Z'),
    )
  })
})

describe('closed dates', () => {
  const christmas: ClosedDate[] = [{ date: '2026-12-25', label: 'Christmas' }]
  const twoRanges: WeeklyHours = {
    thu: [
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ],
    fri: [
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ],
    sat: [['10:00', '13:00']],
  }

  it('should be closed all day on a closed date that has weekly hours', () => {
    // Friday 2026-12-25, 10:00 in Paris.
    const at = new Date('2026-12-25T09:00:00Z')
    expect(isOpenAt(twoRanges, 'Europe/Paris', at)).toBe(true)
    expect(isOpenAt(twoRanges, 'Europe/Paris', at, christmas)).toBe(false)
  })

  it('should read the closed date in the shop time zone', () => {
    // 2026-12-25T23:30Z is already Saturday the 26th in Tokyo (08:30): not the closed date.
    const hours: WeeklyHours = { sat: [['08:00', '12:00']] }
    expect(isOpenAt(hours, 'Asia/Tokyo', new Date('2026-12-25T23:30:00Z'), christmas)).toBe(true)
    expect(localDate(new Date('2026-12-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-12-26')
  })

  it('should skip a closed date when looking for the next opening', () => {
    // Thursday 24th after closing in Paris: Friday is Christmas, so Saturday 10:00 (09:00 UTC).
    expect(
      nextOpening(twoRanges, 'Europe/Paris', new Date('2026-12-24T19:00:00Z'), christmas),
    ).toEqual(new Date('2026-12-26T09:00:00Z'))
    expect(nextOpening(twoRanges, 'Europe/Paris', new Date('2026-12-24T19:00:00Z'))).toEqual(
      new Date('2026-12-25T08:00:00Z'),
    )
  })

  it('should find the second range of a day after the first has closed', () => {
    expect(nextOpening(twoRanges, 'UTC', new Date('2026-12-24T12:30:00Z'))).toEqual(
      new Date('2026-12-24T14:00:00Z'),
    )
  })

  it('should let a range past midnight finish into a closed date, and cancel the one starting on it', () => {
    const bar: WeeklyHours = { thu: [['22:00', '02:00']], fri: [['22:00', '02:00']] }
    // Friday 25th 01:00 UTC: Thursday's night is still running.
    expect(isOpenAt(bar, 'UTC', new Date('2026-12-25T01:00:00Z'), christmas)).toBe(true)
    // Friday 23:00 and Saturday 01:00: Friday's night never starts.
    expect(isOpenAt(bar, 'UTC', new Date('2026-12-25T23:00:00Z'), christmas)).toBe(false)
    expect(isOpenAt(bar, 'UTC', new Date('2026-12-26T01:00:00Z'), christmas)).toBe(false)
    expect(isOpenAt(bar, 'UTC', new Date('2026-12-26T01:00:00Z'))).toBe(true)
  })

  it('should look past a run of closed dates longer than a week', () => {
    const closed = Array.from({ length: 10 }, (_, i) => ({
      date: `2026-08-${String(i + 1).padStart(2, '0')}`,
    }))
    expect(nextOpening(twoRanges, 'UTC', new Date('2026-07-31T20:00:00Z'), closed)).toEqual(
      new Date('2026-08-13T09:00:00Z'),
    )
  })
})

describe('openSpans', () => {
  const late: WeeklyHours = { ...office, fri: [['22:00', '02:00']], sat: [['00:00', '24:00']] }
  const HOUR = 3_600_000

  it('should agree with isOpenAt every 7 minutes for a week, across a DST change', () => {
    // Paris leaves summer time on 25 October 2026; New York on 1 November.
    for (const [zone, from] of [
      ['Europe/Paris', '2026-10-21T16:03:00Z'],
      ['America/New_York', '2026-10-28T03:00:00Z'],
      ['Asia/Kolkata', '2026-10-21T00:00:00Z'],
    ] as const) {
      const start = new Date(from)
      const spans = openSpans(late, zone, start)
      for (let t = start.getTime(); t < start.getTime() + 7 * 24 * HOUR; t += 7 * 60_000) {
        expect([zone, new Date(t), inSpans(spans, t)]).toEqual([
          zone,
          new Date(t),
          isOpenAt(late, zone, new Date(t)),
        ])
      }
    }
  })

  it('should keep the span of last night that still runs, and drop the ones that are over', () => {
    // Saturday 00:30 in Paris: Friday's 22:00–02:00 runs, and Saturday's whole day after it.
    const spans = openSpans(late, 'Europe/Paris', new Date('2026-01-02T23:30:00Z'), 0)
    expect(spans.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])).toEqual([
      ['2026-01-02T21:00:00.000Z', '2026-01-03T01:00:00.000Z'],
      ['2026-01-02T23:00:00.000Z', '2026-01-03T23:00:00.000Z'],
    ])
  })

  it('should be empty for hours without any interval, and closed at the end of a span', () => {
    expect(openSpans({}, 'UTC', new Date('2026-01-05T12:00:00Z'))).toEqual([])
    const [span] = openSpans(office, 'UTC', new Date('2026-01-06T12:00:00Z'), 0)
    expect(span).toEqual([Date.UTC(2026, 0, 6, 9), Date.UTC(2026, 0, 6, 18)])
    expect(inSpans(span ? [span] : [], Date.UTC(2026, 0, 6, 18))).toBe(false)
    expect(inSpans(span ? [span] : [], Date.UTC(2026, 0, 6, 17, 59))).toBe(true)
  })
})
