import type { MiddlewareHandler } from 'hono'
import { countRateLimitHit } from '../../db/rate-limits.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { clientIp } from './client-ip.ts'

export interface RateLimitOptions {
  /** Bucket name, so different routes count separately. */
  name: string
  limit: number
  windowMs: number
}

export { clientIp }

/**
 * Fixed-window counter per client IP, kept in PostgreSQL so every server process shares it.
 * Over the limit: 429 with `Retry-After` in seconds.
 * @example app.post('/login', rateLimit({ name: 'login', limit: 10, windowMs: 60_000 }), handler)
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const key = `${options.name}:${clientIp(c)}`
    const row = await countRateLimitHit(c.var.db, key, options.windowMs)
    if (row.count > options.limit) {
      const seconds = Math.max(1, Math.ceil((row.reset_at.getTime() - Date.now()) / 1000))
      c.header('Retry-After', String(seconds))
      throw new AppError(429, 'rate_limited', `Too many attempts; try again in ${seconds} s`)
    }
    await next()
  }
}
