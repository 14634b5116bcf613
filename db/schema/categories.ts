import type { Generated, Selectable } from 'kysely'

export interface CategoriesTable {
  id: Generated<string>
  shop_id: string
  name: string
  position: Generated<number>
  created_at: Generated<Date>
}
export type CategoryRow = Selectable<CategoriesTable>
