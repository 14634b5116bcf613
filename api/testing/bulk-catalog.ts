import { sql } from 'kysely'
import type { Db } from '../../db/database.ts'

/**
 * Adds `count` active products to a shop in one statement (SKU `BULK-n`, slug `bulk-n`, name
 * `Bulk product n`, position n), spread over `categoryIds` in turn: a large catalog for tests and
 * the bench, made in a second rather than through 10,000 requests.
 */
export async function insertBulkProducts(
  db: Db,
  shopId: string,
  count: number,
  categoryIds: readonly string[] = [],
): Promise<void> {
  const categories = JSON.stringify(categoryIds)
  await sql`
    insert into products (shop_id, category_id, sku, slug, name, description, price, stock, position)
    select ${shopId}, (${categories}::jsonb ->> (g % greatest(jsonb_array_length(${categories}::jsonb), 1)))::uuid,
      'BULK-' || g, 'bulk-' || g, 'Bulk product ' || g,
      'A well-made thing that people like to buy, described in one sentence.',
      100 + g, case when g % 7 = 0 then null else 1000 end, g
    from generate_series(1, ${count}::int) as g`.execute(db)
}
