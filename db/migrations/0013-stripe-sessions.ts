import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// The Stripe Checkout Session of an order: one row per order, so an order never has more than one
// live session. `claimed_until` leases the row to the process asking Stripe for a new session
// (and, after a failure, holds the next attempt back for a while).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stripe_checkout_sessions')
    .addColumn('order_id', 'uuid', (c) =>
      c.primaryKey().references('orders.id').onDelete('cascade'),
    )
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('session_id', 'text')
    .addColumn('url', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema
    .createIndex('stripe_checkout_sessions_shop_idx')
    .on('stripe_checkout_sessions')
    .column('shop_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stripe_checkout_sessions').execute()
}
