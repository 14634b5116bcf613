import { useEffect, useState } from 'preact/hooks'
import { askAfterPause } from '../../after-pause.ts'
import { api, type Product, shopPath } from '../../api.ts'

const PAGE_SIZE = 50

/** The search and filters of the product list; empty means "all". */
export interface ProductFilters {
  q: string
  category: string
  status: string
}

/** One page of products for the filters, read from `cursor` (empty: the first page). */
function fetchProductPage(slug: string, filters: ProductFilters, cursor: string) {
  const params = new URLSearchParams()
  if (filters.q.trim()) params.set('q', filters.q.trim())
  if (filters.category) params.set('categoryId', filters.category)
  if (filters.status) params.set('active', filters.status)
  if (cursor) params.set('cursor', cursor)
  params.set('limit', String(PAGE_SIZE))
  return api.get<{ products: Product[]; nextCursor: string | null }>(
    shopPath(slug, `/products?${params}`),
  )
}

/**
 * The product list's state: its filters, the page shown (read 200 ms after the last change),
 * the cursors to page through and the products ticked.
 */
export function useProductPages(slug: string) {
  const [products, setProducts] = useState<Product[] | undefined>(undefined)
  const [q, setQ] = useState('')
  const [category, setCategory] = useState('')
  const [status, setStatus] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  // Pages are read with the cursor the server gave; the cursors of the pages already seen make
  // Previous a step back through them.
  const [cursors, setCursors] = useState<string[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const cursor = cursors.at(-1) ?? ''

  useEffect(
    () =>
      askAfterPause(
        200,
        () => fetchProductPage(slug, { q, category, status }, cursor),
        (r) => {
          setProducts(r.products)
          setNextCursor(r.nextCursor)
        },
        () => {
          setProducts([])
          setNextCursor(null)
        },
      ),
    [slug, q, category, status, cursor],
  )

  // A new search or filter starts again from the first page.
  const filterBy = (set: (value: string) => void) => (value: string) => {
    set(value)
    setCursors([])
    setSelected(new Set())
  }
  const turnPage = (next: string[]) => {
    setCursors(next)
    setSelected(new Set())
    window.scrollTo?.(0, 0)
  }

  return {
    products,
    setProducts,
    filters: { q, category, status },
    setQ: filterBy(setQ),
    setCategory: filterBy(setCategory),
    setStatus: filterBy(setStatus),
    selected,
    setSelected,
    cursors,
    nextCursor,
    turnPage,
  }
}
