import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** True when a state change comes from our own pages (or from a non-browser client). */
export function isSameOriginRequest(c: Context<AppEnv>): boolean {
  if (SAFE_METHODS.has(c.req.method)) return true
  const site = c.req.header('sec-fetch-site')
  if (site) return site === 'same-origin' || site === 'none'
  const origin = c.req.header('origin')
  if (!origin) return true // not a browser cross-site request: browsers send Origin on POST
  const allowed = new Set([new URL(c.var.config.publicUrl).origin, new URL(c.req.url).origin])
  return allowed.has(origin)
}

/**
 * Refuses cookie-authenticated state changes sent from another site (CSRF), using
 * `Sec-Fetch-Site` where the browser sends it and `Origin` otherwise.
 */
export function sameOrigin(): MiddlewareHandler<AppEnv> {
  return async function sameOrigin(c, next) {
    if (!isSameOriginRequest(c)) {
      throw new AppError(403, 'cross_site', 'Cross-site requests cannot change this account')
    }
    await next()
  }
}
