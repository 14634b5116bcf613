import type { Generated } from 'kysely'

export interface SessionsTable {
  id: Generated<string>
  merchant_id: string
  token_hash: string
  created_at: Generated<Date>
  expires_at: Date
}

export interface RateLimitsTable {
  key: string
  count: number
  reset_at: Date
}

export interface InvitesTable {
  id: Generated<string>
  /** Who made it. */
  merchant_id: string
  token_hash: string
  created_at: Generated<Date>
  expires_at: Date
  used_at: Date | null
  used_by: string | null
}
