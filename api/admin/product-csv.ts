import type { z } from 'zod'
import { currencyDigits, toMajorUnits } from '../../core/money.ts'
import type { CategoryRow } from '../../db/schema/categories.ts'
import type { ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import { createProductSchema } from '../catalog/catalog-schema.ts'
import { mediaUrl } from '../shops/shop-json.ts'
import { fromSpreadsheetSafe, spreadsheetSafe } from './csv.ts'

/** The product CSV columns, in export order. Documented in docs/csv.md. */
export const PRODUCT_COLUMNS = [
  'sku',
  'parent_sku',
  'name',
  'description',
  'price',
  'compare_at_price',
  'stock',
  'category',
  'active',
  'options',
  'variant_options',
  'image_urls',
] as const
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number]
const REQUIRED_COLUMNS: ProductColumn[] = ['sku', 'name', 'price']

export type ProductInput = z.infer<typeof createProductSchema>

export interface RowError {
  /** Line of the file, the header being line 1. */
  row: number
  sku: string
  column: string
  message: string
}

/** One product of the file with its variant rows. */
export interface ProductGroup {
  row: number
  variantRows: number[]
  category: string | null
  input: ProductInput
}

type Cells = Partial<Record<ProductColumn, string>>

/**
 * An amount in major units with a `.` decimal point (`19.90`, `5`) as minor units, or null for an
 * empty cell; throws a message for anything else.
 */
export function parseAmountCell(text: string, currency: string): number | null {
  const value = text.trim()
  if (value === '') return null
  const digits = currencyDigits(currency)
  const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(value)
  if (!match) throw new Error(`use a plain number such as ${digits ? '19.90' : '1990'}`)
  const fraction = match[2] ?? ''
  if (fraction.length > digits) {
    throw new Error(`${currency} has ${digits} decimal${digits === 1 ? '' : 's'} at most`)
  }
  return Number(`${match[1]}${fraction.padEnd(digits, '0')}`)
}

function parseStock(text: string): number | null {
  const value = text.trim()
  if (value === '') return null
  if (!/^\d{1,9}$/.test(value)) throw new Error('use a whole number, or leave empty for unlimited')
  return Number(value)
}

function parseActive(text: string): boolean {
  const value = text.trim().toLowerCase()
  if (value === '' || ['true', 'yes', '1', 'y'].includes(value)) return true
  if (['false', 'no', '0', 'n'].includes(value)) return false
  throw new Error('use true or false')
}

/** `Size: S | M | L; Color: Red | Blue` → options. */
function parseOptions(text: string): { name: string; values: string[] }[] {
  const value = text.trim()
  if (value === '') return []
  return value.split(';').map((part) => {
    const colon = part.indexOf(':')
    if (colon < 0) throw new Error('write options as "Size: S | M | L; Color: Red | Blue"')
    return {
      name: part.slice(0, colon).trim(),
      values: part
        .slice(colon + 1)
        .split('|')
        .map((v) => v.trim()),
    }
  })
}

/** `Size: M; Color: Red` → the variant's chosen values. */
function parseVariantOptions(text: string): Record<string, string> {
  const chosen: Record<string, string> = {}
  for (const part of text.split(';')) {
    if (part.trim() === '') continue
    const colon = part.indexOf(':')
    if (colon < 0) throw new Error('write the variant as "Size: M; Color: Red"')
    chosen[part.slice(0, colon).trim()] = part.slice(colon + 1).trim()
  }
  if (Object.keys(chosen).length === 0) throw new Error('name the option values of this variant')
  return chosen
}

const HASH_IN_URL = /(?:^|\/)([a-f0-9]{32})(?:-thumb)?(?:\.webp)?$/

/** Image cells name uploaded images of the shop, by URL or hash, separated by spaces. */
function parseImages(text: string): string[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((ref) => {
      const hash = HASH_IN_URL.exec(ref.split(/[?#]/)[0] ?? '')?.[1]
      if (!hash) throw new Error(`"${ref}" is not an image uploaded to this shop`)
      return hash
    })
}

const FIELD_COLUMN: Record<string, ProductColumn> = {
  sku: 'sku',
  name: 'name',
  description: 'description',
  price: 'price',
  compareAtPrice: 'compare_at_price',
  stock: 'stock',
  active: 'active',
  options: 'options',
  images: 'image_urls',
}
const VARIANT_FIELD_COLUMN: Record<string, ProductColumn> = {
  sku: 'sku',
  options: 'variant_options',
  price: 'price',
  compareAtPrice: 'compare_at_price',
  stock: 'stock',
  active: 'active',
}

/**
 * Reads the rows of a product CSV into products with their variants, each checked against the
 * catalog's own product schema. Returns every error found, row by row, and the products when
 * there is none. Database checks (SKUs of other products, images) come after.
 */
export function readProductRows(
  rows: string[][],
  currency: string,
): { groups: ProductGroup[]; errors: RowError[] } {
  const errors: RowError[] = []
  const [header, ...data] = rows
  if (!header)
    return { groups: [], errors: [{ row: 1, sku: '', column: '', message: 'The file is empty' }] }
  const columns = header.map((h) => h.trim().toLowerCase())
  for (const name of columns) {
    if (!(PRODUCT_COLUMNS as readonly string[]).includes(name))
      errors.push({ row: 1, sku: '', column: name, message: `Unknown column "${name}"` })
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name))
      errors.push({ row: 1, sku: '', column: name, message: `The column "${name}" is missing` })
  }
  if (errors.length > 0) return { groups: [], errors }

  const cellsOf = (row: string[]): Cells => {
    const cells: Cells = {}
    columns.forEach((name, i) => {
      // Our own export neutralised formula-like cells; take them back as they were typed.
      cells[name as ProductColumn] = fromSpreadsheetSafe(row[i] ?? '')
    })
    return cells
  }

  const groups = new Map<string, ProductGroup & { broken: boolean }>()
  const seenSkus = new Map<string, number>()
  const variantRows: { line: number; cells: Cells }[] = []

  for (const [index, row] of data.entries()) {
    const line = index + 2
    const cells = cellsOf(row)
    const sku = (cells.sku ?? '').trim()
    const fail = (column: string, message: string) =>
      errors.push({ row: line, sku, column, message })
    if (row.length > columns.length && row.slice(columns.length).some((c) => c.trim() !== '')) {
      fail('', `This row has ${row.length} cells but the header has ${columns.length}`)
    }
    const earlier = sku ? seenSkus.get(sku) : undefined
    if (earlier) {
      fail('sku', `The SKU is already used on row ${earlier}`)
      continue
    }
    if (sku) seenSkus.set(sku, line)
    if ((cells.parent_sku ?? '').trim() !== '') {
      variantRows.push({ line, cells })
      continue
    }
    let broken = false
    const read = <T>(column: ProductColumn, parse: (text: string) => T, fallback: T): T => {
      try {
        return parse(cells[column] ?? '')
      } catch (error) {
        broken = true
        fail(column, (error as Error).message)
        return fallback
      }
    }
    const price = read('price', (t) => parseAmountCell(t, currency), null)
    if (price === null && !broken) {
      broken = true
      fail('price', 'The price is required')
    }
    const category = (cells.category ?? '').trim()
    if (category.length > 100) {
      broken = true
      fail('category', 'Use at most 100 characters')
    }
    const input = {
      sku,
      name: cells.name ?? '',
      description: (cells.description ?? '').trim(),
      price: price ?? 0,
      compareAtPrice: read('compare_at_price', (t) => parseAmountCell(t, currency), null),
      stock: read('stock', parseStock, null),
      active: read('active', parseActive, true),
      options: read('options', parseOptions, []),
      images: read('image_urls', parseImages, []),
      variants: [],
    } as unknown as ProductInput
    groups.set(sku || `#${line}`, {
      row: line,
      variantRows: [],
      category: category || null,
      input,
      broken,
    })
  }

  for (const { line, cells } of variantRows) {
    const sku = (cells.sku ?? '').trim()
    const parentSku = (cells.parent_sku ?? '').trim()
    const fail = (column: string, message: string) =>
      errors.push({ row: line, sku, column, message })
    const group = groups.get(parentSku)
    if (!group) {
      fail('parent_sku', `No product row has the SKU "${parentSku}"`)
      continue
    }
    let broken = false
    const read = <T>(column: ProductColumn, parse: (text: string) => T, fallback: T): T => {
      try {
        return parse(cells[column] ?? '')
      } catch (error) {
        broken = true
        fail(column, (error as Error).message)
        return fallback
      }
    }
    const variant = {
      sku,
      options: read('variant_options', parseVariantOptions, {}),
      price: read('price', (t) => parseAmountCell(t, currency), null),
      compareAtPrice: read('compare_at_price', (t) => parseAmountCell(t, currency), null),
      stock: read('stock', parseStock, null),
      active: read('active', parseActive, true),
    }
    group.variantRows.push(line)
    group.input.variants = [...(group.input.variants ?? []), variant]
    if (broken) group.broken = true
  }

  const valid: ProductGroup[] = []
  for (const group of groups.values()) {
    if (group.broken) continue
    const result = createProductSchema.safeParse(group.input)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const [first, index, field] = issue.path
        if (first === 'variants' && typeof index === 'number') {
          const line = group.variantRows[index] ?? group.row
          const column = VARIANT_FIELD_COLUMN[String(field)] ?? 'variant_options'
          const sku = group.input.variants?.[index]?.sku ?? ''
          errors.push({ row: line, sku, column, message: issue.message })
        } else {
          const column = FIELD_COLUMN[String(first)] ?? String(first ?? '')
          errors.push({ row: group.row, sku: group.input.sku, column, message: issue.message })
        }
      }
      continue
    }
    const input = result.data
    const optionError = checkVariantOptions(input)
    if (optionError) {
      const line = group.variantRows[optionError.index] ?? group.row
      errors.push({
        row: line,
        sku: input.variants?.[optionError.index]?.sku ?? '',
        column: 'variant_options',
        message: optionError.message,
      })
      continue
    }
    valid.push({ row: group.row, variantRows: group.variantRows, category: group.category, input })
  }
  errors.sort((a, b) => a.row - b.row)
  return { groups: valid, errors }
}

/** Each variant picks one value of every option of its product, and no two variants alike. */
function checkVariantOptions(input: ProductInput): { index: number; message: string } | null {
  const options = input.options ?? []
  const variants = input.variants ?? []
  if (variants.length > 0 && options.length === 0)
    return { index: 0, message: 'Give the product row its options before its variants' }
  const seen = new Set<string>()
  for (const [index, variant] of variants.entries()) {
    for (const option of options) {
      const value = variant.options[option.name]
      if (value === undefined) return { index, message: `Choose a value of ${option.name}` }
      if (!option.values.includes(value))
        return { index, message: `"${value}" is not a value of ${option.name}` }
    }
    for (const name of Object.keys(variant.options)) {
      if (!options.some((o) => o.name === name))
        return { index, message: `"${name}" is not an option` }
    }
    const key = JSON.stringify(options.map((o) => variant.options[o.name]))
    if (seen.has(key)) return { index, message: 'Another variant has these options' }
    seen.add(key)
  }
  return null
}

function amountCell(amount: number | null, currency: string): string {
  return amount === null ? '' : toMajorUnits(amount, currency)
}

/** The catalog as product CSV rows, header first: each product, then its variants. */
export function productCsvRows(args: {
  products: ProductRow[]
  variants: ProductVariantRow[]
  categories: CategoryRow[]
  currency: string
  publicUrl: string
}): string[][] {
  const categoryNames = new Map(args.categories.map((c) => [c.id, c.name]))
  const rows: string[][] = [[...PRODUCT_COLUMNS]]
  // Names, descriptions, categories and options are the merchant's text, maybe pasted from
  // elsewhere: no cell may start a spreadsheet formula (the import takes the escaping back).
  const push = (cells: string[]) => rows.push(cells.map(spreadsheetSafe))
  for (const product of args.products) {
    push([
      product.sku,
      '',
      product.name,
      product.description,
      amountCell(product.price, args.currency),
      amountCell(product.compare_at_price, args.currency),
      product.stock === null ? '' : String(product.stock),
      (product.category_id && categoryNames.get(product.category_id)) ?? '',
      String(product.active),
      product.options.map((o) => `${o.name}: ${o.values.join(' | ')}`).join('; '),
      '',
      product.images.map((hash) => mediaUrl(args.publicUrl, hash)).join(' '),
    ])
    for (const variant of args.variants.filter((v) => v.product_id === product.id)) {
      push([
        variant.sku,
        product.sku,
        '',
        '',
        amountCell(variant.price, args.currency),
        amountCell(variant.compare_at_price, args.currency),
        variant.stock === null ? '' : String(variant.stock),
        '',
        String(variant.active),
        '',
        Object.entries(variant.options)
          .map(([name, value]) => `${name}: ${value}`)
          .join('; '),
        '',
      ])
    }
  }
  return rows
}
