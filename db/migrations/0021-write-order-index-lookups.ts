import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// chatcart_write_order runs with sequential scans off. Its statements are all lookups by key, but
// on a young table the planner prefers a sequential scan, and the foreign-key checks its inserts
// fire keep their first plan for the connection's life: on a fresh database each order scanned
// the whole orders table 5 times (its 3 lines and its event check their order) and shops 9 times,
// longer with every order. With the setting, those checks are index lookups from the start.
// A later `create or replace` of the function must say `set enable_seqscan = off` again.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter function chatcart_write_order(jsonb) set enable_seqscan = off`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter function chatcart_write_order(jsonb) reset enable_seqscan`.execute(db)
}
