import type { Generated, Selectable } from 'kysely'
import type { DeliveryArea } from '../../core/cart.ts'
import type { SlotSettings } from '../../core/time-slots.ts'
import type { Json, JsonWithDefault } from './json.ts'

export interface ShippingMethodsTable {
  id: Generated<string>
  shop_id: string
  name: string
  price: number
  /** Free when the subtotal reaches this amount; null means never free. */
  free_over: number | null
  requires_address: Generated<boolean>
  /** The subtotal this method needs; null means none (migration 0017). */
  min_order_amount: number | null
  /** Priced by area instead of `price` when not empty (migration 0018). */
  areas: JsonWithDefault<DeliveryArea[]>
  /** The time slots it offers; null when none (migration 0019). */
  slots: Json<SlotSettings | null> | null
  active: Generated<boolean>
  position: Generated<number>
  created_at: Generated<Date>
}
export type ShippingMethodRow = Selectable<ShippingMethodsTable>
