import type { CartLine } from './cart-store.ts'
import { fill } from './fill.ts'
import type { ShopClientData } from './page-data.ts'
import type { RulesStrings } from './rules-strings.ts'

/**
 * The words for a refusal of checkout's rules (a minimum, a discount code, a delivery area, a
 * time slot), or null for any other refusal. Checkout's code field and the order's answer both
 * read it.
 */
export function ruleRefusalText(
  r: RulesStrings,
  code: string,
  field: string | undefined,
  /** The amount a minimum lacks, when the API said. */
  missing: number | undefined,
  money: (amount: number) => string,
): string | null {
  if (code === 'below_minimum' && missing) return fill(r.missing, { amount: money(missing) })
  if (code === 'below_discount_minimum' && missing) {
    return fill(r.errCodeMinimum, { amount: money(missing) })
  }
  if (code === 'discount_exhausted') return r.errExhausted
  if (code === 'discount_used') return r.errUsed
  if (field === 'discountCode') return r.errCode
  if (field === 'deliveryArea') return code === 'outside_areas' ? r.errArea : r.errAreaRequired
  if (code === 'slot_full') return r.errSlotFull
  if (field === 'slotId') return code === 'required' ? r.slotLabel : r.errSlot
  return null
}

/**
 * What the shopper reads for a refused order: a message of the shop's language chosen by the
 * API's error code (never the API's English text), and the cart line it concerns, if any.
 */
export function refusalText(
  t: ShopClientData['strings'],
  code: string,
  field: string | undefined,
  lines: CartLine[],
  r: RulesStrings,
  /** The amount a minimum lacks, when the API said. */
  missing: number | undefined,
  money: (amount: number) => string,
) {
  const line = /^items\.(\d+)\./.exec(field ?? '')
  const name = line ? (lines[Number(line[1])]?.name ?? '') : ''
  if (code === 'rate_limited') return t.rateLimited
  if (code === 'out_of_stock') return fill(t.errOutOfStock, { name })
  if (code === 'unknown_sku') return t.errUnavailable
  if (code === 'quantity_too_large' || code === 'amount_too_large') return t.errTooMany
  const rule = ruleRefusalText(r, code, field, missing, money)
  if (rule) return rule
  if (field === 'shippingMethodId') return t.errShipping
  if (field === 'customer.phone') return t.errPhone
  if (field === 'customer.name' || field === 'customer.address') return t.errRequired
  return t.error
}
