import { type Kysely, sql } from 'kysely'

// Frozen: never edit once landed. Fix forward with a new migration.
// Money moves from integer to bigint: 999 × 21,500.00 already passes 2^31 minor units, and shops
// in VND or IDR count prices in the millions. Amounts stay well inside Number's safe range
// (the API caps them), so both drivers read them back as numbers.

const MONEY_COLUMNS: [table: string, columns: string[]][] = [
  ['products', ['price', 'compare_at_price']],
  ['product_variants', ['price', 'compare_at_price']],
  ['shipping_methods', ['price', 'free_over']],
  ['orders', ['subtotal', 'shipping_total', 'total']],
  ['order_items', ['unit_price', 'line_total']],
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of MONEY_COLUMNS) {
    const changes = columns.map((column) => sql`alter column ${sql.ref(column)} type bigint`)
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, columns] of MONEY_COLUMNS) {
    const changes = columns.map((column) => sql`alter column ${sql.ref(column)} type integer`)
    await sql`alter table ${sql.table(table)} ${sql.join(changes)}`.execute(db)
  }
}
