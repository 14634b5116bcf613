import { setImmediate as nextTurn } from 'node:timers/promises'
import type { z } from 'zod'
import { currencyDigits, toMajorUnits } from '../../core/money.ts'
import { variantOptionsProblem } from '../../core/variant-options.ts'
import type { CategoryRow } from '../../db/schema/categories.ts'
import type { ProductRow, ProductVariantRow } from '../../db/schema/products.ts'
import { createProductSchema } from '../catalog/catalog-schema.ts'
import { mediaUrl } from '../shops/shop-json.ts'
import { type CsvRecord, fromSpreadsheetSafe, spreadsheetSafe } from './csv.ts'

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
  /** Row of the file as a spreadsheet numbers it, the header being row 1. */
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
 * How a file writes decimals, decided by its separator. A comma-separated file (our export, most
 * software in English) writes `19.90`. A semicolon-separated file comes from a spreadsheet set to
 * a decimal comma (France, Germany, Brazil…) and writes `19,90`, maybe grouping thousands with `.`
 * or spaces (`1.234,50`, `1 234,50`). A tab-separated file may come from either.
 */
export type DecimalStyle = 'point' | 'comma' | 'either'

/** The decimal style of a file written with `separator`. */
export function decimalStyleOf(separator: string): DecimalStyle {
  if (separator === ';') return 'comma'
  if (separator === '\t') return 'either'
  return 'point'
}

const GROUPED: Record<string, RegExp> = {
  ' ': /^\d{1,3}(?: \d{3})+$/,
  '.': /^\d{1,3}(?:\.\d{3})+$/,
  ',': /^\d{1,3}(?:,\d{3})+$/,
}

/**
 * An amount in major units as minor units, or null for an empty cell; throws a message for
 * anything else.
 *
 * `point` (comma-separated files): a plain number with a `.` decimal point, `19.90` or `5`.
 * `comma` and `either`: thousands may be grouped by `.`, `,` or spaces, and the decimal mark is
 * the last mark when both appear (`1.234,50`, `1,234.50`) or when one mark appears once and is not
 * followed by exactly three digits (`12,50`, `12.5`). A single mark followed by three digits is a
 * decimal comma in a `comma` file (`1,234`, refused for a 2-decimal currency) while `.` groups
 * thousands there (`1.234` = 1234); in an `either` file it could be read both ways and is refused,
 * unless the currency has no decimals.
 * @example parseAmountCell('1.234,50', 'EUR', 'comma') // 123450
 */
export function parseAmountCell(
  text: string,
  currency: string,
  style: DecimalStyle = 'point',
): number | null {
  const value = text.trim().replace(/[\s\u00a0\u202f]+/g, ' ')
  if (value === '') return null
  const digits = currencyDigits(currency)
  const example = digits === 0 ? '1990' : style === 'comma' ? '19,90' : '19.90'
  const plain = new Error(`use a plain number such as ${example}`)
  let whole: string
  let fraction: string
  if (style === 'point') {
    const match = /^(\d{1,9})(?:\.(\d+))?$/.exec(value)
    if (!match?.[1]) throw plain
    whole = match[1]
    fraction = match[2] ?? ''
  } else {
    if (!/^\d(?:[\d., ]*\d)?$/.test(value)) throw plain
    const last = Math.max(value.lastIndexOf('.'), value.lastIndexOf(','))
    const mark = last < 0 ? '' : value.charAt(last)
    let decimal = false
    if (mark !== '' && value.split(mark).length === 2) {
      const other = mark === '.' ? ',' : '.'
      if (value.includes(other) || value.length - last - 1 !== 3) decimal = true
      else if (style === 'comma') decimal = mark === ','
      else if (digits > 0) {
        const thousands = value.replace(mark, '')
        throw new Error(
          `"${value}" could mean ${thousands} or a decimal: write ${thousands} without a thousands separator, or the price with ${digits} decimal${digits === 1 ? '' : 's'}`,
        )
      }
    }
    whole = decimal ? value.slice(0, last) : value
    fraction = decimal ? value.slice(last + 1) : ''
    const groups = [' ', '.', ','].filter((g) => whole.includes(g))
    const group = groups[0]
    if (groups.length > 1 || (group && !GROUPED[group]?.test(whole))) throw plain
    if (group) whole = whole.split(group).join('')
    if (!/^\d{1,9}$/.test(whole) || !/^\d*$/.test(fraction)) throw plain
  }
  if (fraction.length > digits) {
    throw new Error(`${currency} has ${digits} decimal${digits === 1 ? '' : 's'} at most`)
  }
  return Number(`${whole}${fraction.padEnd(digits, '0')}`)
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

/** Rows checked between two turns of the event loop. */
const ROWS_PER_TURN = 100

/** The header's columns, lower-cased, and what is wrong with them (unknown or missing). */
function readHeader(header: CsvRecord): { columns: string[]; errors: RowError[] } {
  const columns = header.cells.map((h) => h.trim().toLowerCase())
  const errors: RowError[] = []
  const fail = (column: string, message: string) =>
    errors.push({ row: header.row, sku: '', column, message })
  for (const name of columns) {
    if (!(PRODUCT_COLUMNS as readonly string[]).includes(name))
      fail(name, `Unknown column "${name}"`)
  }
  for (const name of REQUIRED_COLUMNS) {
    if (!columns.includes(name)) fail(name, `The column "${name}" is missing`)
  }
  return { columns, errors }
}

/**
 * Reads the cells of one row with parsers; a cell that does not parse is reported on its column,
 * gives the fallback, and marks the row broken.
 */
function rowReader(cells: Cells, fail: (column: string, message: string) => void) {
  const reader = {
    broken: false,
    read<T>(column: ProductColumn, parse: (text: string) => T, fallback: T): T {
      try {
        return parse(cells[column] ?? '')
      } catch (error) {
        reader.broken = true
        fail(column, (error as Error).message)
        return fallback
      }
    },
  }
  return reader
}

type Amount = (text: string) => number | null
type OpenGroup = ProductGroup & { broken: boolean }

/** A product row as the product it starts (its variants come from later rows). */
function productRow(
  line: number,
  cells: Cells,
  amount: Amount,
  fail: (c: string, m: string) => void,
): OpenGroup {
  const reader = rowReader(cells, fail)
  const price = reader.read('price', amount, null)
  if (price === null && !reader.broken) {
    reader.broken = true
    fail('price', 'The price is required')
  }
  const category = (cells.category ?? '').trim()
  if (category.length > 100) {
    reader.broken = true
    fail('category', 'Use at most 100 characters')
  }
  const input = {
    sku: (cells.sku ?? '').trim(),
    name: cells.name ?? '',
    description: (cells.description ?? '').trim(),
    price: price ?? 0,
    compareAtPrice: reader.read('compare_at_price', amount, null),
    stock: reader.read('stock', parseStock, null),
    active: reader.read('active', parseActive, true),
    options: reader.read('options', parseOptions, []),
    images: reader.read('image_urls', parseImages, []),
    variants: [],
  } as unknown as ProductInput
  return { row: line, variantRows: [], category: category || null, input, broken: reader.broken }
}

/** Adds a variant row to its product's group. */
function addVariantRow(
  group: OpenGroup,
  line: number,
  cells: Cells,
  amount: Amount,
  fail: (c: string, m: string) => void,
) {
  const reader = rowReader(cells, fail)
  const variant = {
    sku: (cells.sku ?? '').trim(),
    options: reader.read('variant_options', parseVariantOptions, {}),
    price: reader.read('price', amount, null),
    compareAtPrice: reader.read('compare_at_price', amount, null),
    stock: reader.read('stock', parseStock, null),
    active: reader.read('active', parseActive, true),
  }
  group.variantRows.push(line)
  group.input.variants = [...(group.input.variants ?? []), variant]
  if (reader.broken) group.broken = true
}

/**
 * A whole product (its row and its variants' rows) checked against the catalog's product schema
 * and the variant rule; the errors point at the row and column of each problem.
 */
function checkGroup(group: OpenGroup): { group: ProductGroup } | { errors: RowError[] } {
  const result = createProductSchema.safeParse(group.input)
  if (!result.success) {
    return {
      errors: result.error.issues.map((issue) => {
        const [first, index, field] = issue.path
        if (first === 'variants' && typeof index === 'number') {
          const line = group.variantRows[index] ?? group.row
          const column = VARIANT_FIELD_COLUMN[String(field)] ?? 'variant_options'
          const sku = group.input.variants?.[index]?.sku ?? ''
          return { row: line, sku, column, message: issue.message }
        }
        const column = FIELD_COLUMN[String(first)] ?? String(first ?? '')
        return { row: group.row, sku: group.input.sku, column, message: issue.message }
      }),
    }
  }
  const input = result.data
  const problem = variantOptionsProblem(input.options ?? [], input.variants ?? [])
  if (problem) {
    const row = group.variantRows[problem.index] ?? group.row
    const sku = input.variants?.[problem.index]?.sku ?? ''
    return { errors: [{ row, sku, column: 'variant_options', message: problem.message }] }
  }
  return {
    group: { row: group.row, variantRows: group.variantRows, category: group.category, input },
  }
}

/**
 * Reads the rows of a product CSV into products with their variants, each checked against the
 * catalog's own product schema. Returns every error found, row by row, and the products when
 * there is none. Database checks (SKUs of other products, images) come after.
 */
export async function readProductRows(
  records: CsvRecord[],
  options: { currency: string; decimals: DecimalStyle },
): Promise<{ groups: ProductGroup[]; errors: RowError[] }> {
  const amount = (text: string) => parseAmountCell(text, options.currency, options.decimals)
  const [header, ...data] = records
  if (!header)
    return { groups: [], errors: [{ row: 1, sku: '', column: '', message: 'The file is empty' }] }
  const { columns, errors } = readHeader(header)
  if (errors.length > 0) return { groups: [], errors }

  const groups = new Map<string, OpenGroup>()
  const seenSkus = new Map<string, number>()
  const variantRows: { line: number; cells: Cells }[] = []
  for (const [index, { row: line, cells: row }] of data.entries()) {
    // A large file is checked in slices with a turn of the event loop between them, so pages
    // and checkouts keep being served meanwhile.
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn()
    const cells: Cells = {}
    // Our own export neutralised formula-like cells; take them back as they were typed.
    columns.forEach((name, i) => {
      cells[name as ProductColumn] = fromSpreadsheetSafe(row[i] ?? '')
    })
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
    if ((cells.parent_sku ?? '').trim() !== '') variantRows.push({ line, cells })
    else groups.set(sku || `#${line}`, productRow(line, cells, amount, fail))
  }

  for (const { line, cells } of variantRows) {
    const sku = (cells.sku ?? '').trim()
    const fail = (column: string, message: string) =>
      errors.push({ row: line, sku, column, message })
    const parentSku = (cells.parent_sku ?? '').trim()
    const group = groups.get(parentSku)
    if (group) addVariantRow(group, line, cells, amount, fail)
    else fail('parent_sku', `No product row has the SKU "${parentSku}"`)
  }

  const valid: ProductGroup[] = []
  for (const [index, group] of [...groups.values()].entries()) {
    // Checking a product against the schema costs more than reading its row: in slices too.
    if (index > 0 && index % ROWS_PER_TURN === 0) await nextTurn()
    if (group.broken) continue
    const checked = checkGroup(group)
    if ('group' in checked) valid.push(checked.group)
    else errors.push(...checked.errors)
  }
  errors.sort((a, b) => a.row - b.row)
  return { groups: valid, errors }
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
