/** A row of stock an order takes from or gives back to: a variant's, else its product's. */
export interface StockRow {
  productId: string | null
  variantId: string | null
}

/**
 * The one order in which every writer locks rows of stock: products first, then variants, each
 * by id in PostgreSQL's uuid order (the byte order of the lowercase text). Checkout's statement
 * (`chatcart_write_order`), cancelling and lapsing all lock in this order, so two of them can
 * never wait on each other in a circle.
 * @example byStockLockOrder([{ productId: 'b…', variantId: null }, { productId: 'a…', variantId: 'c…' }])
 */
export function byStockLockOrder<T extends StockRow>(rows: readonly T[]): T[] {
  const rank = (row: StockRow): [number, string] =>
    row.variantId === null ? [0, row.productId ?? ''] : [1, row.variantId]
  return [...rows].sort((a, b) => {
    const [tableA, idA] = rank(a)
    const [tableB, idB] = rank(b)
    if (tableA !== tableB) return tableA - tableB
    return idA < idB ? -1 : idA > idB ? 1 : 0
  })
}
