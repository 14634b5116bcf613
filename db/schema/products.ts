import type { Generated, Selectable } from 'kysely'
import type { JsonWithDefault } from './json.ts'

/** A product option such as `{ name: 'Size', values: ['S', 'M', 'L'] }`. */
export interface ProductOption {
  name: string
  values: string[]
}

export interface ProductsTable {
  id: Generated<string>
  shop_id: string
  category_id: string | null
  sku: string
  slug: string
  name: string
  description: Generated<string>
  price: number
  compare_at_price: number | null
  /** null means unlimited. */
  stock: number | null
  active: Generated<boolean>
  position: Generated<number>
  options: JsonWithDefault<ProductOption[]>
  /** Image hashes, first one is the cover. */
  images: JsonWithDefault<string[]>
  created_at: Generated<Date>
  updated_at: Generated<Date>
}
export type ProductRow = Selectable<ProductsTable>

export interface ProductVariantsTable {
  id: Generated<string>
  shop_id: string
  product_id: string
  sku: string
  /** The chosen value per option name, e.g. `{ Size: 'M' }`. */
  options: JsonWithDefault<Record<string, string>>
  /** null means the product's price. */
  price: number | null
  compare_at_price: number | null
  stock: number | null
  active: Generated<boolean>
  position: Generated<number>
}
export type ProductVariantRow = Selectable<ProductVariantsTable>
