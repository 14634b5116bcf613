import type { DiscountRow } from '../../db/schema/discounts.ts'

/** What a discount takes off: a percentage or an amount, never both. */
type DiscountOff =
  | { percentOff: number; amountOff?: never }
  | { amountOff: number; percentOff?: never }

/** A discount as the owner's API shows it. */
export function discountJson(discount: DiscountRow) {
  return {
    id: discount.id,
    code: discount.code,
    ...((discount.percent_off !== null
      ? { percentOff: discount.percent_off }
      : { amountOff: discount.amount_off }) as DiscountOff),
    minSubtotal: discount.min_subtotal,
    startsAt: discount.starts_at?.toISOString() ?? null,
    endsAt: discount.ends_at?.toISOString() ?? null,
    maxUses: discount.max_uses,
    oncePerCustomer: discount.once_per_customer,
    categoryIds: discount.category_ids,
    uses: discount.uses,
    createdAt: discount.created_at.toISOString(),
  }
}
