/** Places taken in one time slot of a shipping method (migration 0019). */
export interface SlotBookingsTable {
  shipping_method_id: string
  /** The slot's start: its id in core/time-slots.ts. */
  starts_at: Date
  /** Orders holding the slot that have not lapsed or been cancelled. */
  booked: number
}
