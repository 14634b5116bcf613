import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { requireOwnedShop } from '../middleware/require-merchant.ts'
import { messageUsage } from './message-costs.ts'

/**
 * `GET /api/shops/:slug/whatsapp/usage`: the messages Chatcart sent for the shop this calendar
 * month (UTC), by Meta's pricing category and type, the cap and the automatic-confirmation switch.
 */
export function whatsappUsageRoutes() {
  const routes = new Hono<AppEnv>()
  routes.get('/api/shops/:slug/whatsapp/usage', requireOwnedShop(), async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json(await messageUsage(c.var.db, c.var.shop.id, new Date()))
  })
  return routes
}
