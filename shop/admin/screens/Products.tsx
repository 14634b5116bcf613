import { useEffect, useState } from 'preact/hooks'
import { api, type Category, type Product, shopPath } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { Link } from '../components/Link.tsx'
import { MetaSyncBadge } from '../components/MetaSyncBadge.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { money } from '../format.ts'
import { t } from '../i18n.ts'
import { shopUrl } from '../router.ts'
import { activeShop, toast } from '../state.ts'

const PAGE_SIZE = 50

/** What is left to sell: with variants, their stock added up (unlimited if one of them is). */
function stockLeft(p: Product): number | null {
  if (p.variants.length === 0) return p.stock
  const offered = p.variants.filter((v) => v.active !== false)
  if (offered.some((v) => v.stock === null)) return null
  return offered.reduce((sum, v) => sum + (v.stock ?? 0), 0)
}

/** The product list: search, category and status filters (over the whole catalog), bulk actions, paged. */
export function Products({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [products, setProducts] = useState<Product[] | undefined>(undefined)
  const [categories, setCategories] = useState<Category[]>([])
  const [q, setQ] = useState('')
  const [category, setCategory] = useState('')
  const [status, setStatus] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  // Pages are read with the cursor the server gave; the cursors of the pages already seen make
  // Previous a step back through them.
  const [cursors, setCursors] = useState<string[]>([])
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const cursor = cursors.at(-1) ?? ''

  useEffect(() => {
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setCategories(r.categories),
      () => {},
    )
  }, [slug])

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      const params = new URLSearchParams()
      if (q.trim()) params.set('q', q.trim())
      if (category) params.set('categoryId', category)
      if (status) params.set('active', status)
      if (cursor) params.set('cursor', cursor)
      params.set('limit', String(PAGE_SIZE))
      api
        .get<{ products: Product[]; nextCursor: string | null }>(
          shopPath(slug, `/products?${params}`),
        )
        .then(
          (r) => {
            if (!live) return
            setProducts(r.products)
            setNextCursor(r.nextCursor)
          },
          () => {
            if (!live) return
            setProducts([])
            setNextCursor(null)
          },
        )
    }, 200)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [slug, q, category, status, cursor])

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

  if (!shop) return null
  const list = products ?? []
  const allSelected = list.length > 0 && list.every((p) => selected.has(p.id))

  const bulkActive = async (active: boolean) => {
    const ids = [...selected]
    const before = products
    // Optimistic: show the change at once, put it back if the server refuses.
    setProducts(list.map((p) => (selected.has(p.id) ? { ...p, active } : p)))
    const results = await Promise.allSettled(
      ids.map((id) => api.patch(shopPath(slug, `/products/${id}`), { active })),
    )
    if (results.some((r) => r.status === 'rejected')) {
      setProducts(before)
      toast(t('undoFailed'), 'error')
    } else toast(t('saved'))
  }

  const bulkDelete = async () => {
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
    setProducts(list.filter((p) => !selected.has(p.id)))
    setSelected(new Set())
    const results = await Promise.allSettled(
      ids.map((id) => api.del(shopPath(slug, `/products/${id}`))),
    )
    if (results.some((r) => r.status === 'rejected')) {
      setProducts(before)
      toast(t('undoFailed'), 'error')
    } else toast(t('deleted'))
  }

  const toggle = (id: string) => {
    const next = new Set(selected)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setSelected(next)
  }

  return (
    <section aria-labelledby="products-title">
      <div class="title-row">
        <h1 id="products-title">{t('navProducts')}</h1>
        <Link href={shopUrl(slug, '/products/new')} class="button primary">
          {t('addProduct')}
        </Link>
      </div>
      <div class="toolbar">
        <div class="field">
          <label for="p-q">{t('search')}</label>
          <input
            id="p-q"
            type="search"
            value={q}
            placeholder={t('searchProducts')}
            onInput={(e) => filterBy(setQ)(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="p-cat">{t('category')}</label>
          <select
            id="p-cat"
            value={category}
            onChange={(e) => filterBy(setCategory)(e.currentTarget.value)}
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
            value={status}
            onChange={(e) => filterBy(setStatus)(e.currentTarget.value)}
          >
            <option value="">{t('all')}</option>
            <option value="true">{t('active')}</option>
            <option value="false">{t('inactive')}</option>
          </select>
        </div>
      </div>
      {selected.size > 0 && (
        <section class="bulkbar" aria-label={t('bulkActions')}>
          <span>{t('nSelected', { n: selected.size })}</span>
          <button type="button" class="small" onClick={() => bulkActive(true)}>
            {t('activate')}
          </button>
          <button type="button" class="small" onClick={() => bulkActive(false)}>
            {t('deactivate')}
          </button>
          <button type="button" class="small danger" onClick={bulkDelete}>
            {t('delete')}
          </button>
        </section>
      )}
      {products === undefined ? (
        <Loading />
      ) : list.length === 0 ? (
        <Empty title={q || category || status ? t('noMatch') : t('noProducts')}>
          <Link href={shopUrl(slug, '/products/new')} class="button primary">
            {t('addProduct')}
          </Link>
        </Empty>
      ) : (
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
                <tr key={p.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('selectX', { name: p.name })}
                      checked={selected.has(p.id)}
                      onChange={() => toggle(p.id)}
                    />
                  </td>
                  <td>
                    {p.images[0] ? (
                      <img
                        class="thumb"
                        src={p.images[0].thumbUrl}
                        alt=""
                        width={40}
                        height={40}
                        loading="lazy"
                      />
                    ) : (
                      <span class="thumb" />
                    )}
                  </td>
                  <td>
                    <Link href={shopUrl(slug, `/products/${p.id}`)}>{p.name}</Link>
                    <div class="muted small">
                      {p.sku}
                      {p.variants.length > 0 && ` · ${t('nVariants', { n: p.variants.length })}`}
                    </div>
                    {p.metaSync && <MetaSyncBadge sync={p.metaSync} />}
                  </td>
                  <td class="num">{money(p.price, shop.currency)}</td>
                  <td class="num hide-phone">{stockLeft(p) ?? '∞'}</td>
                  <td class="hide-phone">
                    <span class={`badge ${p.active ? 'active' : 'inactive'}`}>
                      {p.active ? t('active') : t('inactive')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {products !== undefined && (cursors.length > 0 || nextCursor) && (
        <nav class="pager" aria-label={t('pages')}>
          <button
            type="button"
            class="secondary"
            disabled={cursors.length === 0}
            onClick={() => turnPage(cursors.slice(0, -1))}
          >
            {t('previous')}
          </button>
          <span>{t('pageOf', { page: cursors.length + 1 })}</span>
          <button
            type="button"
            class="secondary"
            disabled={!nextCursor}
            onClick={() => nextCursor && turnPage([...cursors, nextCursor])}
          >
            {t('next')}
          </button>
        </nav>
      )}
    </section>
  )
}
