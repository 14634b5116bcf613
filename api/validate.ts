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
  // A refinement may name its own error code (e.g. `amount_too_large`) through its params.
  const code = issue.code === 'custom' ? issue.params?.code : undefined
  return new AppError(
    400,
    typeof code === 'string' ? code : 'invalid',
    `${path || 'body'}: ${issue.message}`,
    path || undefined,
  )
}

/** Deepest nesting of arrays and objects any input may have; ours need a handful of levels. */
export const MAX_INPUT_DEPTH = 32

// A UTF-16 code unit of a pair without its other half.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Why a text cannot be stored (PostgreSQL refuses NUL in text; an unpaired surrogate is no
 * character at all and would be stored as U+FFFD), or null when it can.
 */
export function textProblem(text: string): string | null {
  if (text.includes('\0')) return 'contains a NUL character (\\u0000)'
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired surrogate (not valid Unicode)'
  return null
}

/**
 * Whether a value nests arrays and objects more than `max` levels deep; looks no further down,
 * so it is safe on anything JSON.parse returns (JSON.stringify would overflow the stack).
 * @example nestedDeeperThan(JSON.parse('[[[]]]'), 2) // true
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (max <= 0) return true
  return Object.values(value).some((item) => nestedDeeperThan(item, max - 1))
}

/**
 * Walks any input, schema or not, before it is read: every string and key must be storable
 * text, nesting stays within {@link MAX_INPUT_DEPTH} and no key is `__proto__`. Throws a 400
 * naming the field (`items.0.sku`), as schema errors do.
 */
export function checkInputText(value: unknown): void {
  const walk = (node: unknown, path: string[]): void => {
    const field = path.join('.') || undefined
    if (typeof node === 'string') {
      const problem = textProblem(node)
      if (problem) throw new AppError(400, 'invalid_text', `${field ?? 'body'} ${problem}`, field)
      return
    }
    if (typeof node !== 'object' || node === null) return
    if (path.length >= MAX_INPUT_DEPTH) {
      throw new AppError(
        400,
        'too_deep',
        `${field ?? 'body'} is nested more than ${MAX_INPUT_DEPTH} levels deep`,
        field,
      )
    }
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, [...path, String(index)])
      return
    }
    for (const [key, item] of Object.entries(node)) {
      const keyField = [...path, key].join('.')
      // JSON.parse makes `__proto__` an own key; merged into an object it would set a prototype.
      if (key === '__proto__') {
        throw new AppError(400, 'unknown_field', `Unknown field "${keyField}"`, keyField)
      }
      const problem = textProblem(key)
      if (problem) {
        throw new AppError(400, 'invalid_text', `The name of ${keyField} ${problem}`, keyField)
      }
      walk(item, [...path, key])
    }
  }
  walk(value, [])
}

/**
 * Checks a value against a schema, throwing a field-naming 400 when it does not fit. Any text
 * that could not be stored, or nesting past {@link MAX_INPUT_DEPTH}, is refused first.
 */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  checkInputText(value)
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
