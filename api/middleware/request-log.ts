import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'

export interface RequestLogOptions {
  /** Where lines go; omit to keep the app quiet (tests). */
  write?: ((line: string) => void) | undefined
}

// Paths that carry a secret: an order's token (its public page) or code (the owner's API).
const SECRET_SEGMENTS: [RegExp, string][] = [
  [/^\/o\/[^/]+/, '/o/:token'],
  [/^\/api\/orders\/[^/]+/, '/api/orders/:token'],
  [/^(\/api\/shops\/[^/]+\/orders)\/[^/]+/, '$1/:code'],
]

/**
 * The path as it is logged: order tokens and codes replaced by their parameter names, so log
 * readers cannot open or confirm an order.
 * @example loggedPath('/o/2f9c…') // '/o/:token'
 */
export function loggedPath(path: string): string {
  for (const [pattern, replacement] of SECRET_SEGMENTS) {
    if (pattern.test(path)) return path.replace(pattern, replacement)
  }
  return path
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
    // On the response's own headers: c.header() on a finished response would copy it, body
    // and all, into a new one (a stream), which costs more than the rest of a cached page.
    c.res.headers.set('X-Request-Id', id)
    options.write?.(
      JSON.stringify({
        t: new Date().toISOString(),
        id,
        method: c.req.method,
        path: loggedPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - start) * 10) / 10,
      }),
    )
  }
}
