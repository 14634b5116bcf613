import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { adminPageRoutes } from './admin-pages.routes.ts'

/** The merchant admin: its pages under `/admin` and the data APIs only it uses. */
export function adminRoutes() {
  const routes = new Hono<AppEnv>()
  routes.route('/', adminPageRoutes())
  return routes
}
