import { useEffect, useState } from 'preact/hooks'
import { ORDER_STATUSES } from '../../../core/order-status.ts'
import { api, type Order, type OrderStatus, shopPath } from '../api.ts'
import { Link } from '../components/Link.tsx'
import { Pager } from '../components/Pager.tsx'
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

type OrdersQuery = { status: string; page: number; q: string; day: string }
type OrdersPage = { orders: Order[]; more: boolean }

/** The page of orders the query asks for; undefined while it loads. */
function useOrdersPage(slug: string, query: OrdersQuery, search: string) {
  const [data, setData] = useState<OrdersPage | undefined>(undefined)
  useEffect(() => {
    let live = true
    setData(undefined)
    const p = new URLSearchParams({ page: String(query.page), limit: String(PAGE_SIZE) })
    if (query.status) p.set('status', query.status)
    if (query.q) p.set('q', query.q)
    if (query.day) p.set('day', query.day)
    api.get<{ orders: Order[]; nextCursor: string | null }>(shopPath(slug, `/orders?${p}`)).then(
      (r) => live && setData({ orders: r.orders, more: r.nextCursor !== null }),
      () => live && setData({ orders: [], more: false }),
    )
    return () => {
      live = false
    }
  }, [slug, search])
  return data
}

/** Orders: status tabs, search by code, name or phone, newest first, paged. */
export function Orders({ slug }: { slug: string }) {
  const params = new URLSearchParams(currentQuery.value)
  const query: OrdersQuery = {
    status: params.get('status') ?? '',
    page: Math.max(1, Number(params.get('page')) || 1),
    q: params.get('q') ?? '',
    day: params.get('day') ?? '',
  }
  const { status, page, day } = query
  // What is typed in the search box: a tab, the day or a page applies it too.
  const [q, setQ] = useState(query.q)
  const data = useOrdersPage(slug, query, currentQuery.value)

  const go = (next: Partial<OrdersQuery>) => {
    const p = new URLSearchParams()
    const s = next.status ?? status
    const typed = (next.q ?? q).trim()
    const d = next.day ?? day
    if (s) p.set('status', s)
    if (typed) p.set('q', typed)
    if (d) p.set('day', d)
    if ((next.page ?? 1) > 1) p.set('page', String(next.page))
    navigate(shopUrl(slug, `/orders${p.size ? `?${p}` : ''}`), { replace: true })
  }

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
      <StatusTabs status={status} pick={(s) => go({ status: s, page: 1 })} />
      <OrdersFilters q={q} setQ={setQ} day={day} go={go} />
      <div id="orders-panel" role="tabpanel">
        {data === undefined ? (
          <Loading />
        ) : data.orders.length === 0 ? (
          <Empty title={query.q || status || day ? t('noMatch') : t('noOrders')}>
            <p class="muted">{t('noOrdersHint')}</p>
          </Empty>
        ) : (
          <ul class="list-cards">
            {data.orders.map((o) => (
              <OrderCard key={o.id} slug={slug} order={o} />
            ))}
          </ul>
        )}
        {data && <Pager page={page} more={data.more} go={(p) => go({ page: p })} />}
      </div>
    </section>
  )
}

/** All, then one tab per status. */
function StatusTabs(props: { status: string; pick: (status: string) => void }) {
  return (
    <div class="tabs" role="tablist" aria-label={t('status')}>
      {['', ...STATUSES].map((s) => (
        <button
          key={s}
          type="button"
          role="tab"
          aria-selected={props.status === s}
          aria-controls="orders-panel"
          onClick={() => props.pick(s)}
        >
          {s ? t(`status_${s}`) : t('all')}
        </button>
      ))}
    </div>
  )
}

/** The search box (sent on submit) and the slot day (applied as it changes). */
function OrdersFilters(props: {
  q: string
  setQ: (q: string) => void
  day: string
  go: (next: Partial<OrdersQuery>) => void
}) {
  const { q, setQ, day, go } = props
  return (
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
  )
}

/** One order in the list: code, customer, total, when, items, its slot and its status. */
function OrderCard({ slug, order: o }: { slug: string; order: Order }) {
  return (
    <li>
      <Link href={shopUrl(slug, `/orders/${o.code}`)}>
        <span>
          <strong>#{o.code}</strong> · {o.customer.name}
        </span>
        <span class="num">{money(o.total, o.currency)}</span>
        <span class="muted small">
          {dateTime(o.createdAt)} · {itemCount(o.items.reduce((n, i) => n + i.quantity, 0))}
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
  )
}
