import { api, type Product, shopPath } from '../../api.ts'
import { confirmAction } from '../../components/Dialogs.tsx'
import { t } from '../../i18n.ts'
import { toast } from '../../state.ts'

/** What the bulk actions work on: the page's products and the ids ticked among them. */
export interface BulkTarget {
  slug: string
  products: Product[] | undefined
  setProducts: (products: Product[] | undefined) => void
  selected: Set<string>
  setSelected: (selected: Set<string>) => void
}

/** Turns the ticked products on or off, at once on screen, put back if the server refuses. */
export async function bulkActive(target: BulkTarget, active: boolean): Promise<void> {
  const { slug, products, setProducts, selected } = target
  const ids = [...selected]
  const before = products
  // Optimistic: show the change at once, put it back if the server refuses.
  setProducts((products ?? []).map((p) => (selected.has(p.id) ? { ...p, active } : p)))
  const results = await Promise.allSettled(
    ids.map((id) => api.patch(shopPath(slug, `/products/${id}`), { active })),
  )
  if (results.some((r) => r.status === 'rejected')) {
    setProducts(before)
    toast(t('undoFailed'), 'error')
  } else toast(t('saved'))
}

/** Deletes the ticked products once the merchant confirms; they come back if the server refuses. */
export async function bulkDelete(target: BulkTarget): Promise<void> {
  const { slug, products, setProducts, selected, setSelected } = target
  const ids = [...selected]
  if (
    !(await confirmAction({
      title: t('deleteProductsQ', { n: ids.length }),
      danger: true,
      confirmLabel: t('delete'),
    }))
  )
    return
  const before = products
  setProducts((products ?? []).filter((p) => !selected.has(p.id)))
  setSelected(new Set())
  const results = await Promise.allSettled(
    ids.map((id) => api.del(shopPath(slug, `/products/${id}`))),
  )
  if (results.some((r) => r.status === 'rejected')) {
    setProducts(before)
    toast(t('undoFailed'), 'error')
  } else toast(t('deleted'))
}
