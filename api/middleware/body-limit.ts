import type { MiddlewareHandler } from 'hono'
import { bodyLimit as honoBodyLimit } from 'hono/body-limit'
import { AppError } from '../errors.ts'

/**
 * Refuses bodies over `maxBytes` with a 413, whether or not Content-Length was sent.
 * @example app.use('/api/*', limitBody(1024 * 1024))
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const onError = () => {
    throw new AppError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes`)
  }
  const inner = honoBodyLimit({ maxSize: maxBytes, onError })
  return async function limitBody(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    // With a Content-Length and no Transfer-Encoding, Node's HTTP parser holds the body to that
    // length, so the header is all there is to check; the body stays unread and the route reads
    // it straight from the socket (asking for `c.req.raw.body` would wrap it in web streams).
    const length = c.req.header('content-length')
    if (
      length !== undefined &&
      /^\d+$/.test(length) &&
      c.req.header('transfer-encoding') === undefined
    ) {
      if (Number(length) > maxBytes) return onError()
      return next()
    }
    return inner(c, next)
  }
}
