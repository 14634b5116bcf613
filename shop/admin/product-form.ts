import type { Product, ProductOption, UploadedImage, Variant } from './api.ts'
import type { FieldErrors } from './components/Field.tsx'
import { t } from './i18n.ts'

/** A product as the editor holds it: numbers where the API wants numbers, text where typed. */
export interface ProductDraft {
  sku: string
  name: string
  description: string
  price: number | null
  compareAtPrice: number | null
  /** Empty means unlimited. */
  stock: string
  active: boolean
  categoryId: string
  images: UploadedImage[]
  options: { name: string; values: string }[]
  variants: {
    sku: string
    options: Record<string, string>
    price: number | null
    stock: string
    active: boolean
  }[]
}

/** A blank product. */
export function emptyDraft(): ProductDraft {
  return {
    sku: '',
    name: '',
    description: '',
    price: null,
    compareAtPrice: null,
    stock: '',
    active: true,
    categoryId: '',
    images: [],
    options: [],
    variants: [],
  }
}

/** The editor's copy of a saved product. */
export function draftFromProduct(p: Product): ProductDraft {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    price: p.price,
    compareAtPrice: p.compareAtPrice,
    stock: p.stock === null ? '' : String(p.stock),
    active: p.active,
    categoryId: p.categoryId ?? '',
    images: p.images,
    options: p.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
    variants: p.variants.map((v) => ({
      sku: v.sku,
      options: v.options,
      price: v.price,
      stock: v.stock === null ? '' : String(v.stock),
      active: v.active ?? true,
    })),
  }
}

/** `S, M , L` → `['S', 'M', 'L']`, without blanks or repeats. */
export function splitValues(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ]
}

function parsedOptions(draft: ProductDraft): ProductOption[] {
  return draft.options
    .map((o) => ({ name: o.name.trim(), values: splitValues(o.values) }))
    .filter((o) => o.name !== '' || o.values.length > 0)
}

/** A SKU built from the product's SKU and the variant's values: `TEE` + M, Red → `TEE-M-RED`. */
export function variantSku(productSku: string, values: string[]): string {
  const suffix = values
    .map((v) =>
      v
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9]+/g, '')
        .toUpperCase(),
    )
    .filter(Boolean)
    .join('-')
  return [productSku.trim(), suffix].filter(Boolean).join('-').slice(0, 64)
}

/**
 * One variant per combination of option values, keeping the SKU, price and stock of variants
 * that already exist for a combination.
 */
export function generateVariants(draft: ProductDraft): ProductDraft['variants'] {
  const options = parsedOptions(draft).filter((o) => o.name && o.values.length)
  if (options.length === 0) return []
  let combos: Record<string, string>[] = [{}]
  for (const option of options) {
    combos = combos.flatMap((combo) =>
      option.values.map((value) => ({ ...combo, [option.name]: value })),
    )
  }
  const key = (o: Record<string, string>) => options.map((opt) => o[opt.name] ?? '').join('\u0000')
  const existing = new Map(draft.variants.map((v) => [key(v.options), v]))
  return combos.map((combo) => {
    const found = existing.get(key(combo))
    return (
      found ?? {
        sku: variantSku(draft.sku, Object.values(combo)),
        options: combo,
        price: null,
        stock: draft.stock,
        active: true,
      }
    )
  })
}

const SKU = /^[A-Za-z0-9._-]{1,64}$/
const STOCK = /^\d{1,9}$/

/** What is wrong with the draft, by API field name (`sku`, `variants.0.stock`…); empty when fine. */
export function validateDraft(draft: ProductDraft): FieldErrors {
  const errors: FieldErrors = {}
  if (!draft.name.trim()) errors.name = t('required')
  if (!draft.sku.trim()) errors.sku = t('required')
  else if (!SKU.test(draft.sku.trim())) errors.sku = t('skuInvalid')
  if (draft.price === null) errors.price = t('required')
  if (
    draft.compareAtPrice !== null &&
    draft.price !== null &&
    draft.compareAtPrice <= draft.price
  ) {
    errors.compareAtPrice = t('compareAtTooLow')
  }
  if (draft.stock.trim() && !STOCK.test(draft.stock.trim())) errors.stock = t('stockInvalid')
  const names = new Set<string>()
  draft.options.forEach((option, i) => {
    const name = option.name.trim()
    if (!name) errors[`options.${i}.name`] = t('required')
    else if (names.has(name)) errors[`options.${i}.name`] = t('optionTwice')
    names.add(name)
    if (splitValues(option.values).length === 0)
      errors[`options.${i}.values`] = t('optionValuesMissing')
  })
  const skus = new Set([draft.sku.trim()])
  draft.variants.forEach((variant, i) => {
    const sku = variant.sku.trim()
    if (!SKU.test(sku)) errors[`variants.${i}.sku`] = sku ? t('skuInvalid') : t('required')
    else if (skus.has(sku)) errors[`variants.${i}.sku`] = t('skuTwice')
    skus.add(sku)
    if (variant.stock.trim() && !STOCK.test(variant.stock.trim()))
      errors[`variants.${i}.stock`] = t('stockInvalid')
  })
  return errors
}

/** The API body for a draft (create or full update). */
export function draftPayload(draft: ProductDraft) {
  const stock = (text: string) => (text.trim() === '' ? null : Number(text.trim()))
  return {
    sku: draft.sku.trim(),
    name: draft.name.trim(),
    description: draft.description,
    price: draft.price ?? 0,
    compareAtPrice: draft.compareAtPrice,
    stock: stock(draft.stock),
    active: draft.active,
    categoryId: draft.categoryId || null,
    images: draft.images.map((i) => i.hash),
    options: parsedOptions(draft),
    variants: draft.variants.map(
      (v): Variant => ({
        sku: v.sku.trim(),
        options: v.options,
        price: v.price,
        stock: stock(v.stock),
        active: v.active,
      }),
    ),
  }
}

/** Moves an item of a list from one index to another, returning a new list. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list]
  if (to < 0 || to >= next.length || from === to) return next
  const [item] = next.splice(from, 1)
  if (item !== undefined) next.splice(to, 0, item)
  return next
}
