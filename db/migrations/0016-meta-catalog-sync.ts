import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Meta catalog sync: a shop's `meta_catalog_id`, and `meta_catalog_items`, the durable outbox of
// the SKUs whose catalog item must be sent again (one row per shop and SKU; the worker reads the
// product as it is when it sends, so the latest state wins). Triggers queue the SKUs in the
// transaction of every change, whoever writes it (the admin, the CSV import, an order):
// - a product whose `updated_at` moves (every owner edit sets it) or whose availability flips
//   (stock reaching 0, or back above it); an order that only lowers the stock of a product that
//   stays in stock queues nothing, so checkout pays for nothing but the trigger's WHEN;
// - a variant added, removed, changed or flipping availability (with its product's SKU when added
//   or removed: a product with variants is no catalog item of its own);
// - every SKU of the shop when its catalog id is set or changed.
// `version` grows with each queueing, so a send that raced with a newer change does not mark it
// synced. `in_catalog` is what the last synced request left in Meta's catalog: false for a SKU first
// queued by a change (nothing sent it yet), null (unknown) for those queued when the catalog id
// is set, since a feed file may have put them there.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shops').addColumn('meta_catalog_id', 'text').execute()

  await db.schema
    .createTable('meta_catalog_items')
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('product_id', 'uuid')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'sending', 'checking', 'synced', 'failed')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('method', 'text')
    .addColumn('handle', 'text')
    .addColumn('error', 'text')
    .addColumn('in_catalog', 'boolean')
    .addColumn('synced_at', 'timestamptz')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('meta_catalog_items_pkey', ['shop_id', 'sku'])
    .execute()
  await sql`create index meta_catalog_items_due on meta_catalog_items (next_attempt_at)
    where state in ('pending', 'sending', 'checking')`.execute(db)
  await sql`create index meta_catalog_items_product on meta_catalog_items (shop_id, product_id)`.execute(
    db,
  )

  await sql`
    create function chatcart_queue_catalog_items(p_shop uuid, p_skus text[], p_product uuid)
    returns void language sql as $$
      insert into meta_catalog_items (shop_id, sku, product_id, in_catalog)
      select s.id, u.sku, p_product, false
      from shops s, (select distinct x.sku from unnest(p_skus) as x(sku)) as u
      where s.id = p_shop and s.meta_catalog_id is not null and u.sku is not null
      on conflict (shop_id, sku) do update set
        product_id = coalesce(excluded.product_id, meta_catalog_items.product_id),
        state = 'pending', version = meta_catalog_items.version + 1, attempts = 0,
        next_attempt_at = now(), error = null, handle = null, changed_at = now()
    $$`.execute(db)

  await sql`
    create function chatcart_catalog_product_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        perform chatcart_queue_catalog_items(old.shop_id, array[old.sku], old.id);
      elsif tg_op = 'INSERT' then
        perform chatcart_queue_catalog_items(new.shop_id, array[new.sku], new.id);
      else
        perform chatcart_queue_catalog_items(new.shop_id,
          array[old.sku, new.sku] || array(select v.sku from product_variants v
            where v.shop_id = new.shop_id and v.product_id = new.id), new.id);
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger products_catalog_insert_delete after insert or delete on products
    for each row execute function chatcart_catalog_product_changed()`.execute(db)
  await sql`create trigger products_catalog_update after update on products for each row
    when (old.updated_at is distinct from new.updated_at or old.sku is distinct from new.sku
      or (coalesce(old.stock, 1) > 0) is distinct from (coalesce(new.stock, 1) > 0))
    execute function chatcart_catalog_product_changed()`.execute(db)

  await sql`
    create function chatcart_catalog_variant_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        perform chatcart_queue_catalog_items(new.shop_id, array[old.sku, new.sku], new.product_id);
      elsif tg_op = 'INSERT' then
        perform chatcart_queue_catalog_items(new.shop_id,
          array[new.sku] || array(select p.sku from products p where p.id = new.product_id),
          new.product_id);
      else
        perform chatcart_queue_catalog_items(old.shop_id,
          array[old.sku] || array(select p.sku from products p where p.id = old.product_id),
          old.product_id);
      end if;
      return null;
    end $$`.execute(db)
  await sql`create trigger product_variants_catalog_insert_delete
    after insert or delete on product_variants
    for each row execute function chatcart_catalog_variant_changed()`.execute(db)
  await sql`create trigger product_variants_catalog_update after update on product_variants
    for each row when (
      (old.sku, old.options, old.price, old.compare_at_price, old.active)
        is distinct from (new.sku, new.options, new.price, new.compare_at_price, new.active)
      or (coalesce(old.stock, 1) > 0) is distinct from (coalesce(new.stock, 1) > 0))
    execute function chatcart_catalog_variant_changed()`.execute(db)

  await sql`
    create function chatcart_catalog_shop_changed() returns trigger language plpgsql as $$
    begin
      insert into meta_catalog_items (shop_id, sku, product_id)
      select new.id, p.sku, p.id from products p where p.shop_id = new.id
      union all
      select new.id, v.sku, v.product_id from product_variants v where v.shop_id = new.id
      on conflict (shop_id, sku) do update set
        product_id = excluded.product_id, state = 'pending',
        version = meta_catalog_items.version + 1, attempts = 0, next_attempt_at = now(),
        error = null, handle = null, in_catalog = null, changed_at = now();
      return null;
    end $$`.execute(db)
  await sql`create trigger shops_catalog_changed after update of meta_catalog_id on shops
    for each row when (new.meta_catalog_id is not null
      and new.meta_catalog_id is distinct from old.meta_catalog_id)
    execute function chatcart_catalog_shop_changed()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger shops_catalog_changed on shops`.execute(db)
  await sql`drop trigger product_variants_catalog_update on product_variants`.execute(db)
  await sql`drop trigger product_variants_catalog_insert_delete on product_variants`.execute(db)
  await sql`drop trigger products_catalog_update on products`.execute(db)
  await sql`drop trigger products_catalog_insert_delete on products`.execute(db)
  await sql`drop function chatcart_catalog_shop_changed()`.execute(db)
  await sql`drop function chatcart_catalog_variant_changed()`.execute(db)
  await sql`drop function chatcart_catalog_product_changed()`.execute(db)
  await sql`drop function chatcart_queue_catalog_items(uuid, text[], uuid)`.execute(db)
  await db.schema.dropTable('meta_catalog_items').execute()
  await db.schema.alterTable('shops').dropColumn('meta_catalog_id').execute()
}
