import { listPublicProducts, type ProductWindow, productExists } from '../../db/catalog.queries.ts'
import type { Db } from '../../db/database.ts'
import { invalidField } from '../errors.ts'
import { PUBLIC_PAGE_SIZE, pageOf } from './catalog-page.ts'
import type { RenderedCatalog } from './public-catalog-cache.ts'
import { type PublicCatalog, publicProductJson } from './public-catalog-json.ts'

/** Which products a shopper asks for: a search, a category, a window. */
export interface PublicCatalogRequest {
  q?: string | undefined
  categoryId?: string | undefined
  window: ProductWindow
}

export interface PublicCatalogPage {
  /** The shop's catalog with this page's products only. */
  catalog: PublicCatalog
  nextCursor: string | null
  prevCursor: string | null
  /** True when this is the shared first page (the per-process copy, no query). */
  first: boolean
}

/**
 * One page of a shop's public catalog. The unfiltered first page comes from the per-process
 * copy; any other page (a search, a category, a cursor) is read from the database with a keyset
 * on the display order, so a shop of any size costs one bounded query per page.
 */
export async function publicCatalogPage(
  db: Db,
  rendered: RenderedCatalog,
  request: PublicCatalogRequest,
  publicUrl: string,
): Promise<PublicCatalogPage> {
  const { window } = request
  if (!request.q && !request.categoryId && !window.from && window.limit === PUBLIC_PAGE_SIZE) {
    return {
      catalog: rendered.catalog,
      nextCursor: rendered.nextCursor,
      prevCursor: null,
      first: true,
    }
  }
  const rows = await listPublicProducts(
    db,
    rendered.shopId,
    { q: request.q, categoryId: request.categoryId },
    window,
  )
  // A cursor naming no product of this shop selects nothing: say so rather than show an empty page.
  if (
    window.from &&
    rows.length === 0 &&
    !(await productExists(db, rendered.shopId, window.from.id))
  )
    throw invalidField('cursor', 'Not a cursor from a previous page')
  const page = pageOf(rows, window)
  return {
    catalog: {
      ...rendered.catalog,
      products: page.items.map((p) => publicProductJson(p, publicUrl)),
    },
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
    first: false,
  }
}
