import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// The same photo may be uploaded by two shops: an image hash is unique within a shop, not
// across all of them. /media/{hash} still finds the bytes by hash alone (identical input gives
// identical output), hence the plain index on hash.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table images drop constraint images_hash_key`.execute(db)
  await sql`create unique index images_shop_hash_key on images (shop_id, hash)`.execute(db)
  await sql`create index images_hash_idx on images (hash)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index images_hash_idx`.execute(db)
  await sql`drop index images_shop_hash_key`.execute(db)
  await sql`alter table images add constraint images_hash_key unique (hash)`.execute(db)
}
