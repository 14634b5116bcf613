import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'

/**
 * Headers every response carries: `nosniff`, a Referrer-Policy (a route may set a stricter one),
 * HSTS when the public URL is https, and `Cache-Control: no-store` on API answers that set no
 * caching of their own: owner data (orders, customers, inbox) is never kept by a browser or proxy.
 * @example app.use(securityHeaders())
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async function securityHeaders(c, next) {
    await next()
    const headers = c.res.headers
    headers.set('X-Content-Type-Options', 'nosniff')
    if (!headers.has('Referrer-Policy')) {
      headers.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    }
    // c.get(), not c.var: the latter copies every variable into a new object on each read.
    if (c.get('config').publicUrl.startsWith('https:')) {
      headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    }
    if (c.req.path.startsWith('/api/') && !headers.has('Cache-Control')) {
      headers.set('Cache-Control', 'no-store')
    }
  }
}
