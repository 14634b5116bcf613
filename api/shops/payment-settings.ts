import { z } from 'zod'
import { type PaymentMethod, validatePaymentMethod } from '../../core/payments/payment-method.ts'
import type { ShopPaymentMethod } from '../../db/schema/shops.ts'
import type { AppConfig } from '../config.ts'
import { invalidField } from '../errors.ts'
import { stripeSettingsProblem } from '../payments/stripe.ts'

const text = (max: number) => z.string().trim().min(1).max(max)

/**
 * The shape of `payments` in POST/PATCH /api/shops: each method once, at most 10. Whether a
 * method works for the shop's currency and its settings make a payload is checked by
 * {@link assertPaymentMethods} (it needs the currency and the server's Stripe keys).
 */
export const paymentsSchema = z
  .array(
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('cash') }),
      z.strictObject({ type: z.literal('bank'), instructions: z.string() }),
      z.strictObject({
        type: z.literal('pix'),
        key: text(77),
        merchantName: text(100),
        merchantCity: text(100),
      }),
      z.strictObject({ type: z.literal('upi'), vpa: text(255), payeeName: text(100) }),
      z.strictObject({
        type: z.literal('sepa'),
        iban: text(40),
        beneficiary: text(100),
        bic: z.string().trim().max(11).nullable().optional(),
      }),
      z.strictObject({
        type: z.literal('paynow'),
        proxyType: z.enum(['mobile', 'uen']),
        proxyValue: text(40),
        merchantName: text(100),
        editable: z.boolean().optional(),
      }),
      z.strictObject({ type: z.literal('promptpay'), id: text(40) }),
      z.strictObject({ type: z.literal('stripe') }),
    ]),
  )
  .max(10, 'at most 10 payment methods')
  .refine((list) => new Set(list.map((m) => m.type)).size === list.length, {
    message: 'a payment method is listed twice',
    params: { code: 'duplicate' },
  })

/**
 * Throws a 400 naming the first bad method's field (`payments.0.iban`) when a shop in
 * `currency` cannot offer the methods as set.
 */
export function assertPaymentMethods(
  methods: ShopPaymentMethod[],
  currency: string,
  config: AppConfig,
): void {
  for (const [index, method] of methods.entries()) {
    if (method.type === 'stripe') {
      const found = stripeSettingsProblem(config, currency)
      if (found) throw invalidField(`payments.${index}.type`, found.message, found.code)
      continue
    }
    const found = validatePaymentMethod(method as PaymentMethod, currency)
    if (found) throw invalidField(`payments.${index}.${found.field}`, found.message, found.code)
  }
}
