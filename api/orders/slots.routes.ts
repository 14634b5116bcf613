import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { z } from 'zod'
import { localDate } from '../../core/schedule.ts'
import { SLOT_HORIZON_DAYS, SLOT_LIST_DAYS, timeSlots } from '../../core/time-slots.ts'
import { bookedPlaces, findSlotMethod } from '../../db/slots.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { invalidField, notFound } from '../errors.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import { readQuery, uuidParam } from '../validate.ts'

const slotsQuerySchema = z.strictObject({ from: z.iso.date('use YYYY-MM-DD').optional() })
const DAY_MS = 86_400_000

/**
 * `GET /api/shops/:slug/shipping-methods/:id/slots?from=YYYY-MM-DD`: the time slots of a week
 * from `from` (at the earliest the shop's today, in its time zone), each with the places left.
 * Public, like the catalog: checkout lists them; the order's statement counts them again.
 */
export function slotRoutes() {
  const routes = new Hono<AppEnv>()
  const path = '/api/shops/:slug/shipping-methods/:id/slots'
  const slotsCors = cors({ origin: '*', allowMethods: ['GET'], maxAge: 600 })
  routes.options(path, slotsCors)
  routes.get(
    path,
    slotsCors,
    (c, next) => rateLimit({ name: 'slots', ...c.var.config.publicRateLimits.orders })(c, next),
    async (c) => {
      const query = readQuery(c, slotsQuerySchema)
      const id = uuidParam.safeParse(c.req.param('id'))
      const method = id.success && (await findSlotMethod(c.var.db, c.req.param('slug'), id.data))
      if (!method) throw notFound('Shipping method')
      const now = new Date()
      const today = localDate(now, method.timezone)
      const from = query.from && query.from > today ? query.from : today
      const last = localDate(new Date(now.getTime() + SLOT_HORIZON_DAYS * DAY_MS), method.timezone)
      if (from > last) {
        throw invalidField('from', `Slots can be booked at most ${SLOT_HORIZON_DAYS} days ahead`)
      }
      const slots = timeSlots(
        method.slots,
        method.timezone,
        from,
        SLOT_LIST_DAYS,
        now,
        method.closed_dates,
      ).filter((slot) => localDate(slot.startsAt, method.timezone) <= last)
      const first = slots[0]
      const booked =
        first &&
        (await bookedPlaces(
          c.var.db,
          method.id,
          first.startsAt,
          slots.at(-1)?.startsAt ?? first.startsAt,
        ))
      c.header('Cache-Control', 'no-store')
      return c.json(
        slots.map((slot) => ({
          id: slot.id,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          remaining: Math.max(
            0,
            method.slots.capacity - (booked?.get(slot.startsAt.getTime()) ?? 0),
          ),
        })),
      )
    },
  )
  return routes
}
