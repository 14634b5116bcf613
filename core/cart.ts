/**
 * Cart pricing shared by shop, widget and server, so every side computes the same totals.
 * The server's result is the one that counts: clients send SKUs and quantities only.
 */

/** A cart line as clients hold and send it. */
export type CartLine = { sku: string; quantity: number }

/** What the catalog knows about a SKU; `stock: null` means unlimited. */
export type CatalogItem = { name: string; price: number; stock: number | null }

/** A priced cart line; amounts in minor units. */
export type PricedLine = {
  sku: string
  name: string
  quantity: number
  unitPrice: number
  lineTotal: number
}

/** Why a requested line was dropped or reduced. */
export type CartIssue =
  | { sku: string; reason: 'unknown_sku' }
  | { sku: string; reason: 'invalid_quantity'; requested: number }
  | { sku: string; reason: 'out_of_stock' }
  | { sku: string; reason: 'insufficient_stock'; requested: number; available: number }

/** Result of {@link priceLines}. */
export type PricedCart = { lines: PricedLine[]; subtotal: number; issues: CartIssue[] }

/** A shipping method's pricing; `freeOver: null` means never free. */
export type ShippingPricing = { price: number; freeOver: number | null }

/** Subtotal, shipping and total of an order, in minor units. */
export type OrderTotals = { subtotal: number; shippingTotal: number; total: number }

/**
 * Prices cart lines from the catalog. Lines with the same SKU are merged; unknown SKUs and
 * non-positive or fractional quantities are dropped; quantities above the stock are reduced to
 * it (dropped at zero). Each change is reported in `issues`, so a server can refuse the order
 * and a client can tell the shopper.
 *
 * @example
 * priceLines([{ sku: 'TEE', quantity: 2 }], (sku) => catalog.get(sku))
 * // { lines: [{ sku: 'TEE', name: 'T-shirt', quantity: 2, unitPrice: 1990, lineTotal: 3980 }],
 * //   subtotal: 3980, issues: [] }
 */
export function priceLines(
  lines: readonly CartLine[],
  lookup: (sku: string) => CatalogItem | undefined,
): PricedCart {
  const issues: CartIssue[] = []
  const quantities = new Map<string, number>()
  for (const { sku, quantity } of lines) {
    if (!Number.isSafeInteger(quantity) || quantity <= 0) {
      issues.push({ sku, reason: 'invalid_quantity', requested: quantity })
      continue
    }
    quantities.set(sku, (quantities.get(sku) ?? 0) + quantity)
  }

  const priced: PricedLine[] = []
  let subtotal = 0
  for (const [sku, requested] of quantities) {
    const item = lookup(sku)
    if (item === undefined) {
      issues.push({ sku, reason: 'unknown_sku' })
      continue
    }
    let quantity = requested
    if (item.stock !== null && requested > item.stock) {
      const available = Math.max(0, Math.floor(item.stock))
      if (available === 0) {
        issues.push({ sku, reason: 'out_of_stock' })
        continue
      }
      issues.push({ sku, reason: 'insufficient_stock', requested, available })
      quantity = available
    }
    const lineTotal = item.price * quantity
    if (!Number.isSafeInteger(lineTotal) || !Number.isSafeInteger(subtotal + lineTotal)) {
      issues.push({ sku, reason: 'invalid_quantity', requested })
      continue
    }
    priced.push({ sku, name: item.name, quantity, unitPrice: item.price, lineTotal })
    subtotal += lineTotal
  }
  return { lines: priced, subtotal, issues }
}

/**
 * Shipping cost for a subtotal: free when `freeOver` is set and the subtotal reaches it.
 *
 * @example shippingCost({ price: 500, freeOver: 5000 }, 5000) // 0
 * @example shippingCost({ price: 500, freeOver: null }, 99999) // 500
 */
export function shippingCost(method: ShippingPricing, subtotal: number): number {
  if (method.freeOver !== null && subtotal >= method.freeOver) return 0
  return method.price
}

/**
 * Subtotal, shipping and total for a priced cart and an optional shipping method.
 *
 * @example orderTotals(3980, { price: 500, freeOver: null }) // { subtotal: 3980, shippingTotal: 500, total: 4480 }
 */
export function orderTotals(subtotal: number, method: ShippingPricing | null): OrderTotals {
  const shippingTotal = method === null ? 0 : shippingCost(method, subtotal)
  return { subtotal, shippingTotal, total: subtotal + shippingTotal }
}

/** What a discount takes: a percentage (1–100) or a fixed amount, in minor units. */
export type DiscountValue = { percentOff: number } | { amountOff: number }

/**
 * The saving of a discount on the eligible part of a cart (the whole subtotal, or the lines of
 * its categories): a percentage rounds half up to the minor unit; neither goes past the eligible
 * amount.
 * @example discountAmount(1999, { percentOff: 10 }) // 200
 */
export function discountAmount(eligible: number, discount: DiscountValue): number {
  const off =
    'percentOff' in discount
      ? Math.round((eligible * discount.percentOff) / 100)
      : discount.amountOff
  return Math.max(0, Math.min(eligible, off))
}

/** Where a shipping method delivers for its own fee: by postal code prefix or by district. */
export interface DeliveryArea {
  name: string
  postalPrefixes: string[]
  districts: string[]
  fee: number
  freeOver: number | null
}

const squash = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s-]+/g, '')
    .toLowerCase()

/**
 * The area that `place` names: an area's name, one of its districts (both in any case), or a
 * postal code starting with one of its prefixes (spaces and dashes ignored). Undefined for none.
 * @example matchDeliveryArea(areas, '75011') // the area with prefix "75"
 */
export function matchDeliveryArea(
  areas: readonly DeliveryArea[],
  place: string,
): DeliveryArea | undefined {
  const wanted = squash(place)
  if (wanted === '') return undefined
  return (
    areas.find((area) => squash(area.name) === wanted) ??
    areas.find((area) => area.districts.some((district) => squash(district) === wanted)) ??
    areas.find((area) =>
      area.postalPrefixes.some(
        (prefix) => squash(prefix) !== '' && wanted.startsWith(squash(prefix)),
      ),
    )
  )
}
