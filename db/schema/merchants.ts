import type { Generated, Selectable } from 'kysely'

export interface MerchantsTable {
  id: Generated<string>
  email: string
  password_hash: string
  created_at: Generated<Date>
}
export type MerchantRow = Selectable<MerchantsTable>
