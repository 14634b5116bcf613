import { describe, expect, it } from 'vitest'
import type { WeeklyHours } from '../../core/schedule.ts'
import { shopStrings } from '../strings.ts'
import { hoursView } from './OpeningHours.tsx'

const hours: WeeklyHours = {
  mon: [
    ['10:00', '13:00'],
    ['15:00', '19:00'],
  ],
  fri: [['22:00', '02:00']],
}
const shop = (locale: string, closedDates = [{ date: '2026-12-28', label: 'Inventaire' }]) => ({
  businessHours: hours,
  closedDates,
  timezone: 'Europe/Paris',
  locale,
})

describe('hoursView', () => {
  it('should give the next opening as a weekday and time in the shop time zone', () => {
    // Saturday 2026-12-26 12:00 in Paris.
    const view = hoursView(shop('fr', []), shopStrings('fr'), new Date('2026-12-26T11:00:00Z'))
    expect(view?.open).toBe(false)
    expect(view?.next).toBe('Ouvre lundi à 10:00')
  })

  it('should skip a closed Monday and say so in the list of closures', () => {
    const view = hoursView(shop('en'), shopStrings('en'), new Date('2026-12-26T11:00:00Z'))
    // Monday 28th is closed; the next opening is Friday night.
    expect(view?.next).toBe('Opens Friday at 10:00 PM')
    expect(view?.closures).toEqual([{ date: 'Monday, December 28', label: 'Inventaire' }])
  })

  it('should say tomorrow, and read a range past midnight as still open', () => {
    const strings = shopStrings('ar')
    // Sunday 2026-12-27 20:00 in Paris: Monday is tomorrow.
    const sunday = hoursView(shop('ar', []), strings, new Date('2026-12-27T19:00:00Z'))
    expect(sunday?.next).toMatch(/^يفتح غدًا الساعة /)
    // Saturday 01:30 in Paris, inside Friday's 22:00–02:00.
    const late = hoursView(shop('ar', []), strings, new Date('2027-01-02T00:30:00Z'))
    expect(late?.open).toBe(true)
    expect(late?.next).toBeNull()
  })

  it('should list the week from Monday with two ranges and closed days, marking today', () => {
    const view = hoursView(shop('de', []), shopStrings('de'), new Date('2026-12-26T11:00:00Z'))
    expect(view?.week[0]).toEqual({
      day: 'Montag',
      ranges: ['10:00–13:00', '15:00–19:00'],
      today: false,
    })
    expect(view?.week[1]?.ranges).toEqual([])
    expect(view?.week.findIndex((d) => d.today)).toBe(5)
  })

  it('should show nothing when the shop has no hours', () => {
    const view = hoursView({ ...shop('en'), businessHours: null }, shopStrings('en'), new Date())
    expect(view).toBeNull()
  })
})
