import type { Transaction } from 'kysely'
import { sql } from 'kysely'
import type { Database } from './database.ts'

/**
 * Runs `fn` inside a savepoint of the current transaction: when it throws, only its own writes
 * are undone and the transaction goes on. Savepoints nest: each
 * release or rollback names the most recent one of that name.
 */
export async function withSavepoint<T>(
  trx: Transaction<Database>,
  fn: () => Promise<T>,
): Promise<T> {
  await sql`savepoint chatcart_savepoint`.execute(trx)
  try {
    const result = await fn()
    await sql`release savepoint chatcart_savepoint`.execute(trx)
    return result
  } catch (error) {
    await sql`rollback to savepoint chatcart_savepoint`.execute(trx)
    throw error
  }
}
