import type { SlotSettings } from '../core/time-slots.ts'
import type { DbOrTrx } from './database.ts'

/**
 * An active shipping method of a published shop that offers time slots, with what computing its
 * slots needs (the shop's time zone and closed dates); undefined otherwise.
 */
export async function findSlotMethod(db: DbOrTrx, slug: string, methodId: string) {
  const row = await db
    .selectFrom('shipping_methods as m')
    .innerJoin('shops as s', 's.id', 'm.shop_id')
    .select(['m.id', 'm.slots', 's.timezone', 's.closed_dates'])
    .where('s.slug', '=', slug)
    .where('s.published', '=', true)
    .where('m.id', '=', methodId)
    .where('m.active', '=', true)
    .where('m.slots', 'is not', null)
    .executeTakeFirst()
  return row && { ...row, slots: row.slots as SlotSettings }
}

/** Places taken per slot start (epoch milliseconds) of a method between two instants. */
export async function bookedPlaces(
  db: DbOrTrx,
  methodId: string,
  from: Date,
  to: Date,
): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('slot_bookings')
    .select(['starts_at', 'booked'])
    .where('shipping_method_id', '=', methodId)
    .where('starts_at', '>=', from)
    .where('starts_at', '<=', to)
    .execute()
  return new Map(rows.map((r) => [r.starts_at.getTime(), r.booked]))
}
