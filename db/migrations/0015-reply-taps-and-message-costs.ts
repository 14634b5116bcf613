import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// One-tap replies and what automatic messages cost:
// - shops: `auto_confirm_reply` (the automatic confirmation, on by default) and
//   `monthly_message_cap` (at most this many messages sent by Chatcart per calendar month, UTC;
//   null = no cap). Taps on a one-tap reply are order events (type 'reply_tapped'): no table.
// - outbound_messages: the pricing Meta's status webhooks report (`pricing.category`,
//   `pricing.type`), stored once per message; an index counts a shop's sent messages of a month.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shops')
    .addColumn('auto_confirm_reply', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('monthly_message_cap', 'integer', (c) =>
      c.check(sql`monthly_message_cap is null or monthly_message_cap >= 0`),
    )
    .execute()
  await db.schema
    .alterTable('outbound_messages')
    .addColumn('pricing_category', 'text')
    .addColumn('pricing_type', 'text')
    .execute()
  await sql`create index outbound_messages_shop_sent_idx on outbound_messages (shop_id, created_at)
    where wa_message_id is not null`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists outbound_messages_shop_sent_idx`.execute(db)
  await db.schema
    .alterTable('outbound_messages')
    .dropColumn('pricing_category')
    .dropColumn('pricing_type')
    .execute()
  await db.schema
    .alterTable('shops')
    .dropColumn('auto_confirm_reply')
    .dropColumn('monthly_message_cap')
    .execute()
}
