import { type Kysely, sql } from 'kysely'
import * as writeOrderFunction from './0009-write-order-function.ts'

// Frozen: never edit once landed. Fix forward with a new migration (`create or replace`).
// `chatcart_write_order(p)` as in 0009, with the stock locked and taken BEFORE the order's lines
// are written. A line's foreign key takes a key-share lock on its product; taken first, it made
// every later stock lock of the same transaction a MultiXact (two lock modes on one row), and
// under a burst on one product most backends waited on the lock manager and the MultiXact
// buffers (pg_stat_activity: LWLock LockManager, MultiXactMemberBuffer). With the stock locked
// first, the key-share is already covered. Refusals still raise SQLSTATE P0001 `reason[:detail]`.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function chatcart_write_order(p jsonb) returns setof orders
    language plpgsql as $$
    declare
      v_shop uuid := (p->'order'->>'shop_id')::uuid;
      v_hit rate_limits;
      v_short uuid;
      v_order orders;
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
      -- concurrent carts cannot deadlock, checked, then taken. "No key update", as an update of
      -- the stock takes: it does not wait for the key-share locks that other orders' lines hold
      -- on the same products (their foreign keys).
      perform from products where id in (
        select (t->>'id')::uuid from jsonb_array_elements(p->'takes') t
        where not (t->>'variant')::boolean)
      order by id for no key update;
      perform from product_variants where id in (
        select (t->>'id')::uuid from jsonb_array_elements(p->'takes') t
        where (t->>'variant')::boolean)
      order by id for no key update;
      select w.id into v_short
      from jsonb_to_recordset(p->'takes') as w(id uuid, variant boolean, quantity int)
      left join products pr on not w.variant and pr.id = w.id
      left join product_variants va on w.variant and va.id = w.id
      where case when w.variant then va.id is null or va.stock < w.quantity
        else pr.id is null or pr.stock < w.quantity end
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

      -- 4. The order (a code already used raises unique_violation), its lines, its event.
      insert into orders (id, shop_id, code, token, status, source, currency, locale, subtotal,
        shipping_total, total, shipping_method_id, shipping_method_name, customer_name,
        customer_phone, customer_address, customer_wa_id, customer_user_id,
        customer_profile_name, note, message, confirmed_at, expires_at)
      select id, shop_id, code, token, status, source, currency, locale, subtotal,
        shipping_total, total, shipping_method_id, shipping_method_name, customer_name,
        customer_phone, customer_address, customer_wa_id, customer_user_id,
        customer_profile_name, note, message, confirmed_at, expires_at
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

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function chatcart_write_order(jsonb)`.execute(db)
  await writeOrderFunction.up(db)
}
