import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'

export interface RequestLogOptions {
  /** Where lines go; omit to keep the app quiet (tests). */
  write?: ((line: string) => void) | undefined
}

/**
 * Gives each request an id (kept from `X-Request-Id` when sane) and logs one JSON line for it.
 * @example app.use(requestLog({ write: console.log }))
 */
export function requestLog(options: RequestLogOptions = {}): MiddlewareHandler<AppEnv> {
  return async function requestLog(c, next) {
    const given = c.req.header('x-request-id')
    const id = given && /^[\w.-]{8,64}$/.test(given) ? given : crypto.randomUUID()
    c.set('requestId', id)
    const start = performance.now()
    await next()
    c.header('X-Request-Id', id)
    options.write?.(
      JSON.stringify({
        t: new Date().toISOString(),
        id,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      }),
    )
  }
}
