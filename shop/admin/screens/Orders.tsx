import { useEffect, useState } from 'preact/hooks'
import { ORDER_STATUSES } from '../../../core/order-status.ts'
import { api, type Order, type OrderStatus, shopPath } from '../api.ts'
import { Link } from '../components/Link.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { dateTime, money, slotText } from '../format.ts'
import { t } from '../i18n.ts'
import '../i18n-discounts.ts'
import { currentQuery, navigate, shopUrl } from '../router.ts'
import { activeShop } from '../state.ts'

export const STATUSES = ORDER_STATUSES
const PAGE_SIZE = 20

function itemCount(n: number): string {
  return n === 1 ? t('oneItem') : t('nItems', { n })
}

/** A status as a coloured badge. */
export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span class={`badge ${status}`}>{t(`status_${status}`)}</span>
}

/** Orders: status tabs, search by code, name or phone, newest first, paged. */
export function Orders({ slug }: { slug: string }) {
  const params = new URLSearchParams(currentQuery.value)
  const status = params.get('status') ?? ''
  const page = Math.max(1, Number(params.get('page')) || 1)
  const day = params.get('day') ?? ''
  const [q, setQ] = useState(params.get('q') ?? '')
  const [data, setData] = useState<{ orders: Order[]; more: boolean } | undefined>(undefined)

  const go = (next: { status?: string; page?: number; q?: string; day?: string }) => {
    const p = new URLSearchParams()
    const s = next.status ?? status
    const query = next.q ?? q
    if (s) p.set('status', s)
    if (query.trim()) p.set('q', query.trim())
    const d = next.day ?? day
    if (d) p.set('day', d)
    if ((next.page ?? 1) > 1) p.set('page', String(next.page))
    navigate(shopUrl(slug, `/orders${p.size ? `?${p}` : ''}`), { replace: true })
  }

  useEffect(() => {
    let live = true
    setData(undefined)
    const p = new URLSearchParams({ page: String(page), limit: String(PAGE_SIZE) })
    if (status) p.set('status', status)
    const query = params.get('q')
    if (query) p.set('q', query)
    if (day) p.set('day', day)
    api.get<{ orders: Order[]; nextCursor: string | null }>(shopPath(slug, `/orders?${p}`)).then(
      (r) => live && setData({ orders: r.orders, more: r.nextCursor !== null }),
      () => live && setData({ orders: [], more: false }),
    )
    return () => {
      live = false
    }
  }, [slug, currentQuery.value])

  const tabs = ['', ...STATUSES]
  return (
    <section aria-labelledby="orders-title">
      <div class="title-row">
        <h1 id="orders-title">{t('navOrders')}</h1>
        <a
          class="button secondary"
          href={shopPath(slug, `/orders.csv${status ? `?status=${status}` : ''}`)}
          download
        >
          {t('exportCsv')}
        </a>
      </div>
      <div class="tabs" role="tablist" aria-label={t('status')}>
        {tabs.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={status === s}
            aria-controls="orders-panel"
            onClick={() => go({ status: s, page: 1 })}
          >
            {s ? t(`status_${s}`) : t('all')}
          </button>
        ))}
      </div>
      <form
        class="toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          go({ q, page: 1 })
        }}
      >
        <div class="field">
          <label for="o-q">{t('searchOrders')}</label>
          <input
            id="o-q"
            type="search"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            placeholder="K7Q2M9, Ana, +33…"
          />
        </div>
        <button type="submit" class="secondary">
          {t('search')}
        </button>
        <div class="field">
          <label for="o-day">{t('ordersDay')}</label>
          <input
            id="o-day"
            type="date"
            value={day}
            onChange={(e) => go({ day: e.currentTarget.value, page: 1 })}
          />
        </div>
        {day && (
          <button type="button" class="secondary" onClick={() => go({ day: '', page: 1 })}>
            {t('ordersAnyDay')}
          </button>
        )}
      </form>
      <div id="orders-panel" role="tabpanel">
        {data === undefined ? (
          <Loading />
        ) : data.orders.length === 0 ? (
          <Empty title={params.get('q') || status || day ? t('noMatch') : t('noOrders')}>
            <p class="muted">{t('noOrdersHint')}</p>
          </Empty>
        ) : (
          <ul class="list-cards">
            {data.orders.map((o) => (
              <li key={o.id}>
                <Link href={shopUrl(slug, `/orders/${o.code}`)}>
                  <span>
                    <strong>#{o.code}</strong> · {o.customer.name}
                  </span>
                  <span class="num">{money(o.total, o.currency)}</span>
                  <span class="muted small">
                    {dateTime(o.createdAt)} ·{' '}
                    {itemCount(o.items.reduce((n, i) => n + i.quantity, 0))}
                    {o.slot && (
                      <span data-slot>
                        {' · '}
                        {t('orderSlot')}: {slotText(o.slot, activeShop.value?.timezone)}
                      </span>
                    )}
                  </span>
                  <span>
                    <StatusBadge status={o.status} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {data && (page > 1 || data.more) && (
          <nav class="pager" aria-label={t('pages')}>
            <button
              type="button"
              class="secondary"
              disabled={page <= 1}
              onClick={() => go({ page: page - 1 })}
            >
              {t('previous')}
            </button>
            <span>{t('pageOf', { page })}</span>
            <button
              type="button"
              class="secondary"
              disabled={!data.more}
              onClick={() => go({ page: page + 1 })}
            >
              {t('next')}
            </button>
          </nav>
        )}
      </div>
    </section>
  )
}
