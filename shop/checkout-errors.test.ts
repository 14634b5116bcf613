import { describe, expect, it } from 'vitest'
import { formatMoney } from '../core/money.ts'
import { refusalText } from './checkout-errors.ts'
import { rulesStrings } from './rules-strings.ts'
import { shopStrings } from './strings.ts'

// Each refusal a shopper can meet at checkout, in the shop's language (French here).
const fr = (code: string, field?: string, missing?: number) =>
  refusalText(shopStrings('fr'), code, field, [], rulesStrings('fr'), missing, (n) =>
    formatMoney(n, 'EUR', 'fr'),
  )

describe('refusalText', () => {
  it('should name the rule a checkout broke, in French', () => {
    expect(fr('below_minimum', undefined, 1500)).toBe(
      'Ajoutez 15,00\u00a0€ pour atteindre le minimum de commande',
    )
    expect(fr('required', 'deliveryArea')).toBe('Choisissez votre zone de livraison')
    expect(fr('outside_areas', 'deliveryArea')).toBe('Nous ne livrons pas dans cette zone')
    expect(fr('discount_used', 'discountCode')).toBe(rulesStrings('fr').errUsed)
    expect(fr('slot_full', 'slotId')).toBe(rulesStrings('fr').errSlotFull)
    expect(fr('required', 'slotId')).toBe('Choisissez un créneau')
    expect(new Set([fr('unknown_discount', 'discountCode'), fr('invalid', 'slotId')]).size).toBe(2)
  })
})
