import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { categoryRoutes } from './categories.routes.ts'
import { productRoutes } from './products.routes.ts'
import { publicCatalogRoutes } from './public-catalog.routes.ts'
import type { PublicCatalogCache } from './public-catalog-cache.ts'
import { shippingMethodRoutes } from './shipping-methods.routes.ts'

/** The catalog: owner routes for categories, products and shipping methods, and the public catalog. */
export function catalogRoutes(cache: PublicCatalogCache) {
  const routes = new Hono<AppEnv>()
  routes.route('/', publicCatalogRoutes(cache))
  routes.route('/', categoryRoutes())
  routes.route('/', productRoutes())
  routes.route('/', shippingMethodRoutes())
  return routes
}
