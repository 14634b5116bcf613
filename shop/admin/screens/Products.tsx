import { useEffect, useState } from 'preact/hooks'
import { api, type Category, shopPath } from '../api.ts'
import { Link } from '../components/Link.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import { shopUrl } from '../router.ts'
import { activeShop } from '../state.ts'
import { BulkBar } from './products/BulkBar.tsx'
import { ProductFilters } from './products/ProductFilters.tsx'
import { ProductsPager } from './products/ProductsPager.tsx'
import { ProductTable } from './products/ProductTable.tsx'
import { useProductPages } from './products/product-pages.ts'

/** The product list: search, category and status filters (over the whole catalog), bulk actions, paged. */
export function Products({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [categories, setCategories] = useState<Category[]>([])
  const pages = useProductPages(slug)
  const { products, filters, selected, setSelected } = pages

  useEffect(() => {
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setCategories(r.categories),
      () => {},
    )
  }, [slug])

  if (!shop) return null
  const list = products ?? []
  const filtered = filters.q || filters.category || filters.status

  return (
    <section aria-labelledby="products-title">
      <div class="title-row">
        <h1 id="products-title">{t('navProducts')}</h1>
        <Link href={shopUrl(slug, '/products/new')} class="button primary">
          {t('addProduct')}
        </Link>
      </div>
      <ProductFilters
        filters={filters}
        categories={categories}
        setQ={pages.setQ}
        setCategory={pages.setCategory}
        setStatus={pages.setStatus}
      />
      <BulkBar target={{ slug, products, setProducts: pages.setProducts, selected, setSelected }} />
      {products === undefined ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty title={filtered ? t('noMatch') : t('noProducts')}>
          <Link href={shopUrl(slug, '/products/new')} class="button primary">
            {t('addProduct')}
          </Link>
        </Empty>
      ) : (
        <ProductTable
          slug={slug}
          list={list}
          currency={shop.currency}
          selected={selected}
          setSelected={setSelected}
        />
      )}
      {products !== undefined && (
        <ProductsPager
          cursors={pages.cursors}
          nextCursor={pages.nextCursor}
          turnPage={pages.turnPage}
        />
      )}
    </section>
  )
}
