import type { MiddlewareHandler } from 'hono'
import { bodyLimit as honoBodyLimit } from 'hono/body-limit'
import { AppError } from '../errors.ts'

/**
 * Refuses bodies over `maxBytes` with a 413, whether or not Content-Length was sent.
 * @example app.use('/api/*', limitBody(1024 * 1024))
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const inner = honoBodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes`)
    },
  })
  return async function limitBody(c, next) {
    return inner(c, next)
  }
}
