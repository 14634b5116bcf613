import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// The WhatsApp Business app on the same number (coexistence) and usernames:
// - inbound_messages also holds what the merchant sent from the app (`smb_message_echoes`, kind
//   'echo') and past chats (`history`, kind 'history'): `outgoing` marks the merchant's side, and
//   from_wa_id / from_user_id always name the customer. Edits and deletions of echoes land in
//   `edited_at` / `revoked_at`; `username` is the customer's WhatsApp username when shown.
// - orders: `merchant_replied_at` (the merchant answered from the app) and the username.
// - outbound_messages: a reply may go to a business-scoped user id (`recipient`) instead of a
//   number, so `to_wa_id` may be null; `skipped` rows say why an automatic reply was not sent.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inbound_messages')
    .addColumn('outgoing', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('username', 'text')
    .addColumn('edited_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  // The merchant's recent echoes to a customer: is the merchant talking to them right now?
  await sql`create index inbound_messages_echo_wa_idx on inbound_messages (shop_id, from_wa_id, sent_at)
    where kind = 'echo'`.execute(db)
  await sql`create index inbound_messages_echo_user_idx on inbound_messages (shop_id, from_user_id, sent_at)
    where kind = 'echo'`.execute(db)
  // A customer's messages by business-scoped user id (a user id update, a phone joining later).
  await sql`create index inbound_messages_user_id_idx on inbound_messages (from_user_id)
    where from_user_id is not null`.execute(db)

  await db.schema
    .alterTable('orders')
    .addColumn('merchant_replied_at', 'timestamptz')
    .addColumn('customer_username', 'text')
    .execute()
  // A customer's orders by user id: a user id update (any shop) and a number joining later.
  await sql`create index orders_customer_user_id_idx on orders (customer_user_id)
    where customer_user_id is not null`.execute(db)

  await sql`alter table outbound_messages alter column to_wa_id drop not null`.execute(db)
  await db.schema.alterTable('outbound_messages').addColumn('to_user_id', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbound_messages').dropColumn('to_user_id').execute()
  await sql`drop index if exists orders_customer_user_id_idx`.execute(db)
  await db.schema
    .alterTable('orders')
    .dropColumn('merchant_replied_at')
    .dropColumn('customer_username')
    .execute()
  await sql`drop index if exists inbound_messages_user_id_idx`.execute(db)
  await sql`drop index if exists inbound_messages_echo_user_idx`.execute(db)
  await sql`drop index if exists inbound_messages_echo_wa_idx`.execute(db)
  await db.schema
    .alterTable('inbound_messages')
    .dropColumn('outgoing')
    .dropColumn('username')
    .dropColumn('edited_at')
    .dropColumn('revoked_at')
    .execute()
}
