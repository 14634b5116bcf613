import { z } from 'zod'
import { ORDER_STATUSES } from '../../core/order-status.ts'
import { normalizePhone, phoneRegion } from '../../core/phone.ts'
import { AppError } from '../errors.ts'
import { localeSchema } from '../shops/shop-schema.ts'

/** Most lines one order may hold. */
export const MAX_ORDER_LINES = 100
/** Most units of one line. */
export const MAX_LINE_QUANTITY = 999

const itemSchema = z.strictObject({
  sku: z.string().trim().min(1).max(100),
  quantity: z
    .number()
    .min(1)
    .max(MAX_LINE_QUANTITY)
    .refine(Number.isInteger, 'must be a whole number'),
})

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => text.trim() || undefined)
    .optional()

/** The body of `POST /api/shops/:slug/orders`: SKUs and quantities only, never prices. */
export const placeOrderSchema = z.strictObject({
  items: z.array(itemSchema).min(1, 'add at least one item').max(MAX_ORDER_LINES),
  customer: z.strictObject({
    name: z.string().trim().min(1, 'give a name').max(100),
    // Read in the shop's country by placeOrderPhone, once the shop is known.
    phone: z
      .string()
      .max(40)
      .optional()
      .transform((v) => v?.trim() || undefined),
    address: optionalText(500),
  }),
  shippingMethodId: z.uuid().optional(),
  note: optionalText(1000),
  locale: localeSchema.optional(),
  source: z.enum(['shop', 'widget']).optional(),
  discountCode: z
    .string()
    .max(40)
    .optional()
    .transform((code) => code?.trim() || undefined),
  /** An area name, district or postal code of the shipping method's delivery areas. */
  deliveryArea: z
    .string()
    .max(100)
    .optional()
    .transform((place) => place?.trim() || undefined),
  /** One of the shipping method's time slots, as `GET …/slots` lists them. */
  slotId: z.string().max(40).optional(),
})

export type PlaceOrderBody = z.infer<typeof placeOrderSchema>

/**
 * The checkout phone as international digits: a national number ("06 12 34 56 78") is read in
 * the country of the shop's WhatsApp number. 400 `invalid_phone` on `customer.phone` otherwise.
 */
export function placeOrderPhone(typed: string | undefined, shopPhone: string): string | undefined {
  if (typed === undefined) return undefined
  const digits = normalizePhone(typed, phoneRegion(shopPhone))
  if (!digits) {
    throw new AppError(
      400,
      'invalid_phone',
      'customer.phone: not a phone number of the shop’s country, nor one with its country code',
      'customer.phone',
    )
  }
  return digits
}

export const orderStatusSchema = z.enum(ORDER_STATUSES)

/** Query of `GET /api/shops/:slug/orders`. */
export const listOrdersQuerySchema = z.strictObject({
  status: orderStatusSchema.optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  /** Only orders whose time slot starts on this day, in the shop's time zone. */
  day: z.iso.date('use YYYY-MM-DD').optional(),
})

/** Body of `PATCH /api/shops/:slug/orders/:code`. */
export const updateOrderSchema = z.strictObject({ status: orderStatusSchema })
