import { z } from 'zod'
import { amountSchema } from '../catalog/catalog-schema.ts'

/** What a shopper types: 1 to 40 letters, digits, "-" and "_" (stored as typed). */
export const discountCodeSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}_-]{1,40}$/u, 'use 1 to 40 letters, digits, "-" and "_"')

const positiveAmount = amountSchema.refine((amount) => amount > 0, 'must be more than 0')

const discountFields = {
  code: discountCodeSchema,
  percentOff: z.number().int('use a whole percentage').min(1).max(100).nullable(),
  amountOff: positiveAmount.nullable(),
  minSubtotal: amountSchema.nullable(),
  startsAt: z.iso.datetime({ offset: true }).nullable(),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
  maxUses: z.number().int().min(1).max(1_000_000_000).nullable(),
  oncePerCustomer: z.boolean(),
  categoryIds: z
    .array(z.uuid())
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, 'categories must be unique'),
}

export const createDiscountSchema = z.strictObject(discountFields).partial({
  percentOff: true,
  amountOff: true,
  minSubtotal: true,
  startsAt: true,
  endsAt: true,
  maxUses: true,
  oncePerCustomer: true,
  categoryIds: true,
})
export type CreateDiscountInput = z.infer<typeof createDiscountSchema>

export const updateDiscountSchema = z.strictObject(discountFields).partial()
export type UpdateDiscountInput = z.infer<typeof updateDiscountSchema>
