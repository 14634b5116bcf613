import { formatPhone, normalizePhone, phoneRegion } from '../core/phone.ts'

/**
 * How the shop will read a typed phone number ("+33 6 12 34 56 78"), or null when it cannot.
 * A chunk of its own: the phone metadata loads only once the shopper types a number.
 */
export function understoodPhone(typed: string, shopPhone: string): string | null {
  const digits = normalizePhone(typed, phoneRegion(shopPhone))
  return digits ? formatPhone(digits) : null
}
