import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { adminDataRoutes } from './admin-data.routes.ts'
import { adminPageRoutes } from './admin-pages.routes.ts'

/** The merchant admin: its pages under `/admin` and the data APIs only it uses. */
export function adminRoutes() {
  const routes = new Hono<AppEnv>()
  routes.route('/', adminDataRoutes())
  routes.route('/', adminPageRoutes())
  return routes
}
