import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Closed dates (holidays) beside the weekly opening hours: a JSON array of
// `{ "date": "YYYY-MM-DD", "label"?: "…" }` in the shop's time zone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    .addColumn('closed_dates', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(closed_dates) = 'array'`),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shops').dropColumn('closed_dates').execute()
}
