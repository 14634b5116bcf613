import { sql } from 'kysely'
import type { DbOrTrx } from './database.ts'

/** A trivial round trip: throws when the database cannot be reached. */
export async function pingDatabase(db: DbOrTrx): Promise<void> {
  await sql`select 1`.execute(db)
}
