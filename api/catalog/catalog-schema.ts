import { z } from 'zod'
import { MAX_AMOUNT } from '../../core/money.ts'
import type { VariantValues } from '../../db/catalog.queries.ts'
import { notFound } from '../errors.ts'
import { weeklyHoursSchema } from '../shops/shop-schema.ts'
import { uuidParam } from '../validate.ts'

// Stock columns are PostgreSQL integers: anything larger would fail in the database, not here.
const MAX_INT = 2_147_483_647
/** Positions stay far below the integer column's limit, so "last + 1" always fits. */
export const MAX_POSITION = 1_000_000_000

/** An amount in the currency's minor unit (cents): a non-negative integer up to MAX_AMOUNT. */
export const amountSchema = z
  .number()
  // First, so an amount past Number's exact range is named too large, not "not an integer".
  .refine((amount) => amount <= MAX_AMOUNT, {
    message: `must be at most ${MAX_AMOUNT} minor units`,
    params: { code: 'amount_too_large' },
    abort: true,
  })
  .int('use an integer amount in minor units (cents)')
  .min(0, 'must not be negative')
const positionSchema = z.number().int().min(0).max(MAX_POSITION)
/** null means unlimited stock. */
const stockSchema = z.number().int().min(0, 'must not be negative').max(MAX_INT).nullable()
const nameSchema = z.string().trim().min(1).max(200)

export const skuSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1 to 64 of A-Z, a-z, 0-9, ".", "_" and "-"')

export const productSlugSchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use a-z, 0-9 and single dashes')

export const imageHashSchema = z.string().regex(/^[a-f0-9]{32}$/, 'an image hash from POST /images')

// ── categories ────────────────────────────────────────────────────────────────────────────────

export const createCategorySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  position: positionSchema.optional(),
})
export const updateCategorySchema = createCategorySchema.partial()
export const reorderCategoriesSchema = z.strictObject({ ids: z.array(z.uuid()).max(1000) })
export const deleteCategoryQuerySchema = z.strictObject({ moveTo: z.uuid().optional() })

// ── products ──────────────────────────────────────────────────────────────────────────────────

const optionSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  values: z
    .array(z.string().trim().min(1).max(50))
    .min(1)
    .max(100)
    .refine((values) => new Set(values).size === values.length, 'values must be unique'),
})
/** A product's option as the admin sends it: a name and its values (`Size`: S, M, L). */
export type ProductOptionInput = z.infer<typeof optionSchema>

const variantSchema = z.strictObject({
  sku: skuSchema,
  options: z.record(z.string(), z.string()),
  price: amountSchema.nullable().optional(),
  compareAtPrice: amountSchema.nullable().optional(),
  stock: stockSchema.optional(),
  active: z.boolean().optional(),
})
export type VariantInput = z.infer<typeof variantSchema>

/** Validated variants as the queries store them: every optional field given its default. */
export function variantValues(variants: VariantInput[]): VariantValues[] {
  return variants.map((v) => ({
    sku: v.sku,
    options: v.options,
    price: v.price ?? null,
    compareAtPrice: v.compareAtPrice ?? null,
    stock: v.stock ?? null,
    active: v.active ?? true,
  }))
}

const productFields = {
  sku: skuSchema,
  name: nameSchema,
  price: amountSchema,
  description: z.string().max(5000),
  compareAtPrice: amountSchema.nullable(),
  categoryId: z.uuid().nullable(),
  stock: stockSchema,
  active: z.boolean(),
  position: positionSchema,
  slug: productSlugSchema,
  images: z
    .array(imageHashSchema)
    .max(20)
    .refine((hashes) => new Set(hashes).size === hashes.length, 'an image is listed twice'),
  options: z
    .array(optionSchema)
    .max(5)
    .refine(
      (options) => new Set(options.map((o) => o.name)).size === options.length,
      'option names must be unique',
    ),
  variants: z.array(variantSchema).max(200),
}

export const createProductSchema = z.strictObject(productFields).partial({
  description: true,
  compareAtPrice: true,
  categoryId: true,
  stock: true,
  active: true,
  position: true,
  slug: true,
  images: true,
  options: true,
  variants: true,
})
export const updateProductSchema = z.strictObject(productFields).partial()

/**
 * A new product's fields as the products table stores them, every optional one given its default;
 * the API and the CSV import both write these (the SKU, slug, shop and position are theirs to set).
 */
export function productValues(input: z.infer<typeof createProductSchema>) {
  return {
    category_id: input.categoryId ?? null,
    name: input.name,
    description: input.description ?? '',
    price: input.price,
    compare_at_price: input.compareAtPrice ?? null,
    stock: input.stock ?? null,
    active: input.active ?? true,
    options: JSON.stringify(input.options ?? []),
    images: JSON.stringify(input.images ?? []),
  }
}

const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true')
export const productListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  /** A category id, or `none` for uncategorised products. */
  categoryId: z.union([z.uuid(), z.literal('none')]).optional(),
  active: booleanText.optional(),
  // Checked by readProductWindow, which names the field in its 400.
  cursor: z.string().optional(),
  limit: z.string().optional(),
})

// ── shipping methods ──────────────────────────────────────────────────────────────────────────

const shippingFields = {
  name: z.string().trim().min(1).max(100),
  price: amountSchema,
  freeOver: amountSchema.nullable(),
  requiresAddress: z.boolean(),
  active: z.boolean(),
  position: positionSchema,
  minOrderAmount: amountSchema.nullable(),
  areas: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(100),
        postalPrefixes: z.array(z.string().trim().min(1).max(20)).max(500),
        districts: z.array(z.string().trim().min(1).max(100)).max(500),
        fee: amountSchema,
        freeOver: amountSchema.nullable(),
      }),
    )
    .max(100)
    .refine(
      (areas) => new Set(areas.map((a) => a.name.toLowerCase())).size === areas.length,
      'area names must be unique',
    ),
  slots: z
    .strictObject({
      weekly: weeklyHoursSchema,
      durationMinutes: z.number().int().min(10).max(1440),
      leadMinutes: z.number().int().min(0).max(43_200),
      capacity: z.number().int().min(1).max(10_000),
    })
    .nullable(),
}
export const createShippingMethodSchema = z.strictObject(shippingFields).partial({
  freeOver: true,
  minOrderAmount: true,
  areas: true,
  slots: true,
  requiresAddress: true,
  active: true,
  position: true,
})
export const updateShippingMethodSchema = z.strictObject(shippingFields).partial()

/** The `:id` path parameter; anything but a UUID is simply not found. */
export function resourceId(value: string | undefined, what: string): string {
  const parsed = uuidParam.safeParse(value)
  if (!parsed.success) throw notFound(what)
  return parsed.data
}
