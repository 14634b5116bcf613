import type { Context } from 'hono'
import { z } from 'zod'
import { AppError } from './errors.ts'

/** Turns the first schema issue into a 400 that names the field. */
export function schemaError(error: z.ZodError): AppError {
  const issue = error.issues[0]
  if (!issue) return new AppError(400, 'invalid', 'Invalid input')
  const path = issue.path.map(String).join('.')
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    const field = path ? `${path}.${key}` : key
    return new AppError(400, 'unknown_field', `Unknown field "${field}"`, field)
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return new AppError(400, 'required', `${path || 'body'} is required`, path || undefined)
  }
  return new AppError(400, 'invalid', `${path || 'body'}: ${issue.message}`, path || undefined)
}

/** Checks a value against a schema, throwing a field-naming 400 when it does not fit. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  // Without reportInput zod leaves `input` out of issues: a wrong type would read as missing.
  const result = schema.safeParse(value, { reportInput: true })
  if (!result.success) throw schemaError(result.error)
  return result.data
}

/**
 * Reads a JSON body and validates it. Malformed JSON is a 400 `invalid_json`; a body that is not
 * JSON at all is a 415.
 * @example const input = await readJson(c, createShopSchema)
 */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? ''
  if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
    throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json')
  }
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new AppError(400, 'invalid_json', 'The body is not valid JSON')
  }
  return parseWith(schema, value)
}

/** Reads query parameters against a schema. */
export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  return parseWith(schema, c.req.query())
}

/** A UUID path parameter; anything else is simply not found. */
export const uuidParam = z.uuid()
