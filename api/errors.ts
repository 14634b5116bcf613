import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** An error meant for the client: a 4xx status, a stable code, a message, maybe a field. */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** Facts a client shows in its own words, e.g. `{ missing: 1500 }` (minor units). */
    readonly details?: Record<string, number>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** 404 in the same words whether the thing is missing or belongs to someone else. */
export function notFound(what = 'Resource'): AppError {
  return new AppError(404, 'not_found', `${what} not found`)
}

/** A 400 naming the field at fault. */
export function invalidField(field: string, message: string, code = 'invalid'): AppError {
  return new AppError(400, code, message, field)
}

// SQLSTATE classes and socket errors that mean "the database cannot be reached right now", as
// opposed to a fault in the request or in our code.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300'])
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
])

/** True for an error that says the database is away (restarting, refusing connections). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_SOCKET.has(code)) {
      return true
    }
  }
  return /^Connection terminated|timeout exceeded when trying to connect/.test(err.message)
}

/** The one place where errors become responses. Nothing internal ever reaches the client. */
export function handleError(err: Error, c: Context): Response {
  // A refused body may still be arriving: close the connection after answering rather than
  // read the rest, so the next request on it cannot be taken from the leftover bytes.
  if ((err instanceof AppError || err instanceof HTTPException) && err.status === 413) {
    c.header('Connection', 'close')
  }
  if (err instanceof AppError) {
    const error = {
      code: err.code,
      message: err.message,
      ...(err.field ? { field: err.field } : {}),
      ...err.details,
    }
    return c.json({ error }, err.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode
    const code =
      status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request'
    return c.json({ error: { code, message: err.message || 'Bad request' } }, status)
  }
  if (isDatabaseUnavailable(err)) {
    c.header('Retry-After', '5')
    return c.json(
      {
        error: {
          code: 'database_unavailable',
          message: 'The database cannot be reached right now; try again in a few seconds',
        },
      },
      503,
    )
  }
  console.error(
    JSON.stringify({
      level: 'error',
      requestId: c.get('requestId'),
      error: String(err?.stack ?? err),
    }),
  )
  return c.json({ error: { code: 'internal', message: 'Something went wrong on our side' } }, 500)
}
