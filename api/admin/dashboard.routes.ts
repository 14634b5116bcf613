import { Hono } from 'hono'
import {
  countUnmatchedMessages,
  dailyOrderTotals,
  orderFunnel,
  paidOrdersByMethod,
  topSellingSkus,
} from '../../db/admin.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { merchantJson } from '../auth/merchant-json.ts'
import { currentMerchant } from '../auth/session.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'

const DAY_MS = 86_400_000
const DASHBOARD_DAYS = 30

/** The day keys (YYYY-MM-DD in the shop's time zone) of the last `days` days, oldest first. */
function lastDays(days: number, timezone: string, now = new Date()): string[] {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
  const keys: string[] = []
  for (let i = days - 1; i >= 0; i--) keys.push(format.format(new Date(now.getTime() - i * DAY_MS)))
  return [...new Set(keys)]
}

/** The dashboard's answer: one entry per day shown (0 on days without orders), totals, funnel. */
export function dashboardJson(
  currency: string,
  days: string[],
  data: {
    daily: Awaited<ReturnType<typeof dailyOrderTotals>>
    funnel: Awaited<ReturnType<typeof orderFunnel>>
    paidBy: Awaited<ReturnType<typeof paidOrdersByMethod>>
    topProducts: Awaited<ReturnType<typeof topSellingSkus>>
    unmatchedMessages: number
  },
) {
  const byDay = new Map(data.daily.map((d) => [d.day, d]))
  const series = days.map((date) => ({
    date,
    orders: byDay.get(date)?.orders ?? 0,
    revenue: byDay.get(date)?.revenue ?? 0,
  }))
  return {
    currency,
    days: series,
    totals: {
      orders: series.reduce((n, d) => n + d.orders, 0),
      revenue: series.reduce((n, d) => n + d.revenue, 0),
    },
    funnel: { ...data.funnel, paidByMethod: data.paidBy },
    topProducts: data.topProducts,
    unmatchedMessages: data.unmatchedMessages,
  }
}

/** The admin's session probe and the shop's dashboard (last 30 days, funnel, top products). */
export function dashboardRoutes() {
  const routes = new Hono<AppEnv>()
  const base = '/api/shops/:slug'

  // The admin asks this first; signed out is an ordinary answer here, not a 401 in the console.
  routes.get('/api/admin/session', async (c) => {
    const merchant = await currentMerchant(c)
    c.header('Cache-Control', 'no-store')
    return c.json({ merchant: merchant ? merchantJson(merchant) : null })
  })

  routes.get(`${base}/dashboard`, requireOwnedShop(), async (c) => {
    const { db, shop } = c.var
    const days = lastDays(DASHBOARD_DAYS, shop.timezone)
    // From the start of the first day shown, in the shop's time zone (give or take its offset).
    const since = new Date(Date.now() - (DASHBOARD_DAYS + 1) * DAY_MS)
    const [daily, funnel, paidBy, topProducts, unmatchedMessages] = await Promise.all([
      dailyOrderTotals(db, { shopId: shop.id, timezone: shop.timezone, since }),
      orderFunnel(db, { shopId: shop.id, since }),
      paidOrdersByMethod(db, { shopId: shop.id, since }),
      topSellingSkus(db, { shopId: shop.id, since, limit: 5 }),
      countUnmatchedMessages(db, shop.id),
    ])
    return c.json(
      dashboardJson(shop.currency, days, { daily, funnel, paidBy, topProducts, unmatchedMessages }),
    )
  })

  return routes
}
