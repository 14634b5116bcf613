import { useEffect, useState } from 'preact/hooks'
import type { dashboardJson } from '../../../api/admin/dashboard.routes.ts'
import { api, shopPath } from '../api.ts'
import { Link } from '../components/Link.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { money, shortDate } from '../format.ts'
import { t } from '../i18n.ts'
import { methodName, tp } from '../i18n-payments.ts'
import { shopUrl } from '../router.ts'

/** `GET /api/shops/:slug/dashboard`: the server's own type. */
type DashboardData = ReturnType<typeof dashboardJson>

/** Orders as bars and revenue as a line over the days, drawn as inline SVG. */
export function Chart({ days, currency }: { days: DashboardData['days']; currency: string }) {
  const w = 600
  const h = 160
  const pad = 28
  // Room above the tallest bar for the line's stroke; the dates sit below the SVG.
  const top = 8
  const base = h - 4
  const maxOrders = Math.max(1, ...days.map((d) => d.orders))
  const maxRevenue = Math.max(1, ...days.map((d) => d.revenue))
  const step = (w - pad * 2) / Math.max(1, days.length)
  const y = (value: number, max: number) => base - (value / max) * (base - top)
  const line = days
    .map(
      (d, i) =>
        `${i ? 'L' : 'M'}${(pad + step * i + step / 2).toFixed(1)},${y(d.revenue, maxRevenue).toFixed(1)}`,
    )
    .join(' ')
  const first = days[0]
  const last = days.at(-1)
  return (
    <figure class="chart" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${w} ${h}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{t('chartTitle')}</title>
        <desc id="chart-desc">
          {t('chartDesc', {
            orders: days.reduce((n, d) => n + d.orders, 0),
            revenue: money(
              days.reduce((n, d) => n + d.revenue, 0),
              currency,
            ),
          })}
        </desc>
        <line x1={pad} x2={w - pad} y1={base} y2={base} style={{ stroke: 'var(--line)' }} />
        {days.map((d, i) => (
          <rect
            key={d.date}
            x={pad + step * i + 2}
            width={Math.max(1, step - 4)}
            y={y(d.orders, maxOrders)}
            height={base - y(d.orders, maxOrders)}
            fill="#9fd3bd"
            rx="2"
          >
            <title>{`${shortDate(d.date)}: ${d.orders} · ${money(d.revenue, currency)}`}</title>
          </rect>
        ))}
        <path
          d={line}
          fill="none"
          style={{ stroke: 'var(--green)' }}
          stroke-width="2.5"
          stroke-linejoin="round"
        />
      </svg>
      {/* Dates in HTML, not in the SVG: they keep the page's text size at any chart width. */}
      {first && last && (
        <div
          class="muted small"
          aria-hidden="true"
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            padding: `0 ${((pad / w) * 100).toFixed(2)}%`,
          }}
        >
          <span>{shortDate(first.date)}</span>
          <span>{shortDate(last.date)}</span>
        </div>
      )}
      <figcaption class="legend">
        <span style={{ '--c': '#9fd3bd' }}>{t('ordersPerDay')}</span>
        <span style={{ '--c': 'var(--green)' }}>{t('revenuePerDay')}</span>
      </figcaption>
    </figure>
  )
}

/** The last 30 days: orders, revenue, funnel, best sellers and messages waiting. */
export function Dashboard({ slug }: { slug: string }) {
  const [data, setData] = useState<DashboardData | undefined>(undefined)
  useEffect(() => {
    api.get<DashboardData>(shopPath(slug, '/dashboard')).then(setData, () => setData(undefined))
  }, [slug])
  if (!data) return <Loading />
  const { funnel } = data
  const steps = [
    ['funnelCreated', funnel.created],
    ['funnelArrived', funnel.arrived],
    ['funnelPaid', funnel.paid],
  ] as const
  return (
    <section aria-labelledby="dash-title">
      <h1 id="dash-title">{t('navDashboard')}</h1>
      <div class="stats">
        <div class="stat">
          <p class="muted small">{t('orders30')}</p>
          <p class="value" data-testid="orders-30">
            {data.totals.orders}
          </p>
        </div>
        <div class="stat">
          <p class="muted small">{t('revenue30')}</p>
          <p class="value">{money(data.totals.revenue, data.currency)}</p>
        </div>
        <div class="stat">
          <p class="muted small">{t('funnelPaid')}</p>
          <p class="value" data-testid="paid-30">
            {funnel.paid}
          </p>
        </div>
        <div class="stat">
          <p class="muted small">{t('unmatched')}</p>
          <p class="value">{data.unmatchedMessages}</p>
        </div>
      </div>
      <div class="card">
        <h2>{t('last30')}</h2>
        <Chart days={data.days} currency={data.currency} />
      </div>
      <div class="grid-2">
        <div class="card">
          <h2>{t('funnel')}</h2>
          <ul class="funnel">
            {steps.map(([key, n]) => (
              <li key={key}>
                <div class="funnel-label">
                  <span>{t(key)}</span>
                  <strong>{n}</strong>
                </div>
                <div
                  class="funnel-bar"
                  style={{ width: `${funnel.created ? (n / funnel.created) * 100 : 0}%` }}
                />
              </li>
            ))}
          </ul>
          {funnel.paidByMethod.length > 0 && (
            <p class="muted small" data-testid="paid-by-method">
              {tp('payMethod')}:{' '}
              {funnel.paidByMethod
                .map((m) => `${methodName(m.method ?? 'other')} ${m.orders}`)
                .join(' · ')}
            </p>
          )}
          <p class="muted small">{t('funnelArrivedHint')}</p>
        </div>
        <div class="card">
          <h2>{t('topProducts')}</h2>
          {data.topProducts.length === 0 ? (
            <Empty title={t('noSalesYet')}>
              <Link href={shopUrl(slug, '/share')}>{t('shareYourShop')}</Link>
            </Empty>
          ) : (
            <ol class="top">
              {data.topProducts.map((p) => (
                <li key={p.sku}>
                  <span>{p.name}</span>
                  <span class="muted small">
                    {t('nSold', { n: p.quantity })} · {money(p.revenue, data.currency)}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </section>
  )
}
