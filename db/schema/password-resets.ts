import type { Generated } from 'kysely'

/** A password-reset link: only the hash of its token is kept; it works once, until it expires. */
export interface PasswordResetsTable {
  id: Generated<string>
  merchant_id: string
  token_hash: string
  created_at: Generated<Date>
  expires_at: Date
  used_at: Date | null
}
