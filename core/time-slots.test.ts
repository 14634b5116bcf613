import { afterEach, describe, expect, it } from 'vitest'
import {
  findTimeSlot,
  formatSlot,
  localDayBounds,
  type SlotSettings,
  slotStart,
  timeSlots,
} from './time-slots.ts'

const hours = (weekly: SlotSettings['weekly'], durationMinutes = 60, leadMinutes = 0) => ({
  weekly,
  durationMinutes,
  leadMinutes,
  capacity: 2,
})
const ids = (slots: { id: string }[]) => slots.map((s) => s.id)
const LONG_AGO = new Date('2020-01-01T00:00:00Z')

describe('timeSlots', () => {
  it('should cut weekly hours into slots and drop a shorter remainder', () => {
    const slots = timeSlots(hours({ mon: [['09:00', '11:30']] }), 'UTC', '2026-11-30', 1, LONG_AGO)
    expect(ids(slots)).toEqual(['2026-11-30T09:00Z', '2026-11-30T10:00Z'])
    expect(slots[0]?.endsAt.toISOString()).toBe('2026-11-30T10:00:00.000Z')
  })

  it('should offer nothing that starts within the lead time', () => {
    const now = new Date('2026-11-30T08:30:00Z')
    const slots = timeSlots(
      hours({ mon: [['09:00', '12:00']] }, 60, 60),
      'UTC',
      '2026-11-30',
      1,
      now,
    )
    expect(ids(slots)).toEqual(['2026-11-30T10:00Z', '2026-11-30T11:00Z'])
  })

  it('should skip closed dates and weekdays without hours', () => {
    const weekly = {
      mon: [['09:00', '10:00']],
      wed: [['09:00', '10:00']],
    } as SlotSettings['weekly']
    const slots = timeSlots(hours(weekly), 'UTC', '2026-11-30', 7, LONG_AGO, [
      { date: '2026-12-02' },
    ])
    expect(ids(slots)).toEqual(['2026-11-30T09:00Z'])
  })

  it('should keep a slot past midnight on the day its hours start, and find it by id', () => {
    const settings = hours({ fri: [['22:00', '02:00']] }, 120)
    const slots = timeSlots(settings, 'UTC', '2026-12-04', 1, LONG_AGO)
    expect(ids(slots)).toEqual(['2026-12-04T22:00Z', '2026-12-05T00:00Z'])
    const now = new Date('2026-12-01T00:00:00Z')
    expect(findTimeSlot(settings, 'UTC', '2026-12-05T00:00Z', now)?.endsAt).toEqual(
      new Date('2026-12-05T02:00:00Z'),
    )
    expect(findTimeSlot(settings, 'UTC', '2026-12-05T01:00Z', now)).toBeNull()
    expect(findTimeSlot(settings, 'UTC', 'tomorrow', now)).toBeNull()
    // Past the horizon of bookable days.
    expect(findTimeSlot(settings, 'UTC', '2026-12-05T00:00Z', LONG_AGO)).toBeNull()
  })

  it('should skip a wall time the clocks jump over', () => {
    // Paris moves from 02:00 to 03:00 on 28 March 2027.
    const slots = timeSlots(
      hours({ sun: [['01:00', '04:00']] }),
      'Europe/Paris',
      '2027-03-28',
      1,
      LONG_AGO,
    )
    expect(ids(slots)).toEqual(['2027-03-28T00:00Z', '2027-03-28T01:00Z'])
  })

  it('should refuse ids that are not slot starts', () => {
    expect(slotStart('2026-12-01T09:00Z')).toEqual(new Date('2026-12-01T09:00:00Z'))
    for (const bad of ['2026-12-01T09:00', '2026-02-30T09:00Z', '2026-12-01T25:00Z', '']) {
      expect(slotStart(bad), bad).toBeNull()
    }
  })
})

describe('timeSlots in shops far from the server, across the server zone’s DST change', () => {
  const serverZone = process.env.TZ
  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ
    else process.env.TZ = serverZone
  })
  const everyDay = hours(
    Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '11:00']]]),
    ),
  )
  // New York leaves daylight saving on 1 November 2026; Paris did on 25 October.
  const serverZones = ['America/New_York', 'Europe/Paris', 'UTC']

  it('should list São Paulo slots at 09:00 local (12:00 UTC) every day whatever the server zone', () => {
    for (const zone of serverZones) {
      process.env.TZ = zone
      const slots = timeSlots(everyDay, 'America/Sao_Paulo', '2026-10-24', 10, LONG_AGO)
      expect(slots, zone).toHaveLength(20)
      expect(new Set(slots.map((s) => s.id.slice(11))), zone).toEqual(new Set(['12:00Z', '13:00Z']))
      expect(ids(slots).slice(14, 16), zone).toEqual(['2026-10-31T12:00Z', '2026-10-31T13:00Z'])
    }
  })

  it('should list Kolkata slots at 09:00 local (03:30 UTC) every day whatever the server zone', () => {
    for (const zone of serverZones) {
      process.env.TZ = zone
      const slots = timeSlots(everyDay, 'Asia/Kolkata', '2026-10-24', 10, LONG_AGO)
      expect(slots, zone).toHaveLength(20)
      expect(new Set(slots.map((s) => s.id.slice(11))), zone).toEqual(new Set(['03:30Z', '04:30Z']))
      expect(formatSlot(slots[16] as (typeof slots)[number], 'en', 'Asia/Kolkata')).toBe(
        'Sun, Nov 1, 09:00–10:00',
      )
    }
  })
})

describe('localDayBounds and formatSlot', () => {
  it('should give a day of 25 hours when the clocks go back', () => {
    const { from, to } = localDayBounds('2026-10-25', 'Europe/Paris')
    expect(from.toISOString()).toBe('2026-10-24T22:00:00.000Z')
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(25)
  })

  it('should write a slot in the shop’s language with Latin digits', () => {
    const slot = { startsAt: '2026-12-01T08:00:00Z', endsAt: '2026-12-01T09:00:00Z' }
    expect(formatSlot(slot, 'fr', 'Europe/Paris')).toBe('mar. 1 déc., 09:00–10:00')
    expect(formatSlot(slot, 'ar', 'Europe/Paris')).toMatch(/، 09:00–10:00$/)
  })
})
