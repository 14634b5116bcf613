import type { Generated } from 'kysely'

export interface MerchantsTable {
  id: Generated<string>
  email: string
  password_hash: string
  created_at: Generated<Date>
}
