import type { Generated, Selectable } from 'kysely'

/** A discount code of a shop (migration 0017). Amounts are in the currency's minor units. */
export interface DiscountsTable {
  id: Generated<string>
  shop_id: string
  /** As the owner typed it; matched case-insensitively, unique per shop that way. */
  code: string
  /** Exactly one of percent_off (1–100) and amount_off (> 0) is set. */
  percent_off: number | null
  amount_off: number | null
  min_subtotal: number | null
  starts_at: Date | null
  ends_at: Date | null
  max_uses: number | null
  once_per_customer: Generated<boolean>
  /** Empty: the whole cart; otherwise only items of these categories are discounted. */
  category_ids: Generated<string[]>
  /** Orders holding the code that have not lapsed or been cancelled. */
  uses: Generated<number>
  created_at: Generated<Date>
}
export type DiscountRow = Selectable<DiscountsTable>
