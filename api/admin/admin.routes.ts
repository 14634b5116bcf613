import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { adminPageRoutes } from './admin-pages.routes.ts'
import { catalogFileRoutes } from './catalog-files.routes.ts'
import { dashboardRoutes } from './dashboard.routes.ts'
import { ordersCsvRoutes } from './orders-csv.routes.ts'

/** The merchant admin: its pages under `/admin` and the data APIs only it uses. */
export function adminRoutes() {
  const routes = new Hono<AppEnv>()
  routes.route('/', dashboardRoutes())
  routes.route('/', catalogFileRoutes())
  routes.route('/', ordersCsvRoutes())
  routes.route('/', adminPageRoutes())
  return routes
}
