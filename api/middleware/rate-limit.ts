import type { MiddlewareHandler } from 'hono'
import { sql } from 'kysely'
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
    const windowSql = sql<Date>`now() + ${`${options.windowMs} milliseconds`}::interval`
    const row = await c.var.db
      .insertInto('rate_limits')
      .values({ key, count: 1, reset_at: windowSql })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end`,
          reset_at: sql`case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end`,
        }),
      )
      .returning(['count', 'reset_at'])
      .executeTakeFirstOrThrow()
    if (row.count > options.limit) {
      const seconds = Math.max(1, Math.ceil((row.reset_at.getTime() - Date.now()) / 1000))
      c.header('Retry-After', String(seconds))
      throw new AppError(429, 'rate_limited', `Too many attempts; try again in ${seconds} s`)
    }
    await next()
  }
}
