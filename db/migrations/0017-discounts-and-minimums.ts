import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Discount codes and minimum orders. A discount is a code (stored as typed, unique per shop
// case-insensitively) taking either a percentage or a fixed amount off, with optional conditions
// (minimum subtotal, validity window, a cap on uses, once per customer, some categories only).
// `uses` counts the orders that hold the code and have not lapsed or been cancelled. A shop and
// each shipping method may require a minimum subtotal. An order keeps the code it used and the
// amount it saved.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('discounts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('percent_off', 'integer', (c) => c.check(sql`percent_off between 1 and 100`))
    .addColumn('amount_off', 'bigint', (c) => c.check(sql`amount_off > 0`))
    .addColumn('min_subtotal', 'bigint')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('max_uses', 'integer', (c) => c.check(sql`max_uses > 0`))
    .addColumn('once_per_customer', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('category_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0).check(sql`uses >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('discounts_one_kind', sql`(percent_off is null) <> (amount_off is null)`)
    .execute()
  await sql`create unique index discounts_shop_code_idx on discounts (shop_id, lower(code))`.execute(
    db,
  )
  await db.schema.alterTable('shops').addColumn('min_order_amount', 'bigint').execute()
  await db.schema.alterTable('shipping_methods').addColumn('min_order_amount', 'bigint').execute()
  await db.schema
    .alterTable('orders')
    .addColumn('discount_id', 'uuid', (c) => c.references('discounts.id').onDelete('set null'))
    .addColumn('discount_code', 'text')
    .addColumn('discount_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createIndex('orders_discount_phone_idx')
    .on('orders')
    .columns(['discount_id', 'customer_phone'])
    .where(sql.ref('discount_id'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_discount_phone_idx').execute()
  await db.schema
    .alterTable('orders')
    .dropColumn('discount_id')
    .dropColumn('discount_code')
    .dropColumn('discount_total')
    .execute()
  await db.schema.alterTable('shipping_methods').dropColumn('min_order_amount').execute()
  await db.schema.alterTable('shops').dropColumn('min_order_amount').execute()
  await db.schema.dropTable('discounts').execute()
}
