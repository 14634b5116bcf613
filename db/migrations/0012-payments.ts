import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Payment requests: a shop's payment methods (a JSON array of `{ "type": "pix", … }`, see
// core/payments) and, on an order, how it was paid: the method, the payment's reference (a
// transfer id, Stripe's payment intent), the amount in the currency's minor units and when.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    .addColumn('payments', 'jsonb', (c) =>
      c.notNull().defaultTo(sql`'[]'::jsonb`).check(sql`jsonb_typeof(payments) = 'array'`),
    )
    .execute()
  await db.schema
    .alterTable('orders')
    .addColumn('paid_method', 'text')
    .addColumn('paid_reference', 'text')
    .addColumn('paid_amount', 'bigint')
    .addColumn('paid_at', 'timestamptz')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('orders')
    .dropColumn('paid_method')
    .dropColumn('paid_reference')
    .dropColumn('paid_amount')
    .dropColumn('paid_at')
    .execute()
  await db.schema.alterTable('shops').dropColumn('payments').execute()
}
