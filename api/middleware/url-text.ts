import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { textProblem } from '../validate.ts'

/**
 * Refuses, before any route, a path or query string whose decoded text could not be stored
 * (`%00` above all: PostgreSQL refuses NUL in text), with a 400 naming the query parameter, or
 * `path`. Routes then read slugs, ids, tokens and search terms without checking each one.
 * @example app.use(refuseBadUrlText())
 */
export function refuseBadUrlText(): MiddlewareHandler<AppEnv> {
  return async function refuseBadUrlText(c, next) {
    // c.req.path and c.req.queries() decode exactly as the routes' params and queries do.
    const pathProblem = textProblem(c.req.path)
    if (pathProblem) throw new AppError(400, 'invalid_text', `The path ${pathProblem}`, 'path')
    for (const [name, values] of Object.entries(c.req.queries())) {
      const nameProblem = textProblem(name)
      if (nameProblem) {
        throw new AppError(400, 'invalid_text', `A query parameter name ${nameProblem}`, 'query')
      }
      for (const value of values) {
        const problem = textProblem(value)
        if (problem) throw new AppError(400, 'invalid_text', `${name} ${problem}`, name)
      }
    }
    await next()
  }
}
