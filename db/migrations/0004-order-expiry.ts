import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// A pending order that never reached WhatsApp lapses after its shop's expiry time and gives its
// stock back. The deadline is stored on the order at creation, so a sweep in any process (or
// after a restart) finds it with one indexed query.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    .addColumn('order_expiry_hours', 'integer', (c) =>
      c.notNull().defaultTo(24).check(sql`order_expiry_hours between 1 and 720`),
    )
    .execute()
  await db.schema.alterTable('orders').addColumn('expires_at', 'timestamptz').execute()
  await db.schema
    .alterTable('orders')
    .addColumn('out_of_stock_on_revival', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  // Orders already pending get the default deadline from their creation.
  await sql`update orders set expires_at = created_at + interval '24 hours'
            where status = 'pending'`.execute(db)
  await sql`alter table orders drop constraint orders_status_check`.execute(db)
  await sql`alter table orders add constraint orders_status_check check (status in
            ('pending','confirmed','paid','shipped','completed','cancelled','expired'))`.execute(db)
  await sql`create index orders_pending_expiry_idx on orders (expires_at)
            where status = 'pending'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index orders_pending_expiry_idx`.execute(db)
  await sql`update orders set status = 'cancelled' where status = 'expired'`.execute(db)
  await sql`alter table orders drop constraint orders_status_check`.execute(db)
  await sql`alter table orders add constraint orders_status_check check (status in
            ('pending','confirmed','paid','shipped','completed','cancelled'))`.execute(db)
  await db.schema.alterTable('orders').dropColumn('out_of_stock_on_revival').execute()
  await db.schema.alterTable('orders').dropColumn('expires_at').execute()
  await db.schema.alterTable('shops').dropColumn('order_expiry_hours').execute()
}
