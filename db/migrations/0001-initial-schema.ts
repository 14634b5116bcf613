import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Every table that belongs to a shop carries shop_id, so the data can be sharded by shop later.

export async function up(db: Kysely<any>): Promise<void> {
  const id = (col: any) => col.primaryKey().defaultTo(sql`gen_random_uuid()`)
  const now = (col: any) => col.notNull().defaultTo(sql`now()`)

  await db.schema
    .createTable('merchants')
    .addColumn('id', 'uuid', id)
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await sql`create unique index merchants_email_key on merchants (lower(email))`.execute(db)

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', id)
    .addColumn('merchant_id', 'uuid', (c) =>
      c.notNull().references('merchants.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('sessions_merchant_idx')
    .on('sessions')
    .column('merchant_id')
    .execute()

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'timestamptz', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('shops')
    .addColumn('id', 'uuid', id)
    .addColumn('merchant_id', 'uuid', (c) =>
      c.notNull().references('merchants.id').onDelete('cascade'),
    )
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('whatsapp_phone', 'text', (c) => c.notNull())
    .addColumn('whatsapp_phone_number_id', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('logo_image', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('business_hours', 'jsonb')
    .addColumn('channels', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('published', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('widget_settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute()
  await db.schema.createIndex('shops_merchant_idx').on('shops').column('merchant_id').execute()
  await sql`create unique index shops_phone_number_id_key on shops (whatsapp_phone_number_id)
            where whatsapp_phone_number_id is not null`.execute(db)

  await db.schema
    .createTable('images')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('display', 'bytea', (c) => c.notNull())
    .addColumn('thumb', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await db.schema.createIndex('images_shop_idx').on('images').column('shop_id').execute()

  await db.schema
    .createTable('categories')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('categories_shop_idx')
    .on('categories')
    .columns(['shop_id', 'position'])
    .execute()

  await db.schema
    .createTable('products')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('category_id', 'uuid', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('compare_at_price', 'integer')
    .addColumn('stock', 'integer')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('images', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addUniqueConstraint('products_shop_sku_key', ['shop_id', 'sku'])
    .addUniqueConstraint('products_shop_slug_key', ['shop_id', 'slug'])
    .addCheckConstraint('products_price_check', sql`price >= 0`)
    .addCheckConstraint('products_stock_check', sql`stock is null or stock >= 0`)
    .execute()
  await db.schema
    .createIndex('products_shop_position_idx')
    .on('products')
    .columns(['shop_id', 'position'])
    .execute()

  await db.schema
    .createTable('product_variants')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('product_id', 'uuid', (c) =>
      c.notNull().references('products.id').onDelete('cascade'),
    )
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('price', 'integer')
    .addColumn('compare_at_price', 'integer')
    .addColumn('stock', 'integer')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('product_variants_shop_sku_key', ['shop_id', 'sku'])
    .addCheckConstraint('product_variants_price_check', sql`price is null or price >= 0`)
    .addCheckConstraint('product_variants_stock_check', sql`stock is null or stock >= 0`)
    .execute()
  await db.schema
    .createIndex('product_variants_product_idx')
    .on('product_variants')
    .column('product_id')
    .execute()

  await db.schema
    .createTable('shipping_methods')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('free_over', 'integer')
    .addColumn('requires_address', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('shipping_methods_shop_idx')
    .on('shipping_methods')
    .column('shop_id')
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('shop'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .addColumn('shipping_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('shipping_method_id', 'uuid', (c) =>
      c.references('shipping_methods.id').onDelete('set null'),
    )
    .addColumn('shipping_method_name', 'text')
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_phone', 'text')
    .addColumn('customer_address', 'text')
    .addColumn('customer_wa_id', 'text')
    .addColumn('customer_user_id', 'text')
    .addColumn('customer_profile_name', 'text')
    .addColumn('note', 'text')
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('match', 'jsonb')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .addColumn('confirmed_at', 'timestamptz')
    .addUniqueConstraint('orders_shop_code_key', ['shop_id', 'code'])
    .addCheckConstraint(
      'orders_status_check',
      sql`status in ('pending','confirmed','paid','shipped','completed','cancelled')`,
    )
    .addCheckConstraint('orders_source_check', sql`source in ('shop','widget','whatsapp')`)
    .execute()
  await db.schema
    .createIndex('orders_shop_status_created_idx')
    .on('orders')
    .columns(['shop_id', 'status', 'created_at'])
    .execute()
  await db.schema
    .createIndex('orders_shop_created_idx')
    .on('orders')
    .columns(['shop_id', 'created_at'])
    .execute()
  await db.schema
    .createIndex('orders_shop_phone_idx')
    .on('orders')
    .columns(['shop_id', 'customer_phone'])
    .execute()

  await db.schema
    .createTable('order_items')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('product_id', 'uuid', (c) => c.references('products.id').onDelete('set null'))
    .addColumn('variant_id', 'uuid', (c) =>
      c.references('product_variants.id').onDelete('set null'),
    )
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('line_total', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flags', 'jsonb')
    .execute()
  await db.schema
    .createIndex('order_items_order_idx')
    .on('order_items')
    .columns(['order_id', 'position'])
    .execute()
  await db.schema
    .createIndex('order_items_shop_sku_idx')
    .on('order_items')
    .columns(['shop_id', 'sku'])
    .execute()

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb')
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('order_events_order_idx')
    .on('order_events')
    .columns(['order_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_body', 'jsonb')
    .addColumn('created_at', 'timestamptz', now)
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['shop_id', 'key'])
    .execute()
  await db.schema
    .createIndex('idempotency_keys_created_idx')
    .on('idempotency_keys')
    .column('created_at')
    .execute()

  // Every webhook item (message, status, or a payload we could not read) is stored here first,
  // keyed by its WhatsApp id so a redelivery is a no-op; processing happens after the commit.
  await db.schema
    .createTable('inbound_messages')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.references('shops.id').onDelete('cascade'))
    .addColumn('phone_number_id', 'text')
    .addColumn('event_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('wa_message_id', 'text')
    .addColumn('type', 'text')
    .addColumn('from_wa_id', 'text')
    .addColumn('from_user_id', 'text')
    .addColumn('profile_name', 'text')
    .addColumn('body', 'text')
    .addColumn('context_id', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('order_id', 'uuid', (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('match_method', 'text')
    .addColumn('error', 'text')
    .addColumn('received_at', 'timestamptz', now)
    .addColumn('processed_at', 'timestamptz')
    .execute()
  await sql`create index inbound_messages_unprocessed_idx on inbound_messages (received_at)
            where processed_at is null`.execute(db)
  await db.schema
    .createIndex('inbound_messages_shop_state_idx')
    .on('inbound_messages')
    .columns(['shop_id', 'state', 'received_at'])
    .execute()
  await db.schema
    .createIndex('inbound_messages_order_idx')
    .on('inbound_messages')
    .column('order_id')
    .execute()
  await db.schema
    .createIndex('inbound_messages_phone_number_idx')
    .on('inbound_messages')
    .columns(['phone_number_id', 'received_at'])
    .execute()

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('order_id', 'uuid', (c) => c.references('orders.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_wa_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('wa_message_id', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', now)
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('outbound_messages_due_idx')
    .on('outbound_messages')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('outbound_messages_order_idx')
    .on('outbound_messages')
    .column('order_id')
    .execute()

  // Widget and shop analytics: counts only, no personal data.
  await db.schema
    .createTable('analytics_events')
    .addColumn('id', 'uuid', id)
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .execute()
  await db.schema
    .createIndex('analytics_events_shop_created_idx')
    .on('analytics_events')
    .columns(['shop_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'analytics_events',
    'outbound_messages',
    'inbound_messages',
    'idempotency_keys',
    'order_events',
    'order_items',
    'orders',
    'shipping_methods',
    'product_variants',
    'products',
    'categories',
    'images',
    'shops',
    'rate_limits',
    'sessions',
    'merchants',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
