import type { FieldErrors } from '../../components/Field.tsx'
import type { ProductDraft } from '../../product-form.ts'

/** What each card of the editor gets: the draft, a way to change it and the errors to show. */
export interface CardProps {
  draft: ProductDraft
  set: (patch: Partial<ProductDraft>) => void
  errors: FieldErrors
}

/** For money fields: whether each one's text is a valid amount, by field path. */
export type MoneyValidity = (
  update: (m: Record<string, boolean>) => Record<string, boolean>,
) => void
