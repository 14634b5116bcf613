import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Invites let a self-hosted instance's owner bring in other merchants when sign-up is by invite
// only. Only the hash of an invite's token is stored, as for sessions.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invites')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('merchant_id', 'uuid', (c) =>
      c.notNull().references('merchants.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('used_by', 'uuid', (c) => c.references('merchants.id').onDelete('set null'))
    .execute()
  await db.schema.createIndex('invites_merchant_idx').on('invites').column('merchant_id').execute()
  // The purge sweeps find expired sessions and stale rate-limit rows by these.
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute()
  await db.schema
    .createIndex('rate_limits_reset_idx')
    .on('rate_limits')
    .column('reset_at')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rate_limits_reset_idx').execute()
  await db.schema.dropIndex('sessions_expires_idx').execute()
  await db.schema.dropTable('invites').execute()
}
