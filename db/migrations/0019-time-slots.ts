import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Time slots. A shipping method may offer slots (`slots`: `{ weekly, durationMinutes,
// leadMinutes, capacity }`, weekly hours in the shop's time zone); an order keeps the slot it
// booked. `slot_bookings` counts the places taken per slot: chatcart_write_order (0018) now
// books the slot in the order's statement, refusing it past the method's capacity, and an order
// that lapses or is cancelled gives its place back. The stock rows are now locked and read in
// one statement per table (see step 3).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('shipping_methods')
    .addColumn('slots', 'jsonb', (c) =>
      c.check(sql`slots is null or jsonb_typeof(slots) = 'object'`),
    )
    .execute()
  await db.schema
    .alterTable('orders')
    .addColumn('slot_starts_at', 'timestamptz')
    .addColumn('slot_ends_at', 'timestamptz')
    .execute()
  await db.schema
    .createIndex('orders_shop_slot_idx')
    .on('orders')
    .columns(['shop_id', 'slot_starts_at'])
    .where(sql.ref('slot_starts_at'), 'is not', null)
    .execute()
  await db.schema
    .createTable('slot_bookings')
    .addColumn('shipping_method_id', 'uuid', (c) =>
      c.notNull().references('shipping_methods.id').onDelete('cascade'),
    )
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().check(sql`booked >= 0`))
    .addPrimaryKeyConstraint('slot_bookings_pkey', ['shipping_method_id', 'starts_at'])
    .execute()
  await writeOrderFunction(db, true)

  // An order that lapses or is cancelled gives its place back; one brought back takes it again
  // (even past the capacity: the merchant chose to revive it). Only orders with a slot fire it.
  await sql`
    create function chatcart_slot_bookings() returns trigger language plpgsql as $$
    begin
      if new.status in ('expired', 'cancelled') and old.status not in ('expired', 'cancelled') then
        update slot_bookings set booked = greatest(booked - 1, 0)
        where shipping_method_id = new.shipping_method_id and starts_at = new.slot_starts_at;
      elsif old.status in ('expired', 'cancelled')
        and new.status not in ('expired', 'cancelled') then
        update slot_bookings set booked = booked + 1
        where shipping_method_id = new.shipping_method_id and starts_at = new.slot_starts_at;
      end if;
      return null;
    end
    $$`.execute(db)
  await sql`
    create trigger orders_slot_bookings after update of status on orders
    for each row when (new.slot_starts_at is not null and old.status is distinct from new.status)
    execute function chatcart_slot_bookings()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger orders_slot_bookings on orders`.execute(db)
  await sql`drop function chatcart_slot_bookings()`.execute(db)
  await writeOrderFunction(db, false)
  await db.schema.dropTable('slot_bookings').execute()
  await db.schema.dropIndex('orders_shop_slot_idx').execute()
  await db.schema
    .alterTable('orders')
    .dropColumn('slot_starts_at')
    .dropColumn('slot_ends_at')
    .execute()
  await db.schema.alterTable('shipping_methods').dropColumn('slots').execute()
}

/** chatcart_write_order as 0018 wrote it, with the time slot's booking when `slots`. */
async function writeOrderFunction(db: Kysely<any>, slots: boolean): Promise<void> {
  await sql`
    create or replace function chatcart_write_order(p jsonb) returns setof orders
    language plpgsql as $$
    declare
      v_shop uuid := (p->'order'->>'shop_id')::uuid;
      v_hit rate_limits;
      v_short uuid;
      v_order orders;
      v_once boolean;
      v_stock jsonb;
      v_variant_stock jsonb;
    begin
      -- 1. The catalog values the order was priced from, when they came from a cache.
      if p ? 'priced_from' and not (
        exists (
          select from shops s, jsonb_to_record(p->'priced_from'->'shop') as e(name text,
            currency text, locale text, whatsapp_phone text, order_expiry_hours int)
          where s.id = v_shop and s.published and s.name = e.name and s.currency = e.currency
            and s.locale = e.locale and s.whatsapp_phone = e.whatsapp_phone
            and s.order_expiry_hours = e.order_expiry_hours)
        and (jsonb_typeof(p->'priced_from'->'shipping') is distinct from 'object' or exists (
          select from shipping_methods m, jsonb_to_record(p->'priced_from'->'shipping') as e(
            id uuid, name text, price bigint, free_over bigint, requires_address boolean)
          where m.id = e.id and m.shop_id = v_shop and m.active and m.name = e.name
            and m.price = e.price and m.free_over is not distinct from e.free_over
            and m.requires_address = e.requires_address))
        and (
          select count(*) from jsonb_to_recordset(p->'priced_from'->'skus') as e(sku text,
            "productId" uuid, "variantId" uuid, "productName" text, "variantOptions" jsonb,
            price bigint)
          join products pr on pr.id = e."productId" and pr.shop_id = v_shop and pr.active
            and pr.name = e."productName"
          left join product_variants va on va.id = e."variantId"
          where case when e."variantId" is null then pr.sku = e.sku and pr.price = e.price
            else va.product_id = pr.id and va.active and va.sku = e.sku
              and coalesce(va.price, pr.price) = e.price and va.options = e."variantOptions" end
        ) = jsonb_array_length(p->'priced_from'->'skus')
      ) then
        raise exception using errcode = 'P0001', message = 'stale';
      end if;

      -- 2. The idempotency key with its answer; a key held by an earlier request writes nothing.
      if p ? 'idempotency' then
        insert into idempotency_keys as k (shop_id, key, request_hash, response_status,
          response_body)
        values (v_shop, p->'idempotency'->>'key', p->'idempotency'->>'request_hash',
          (p->'idempotency'->>'status')::int, p->'idempotency'->'body')
        on conflict (shop_id, key) do update set request_hash = excluded.request_hash,
          response_status = excluded.response_status, response_body = excluded.response_body,
          created_at = now()
        -- A key older than 24 hours may be used afresh.
        where k.created_at < now() - interval '24 hours';
        if not found then
          return;
        end if;
      end if;

      -- 3. The stock: rows locked in one global order (products, then variants, each by id) so
      -- concurrent carts cannot deadlock, read as locked, checked, then taken. "No key update",
      -- as an update of the stock takes: it does not wait for the key-share locks that other
      -- orders' lines hold on the same products (their foreign keys). Each row is reached twice
      -- (lock and read, then update): a popular product's row has a long chain of versions, and
      -- every statement that finds the row walks it (0018 reached it three times).
      select coalesce(jsonb_object_agg(id, stock), '{}') into v_stock from (
        select id, stock from products where id in (
          select (t->>'id')::uuid from jsonb_array_elements(p->'takes') t
          where not (t->>'variant')::boolean)
        order by id for no key update) locked;
      select coalesce(jsonb_object_agg(id, stock), '{}') into v_variant_stock from (
        select id, stock from product_variants where id in (
          select (t->>'id')::uuid from jsonb_array_elements(p->'takes') t
          where (t->>'variant')::boolean)
        order by id for no key update) locked;
      -- A row gone is short; a stock made unlimited (null) meanwhile is not.
      select w.id into v_short
      from jsonb_to_recordset(p->'takes') as w(id uuid, variant boolean, quantity int)
      cross join lateral (
        select case when w.variant then v_variant_stock else v_stock end as held) h
      where not (h.held ? w.id::text) or (h.held->>w.id::text)::int < w.quantity
      order by w.variant, w.id
      limit 1;
      if v_short is not null then
        raise exception using errcode = 'P0001', message = 'out_of_stock:' || v_short;
      end if;
      update products pr set stock = pr.stock - w.quantity
      from jsonb_to_recordset(p->'takes') as w(id uuid, variant boolean, quantity int)
      where not w.variant and pr.id = w.id;
      update product_variants va set stock = va.stock - w.quantity
      from jsonb_to_recordset(p->'takes') as w(id uuid, variant boolean, quantity int)
      where w.variant and va.id = w.id;

      -- 3b. The discount's use, counted on its row (locked until commit, so concurrent orders
      -- queue here): refused when its uses reached max_uses, or when the customer's phone
      -- already holds it and it is once per customer. Orders without a discount skip this.
      if p->'order'->>'discount_id' is not null then
        update discounts set uses = uses + 1
        where id = (p->'order'->>'discount_id')::uuid and shop_id = v_shop
          and (max_uses is null or uses < max_uses)
        returning once_per_customer into v_once;
        if not found then
          raise exception using errcode = 'P0001', message = 'discount_exhausted';
        end if;
        if v_once and exists (
          select from orders o
          where o.discount_id = (p->'order'->>'discount_id')::uuid
            and o.customer_phone = p->'order'->>'customer_phone'
            and o.status not in ('expired', 'cancelled')) then
          raise exception using errcode = 'P0001', message = 'discount_used';
        end if;
      end if;

${
  slots
    ? sql`
      -- 3c. The time slot's place, counted on its booking row (locked until commit, so
      -- concurrent orders for the slot queue here), against the capacity the method has now.
      if p->'order'->>'slot_starts_at' is not null then
        insert into slot_bookings as b (shipping_method_id, starts_at, booked)
        values ((p->'order'->>'shipping_method_id')::uuid,
          (p->'order'->>'slot_starts_at')::timestamptz, 1)
        on conflict (shipping_method_id, starts_at) do update set booked = b.booked + 1
        where b.booked < (
          select (m.slots->>'capacity')::int from shipping_methods m
          where m.id = b.shipping_method_id);
        if not found or (select (m.slots->>'capacity')::int < 1 from shipping_methods m
            where m.id = (p->'order'->>'shipping_method_id')::uuid) then
          raise exception using errcode = 'P0001', message = 'slot_full';
        end if;
      end if;
`
    : sql``
}
      -- 4. The order (a code already used raises unique_violation), its lines, its event.
      insert into orders (id, shop_id, code, token, status, source, currency, locale, subtotal,
        shipping_total, total, shipping_method_id, shipping_method_name, customer_name,
        customer_phone, customer_address, customer_wa_id, customer_user_id,
        customer_profile_name, note, message, confirmed_at, expires_at, discount_id,
        discount_code, discount_total, delivery_area${slots ? sql`, slot_starts_at, slot_ends_at` : sql``})
      select id, shop_id, code, token, status, source, currency, locale, subtotal,
        shipping_total, total, shipping_method_id, shipping_method_name, customer_name,
        customer_phone, customer_address, customer_wa_id, customer_user_id,
        customer_profile_name, note, message, confirmed_at, expires_at, discount_id,
        discount_code, coalesce(discount_total, 0), delivery_area${
          slots
            ? sql`, slot_starts_at,
        slot_ends_at`
            : sql``
        }
      from jsonb_populate_record(null::orders, p->'order')
      returning * into v_order;
      insert into order_items (shop_id, order_id, product_id, variant_id, sku, name, quantity,
        unit_price, line_total, position)
      select v_order.shop_id, v_order.id, product_id, variant_id, sku, name, quantity,
        unit_price, line_total, position
      from jsonb_populate_recordset(null::order_items, p->'items');
      insert into order_events (shop_id, order_id, type, to_status, actor, data)
      values (v_order.shop_id, v_order.id, 'created', v_order.status, p->'event'->>'actor',
        p->'event'->'data');
      -- 5. The client's hit on its rate-limit bucket (a fixed window).
      if p ? 'rate_limit' then
        insert into rate_limits as r (key, count, reset_at)
        values (p->'rate_limit'->>'key', 1,
          now() + ((p->'rate_limit'->>'window_ms') || ' milliseconds')::interval)
        on conflict (key) do update set
          count = case when r.reset_at <= now() then 1 else r.count + 1 end,
          reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
        returning * into v_hit;
        if v_hit.count > (p->'rate_limit'->>'limit')::int then
          raise exception using errcode = 'P0001',
            message = 'rate_limited:' || ceil(extract(epoch from v_hit.reset_at - now()));
        end if;
      end if;

      return next v_order;
    end
    $$`.execute(db)
}
