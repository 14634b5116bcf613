import { z } from 'zod'
import type { ProductWindow } from '../../db/catalog.queries.ts'
import { invalidField } from '../errors.ts'

/** Products on one storefront or public catalog page unless `?limit=` says otherwise. */
export const PUBLIC_PAGE_SIZE = 60
/** Products on one admin page unless `?limit=` says otherwise. */
export const ADMIN_PAGE_SIZE = 50
/** The most products one page may hold, whoever asks. */
export const MAX_PAGE_SIZE = 200

// A cursor names the product a page starts after (`a.`) or ends before (`b.`). It is opaque to
// clients: they only pass back `nextCursor` or `prevCursor`.
const CURSOR = /^([ab])\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i
const uuid = z.uuid()

/** Reads `?cursor=` and `?limit=` as a product window; a bad value is a 400 naming its field. */
export function readProductWindow(
  query: { cursor?: string | undefined; limit?: string | undefined },
  defaultLimit: number,
): ProductWindow {
  let from: ProductWindow['from']
  if (query.cursor !== undefined && query.cursor !== '') {
    const match = CURSOR.exec(query.cursor)
    if (!match?.[2]) throw invalidField('cursor', 'Not a cursor from a previous page')
    from = { direction: match[1] === 'b' ? 'before' : 'after', id: match[2].toLowerCase() }
  }
  let limit = defaultLimit
  if (query.limit !== undefined && query.limit !== '') {
    limit = Number(query.limit)
    if (!/^\d{1,4}$/.test(query.limit) || limit < 1 || limit > MAX_PAGE_SIZE)
      throw invalidField('limit', `Give a whole number from 1 to ${MAX_PAGE_SIZE}`)
  }
  return { from, limit }
}

/** Reads an optional search text (`field` names it in a 400). */
export function readSearchText(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined
  if (value.length > 200) throw invalidField(field, 'At most 200 characters')
  return value.trim() || undefined
}

/** Reads an optional category id (`field` names it in a 400). */
export function readCategoryId(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined
  if (!uuid.safeParse(value).success) throw invalidField(field, 'Not a category id')
  return value.toLowerCase()
}

export interface PageOf<T> {
  items: T[]
  nextCursor: string | null
  prevCursor: string | null
}

/** Cuts the `limit + 1` rows a window query read into one page and the cursors around it. */
export function pageOf<T extends { id: string }>(rows: T[], window: ProductWindow): PageOf<T> {
  const more = rows.length > window.limit
  const backwards = window.from?.direction === 'before'
  // Read backwards, the extra row is the farthest from the cursor: the first one.
  const items = backwards
    ? more
      ? rows.slice(rows.length - window.limit)
      : rows
    : rows.slice(0, window.limit)
  const hasNext = backwards ? true : more
  const hasPrev = backwards ? more : window.from !== undefined
  const first = items[0]
  const last = items.at(-1)
  return {
    items,
    nextCursor: hasNext && last ? `a.${last.id}` : null,
    prevCursor: hasPrev && first ? `b.${first.id}` : null,
  }
}
