import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Product lists are read a page at a time in display order (position, created_at, id): the
// storefront and the public catalog read active products only, optionally of one category; the
// admin reads all of them. These indexes serve the keyset, so page 200 of a 10,000-product shop
// costs what page 1 does.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index products_shop_display_order_idx
    on products (shop_id, position, created_at, id)`.execute(db)
  await sql`create index products_shop_active_display_order_idx
    on products (shop_id, position, created_at, id) where active`.execute(db)
  await sql`create index products_shop_category_display_order_idx
    on products (shop_id, category_id, position, created_at, id) where active`.execute(db)
  // The display-order index starts with (shop_id, position): the old one only repeats it.
  await sql`drop index products_shop_position_idx`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index products_shop_position_idx on products (shop_id, position)`.execute(db)
  await sql`drop index products_shop_category_display_order_idx`.execute(db)
  await sql`drop index products_shop_active_display_order_idx`.execute(db)
  await sql`drop index products_shop_display_order_idx`.execute(db)
}
