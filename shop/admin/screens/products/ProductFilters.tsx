import type { Category } from '../../api.ts'
import { t } from '../../i18n.ts'
import type { ProductFilters as Filters } from './product-pages.ts'

/** Search, category and status: they filter the whole catalog, not just the page shown. */
export function ProductFilters(props: {
  filters: Filters
  categories: Category[]
  setQ: (q: string) => void
  setCategory: (category: string) => void
  setStatus: (status: string) => void
}) {
  const { filters, categories, setQ, setCategory, setStatus } = props
  return (
    <div class="toolbar">
      <div class="field">
        <label for="p-q">{t('search')}</label>
        <input
          id="p-q"
          type="search"
          value={filters.q}
          placeholder={t('searchProducts')}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="p-cat">{t('category')}</label>
        <select
          id="p-cat"
          value={filters.category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        >
          <option value="">{t('all')}</option>
          <option value="none">{t('noCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="p-status">{t('status')}</label>
        <select
          id="p-status"
          value={filters.status}
          onChange={(e) => setStatus(e.currentTarget.value)}
        >
          <option value="">{t('all')}</option>
          <option value="true">{t('active')}</option>
          <option value="false">{t('inactive')}</option>
        </select>
      </div>
    </div>
  )
}
