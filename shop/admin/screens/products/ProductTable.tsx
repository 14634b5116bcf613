import type { Product } from '../../api.ts'
import { t } from '../../i18n.ts'
import { ProductRow } from './ProductRow.tsx'

/** The page's products as a table, with a tick box for each and one for them all. */
export function ProductTable(props: {
  slug: string
  list: Product[]
  currency: string
  selected: Set<string>
  setSelected: (selected: Set<string>) => void
}) {
  const { slug, list, currency, selected, setSelected } = props
  const allSelected = list.length > 0 && list.every((p) => selected.has(p.id))
  const toggle = (id: string) => {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setSelected(next)
  }
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('navProducts')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('selectAll')}
                checked={allSelected}
                onChange={() =>
                  setSelected(allSelected ? new Set() : new Set(list.map((p) => p.id)))
                }
              />
            </th>
            <th scope="col">
              <span class="visually-hidden">{t('picture')}</span>
            </th>
            <th scope="col">{t('productName')}</th>
            <th scope="col" class="num">
              {t('price')}
            </th>
            <th scope="col" class="num hide-phone">
              {t('stock')}
            </th>
            <th scope="col" class="hide-phone">
              {t('status')}
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <ProductRow
              key={p.id}
              slug={slug}
              product={p}
              currency={currency}
              checked={selected.has(p.id)}
              toggle={() => toggle(p.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}
