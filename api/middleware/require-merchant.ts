import type { MiddlewareHandler } from 'hono'
import { findOwnedShop } from '../../db/shops.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { currentMerchant } from '../auth/session.ts'
import { AppError, notFound } from '../errors.ts'
import { isSameOriginRequest } from './same-origin.ts'

/**
 * Lets only a signed-in merchant through (401 otherwise), and refuses cross-site state changes.
 * @example routes.get('/api/me', requireMerchant(), handler)
 */
export function requireMerchant(): MiddlewareHandler<AppEnv> {
  return async function requireMerchant(c, next) {
    const merchant = await currentMerchant(c)
    if (!merchant) throw new AppError(401, 'unauthenticated', 'Log in first')
    if (!isSameOriginRequest(c)) {
      throw new AppError(403, 'cross_site', 'Cross-site requests cannot change this account')
    }
    c.set('merchant', { id: merchant.id, email: merchant.email })
    await next()
  }
}

/**
 * Loads the shop named by `:slug` when the signed-in merchant owns it. Another merchant's shop
 * answers 404, exactly like a missing one.
 * @example routes.get('/products', requireOwnedShop(), handler)
 */
export function requireOwnedShop(): MiddlewareHandler<AppEnv> {
  const auth = requireMerchant()
  return async function requireOwnedShop(c, next) {
    await auth(c, async () => {
      const shop = await findOwnedShop(c.var.db, c.req.param('slug') ?? '', c.var.merchant.id)
      if (!shop) throw notFound('Shop')
      c.set('shop', shop)
      await next()
    })
  }
}
