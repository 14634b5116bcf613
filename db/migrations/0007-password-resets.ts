import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Password-reset links, sent by e-mail or printed by `npm run admin -- reset-password`. Only the
// hash of a link's token is stored, as for sessions and invites; each works once, briefly.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('merchant_id', 'uuid', (c) =>
      c.notNull().references('merchants.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
  // Recent requests per merchant (the per-account limit) and the purge of expired links.
  await db.schema
    .createIndex('password_resets_merchant_idx')
    .on('password_resets')
    .columns(['merchant_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('password_resets_expires_idx')
    .on('password_resets')
    .column('expires_at')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_resets').execute()
}
