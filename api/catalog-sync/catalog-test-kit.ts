import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A stand-in for Meta's Catalog Batch API on 127.0.0.1, for the catalog sync tests. It checks
// each call against Meta's documentation and answers as Meta does:
// - POST /{catalog-id}/items_batch, `Authorization: Bearer`, JSON body with `item_type`
//   PRODUCT_ITEM and `requests` (1–5,000 of `{method: CREATE|UPDATE|DELETE, data: {id, …}}`;
//   CREATE, and an UPDATE that creates, need every required field; DELETE only `data.id`):
//   `{handles: [h], validation_status: [{retailer_id, errors: [{message}]}]}`;
// - GET /{catalog-id}/check_batch_request_status?handle=h: `{data: [{status, errors, …}]}`;
// - GET /{phone-number-id}?fields=display_phone_number, which saving a shop's number calls.

const REQUIRED = ['title', 'description', 'availability', 'condition', 'price', 'link', 'brand']
const AVAILABILITY = new Set([
  'in stock',
  'out of stock',
  'preorder',
  'available for order',
  'discontinued',
])
const PRICE = /^\d+(\.\d{1,3})? [A-Z]{3}$/

export interface CatalogCall {
  method: string
  path: string
  query: Record<string, string>
  authorization: string | undefined
  body: unknown
}

type Item = Record<string, unknown>

/** Why a request breaks Meta's documented shape, or null when it follows it. */
function shapeProblem(
  body: unknown,
  catalog: ReadonlyMap<string, Item>,
  contentType: string | undefined,
): string | null {
  if (!contentType?.startsWith('application/json')) return 'content-type is not JSON'
  if (!body || typeof body !== 'object') return 'no JSON body'
  const { item_type, requests } = body as { item_type?: unknown; requests?: unknown }
  if (item_type !== 'PRODUCT_ITEM') return 'item_type must be PRODUCT_ITEM'
  if (!Array.isArray(requests) || requests.length === 0 || requests.length > 5000)
    return 'requests must be an array of 1 to 5000'
  for (const [i, request] of requests.entries()) {
    const { method, data } = request as { method?: unknown; data?: Item }
    if (method !== 'CREATE' && method !== 'UPDATE' && method !== 'DELETE')
      return `requests[${i}].method`
    if (!data || typeof data.id !== 'string' || data.id === '' || data.id.length > 100)
      return `requests[${i}].data.id`
    if (method === 'DELETE') {
      if (Object.keys(data).length !== 1) return `requests[${i}]: DELETE takes only data.id`
      continue
    }
    if (method === 'CREATE' || !catalog.has(data.id)) {
      const missing = REQUIRED.find(
        (field) => typeof data[field] !== 'string' || data[field] === '',
      )
      if (missing) return `requests[${i}].data.${missing} is required`
      if (typeof data.image_link !== 'string' && !Array.isArray(data.image))
        return `requests[${i}].data.image_link is required`
    }
    if (typeof data.title === 'string' && data.title.length > 100) return `requests[${i}].title`
    if (typeof data.description === 'string' && data.description.length > 5000)
      return `requests[${i}].description`
    if (data.availability !== undefined && !AVAILABILITY.has(String(data.availability)))
      return `requests[${i}].data.availability`
    for (const field of ['price', 'sale_price'])
      if (data[field] !== undefined && !PRICE.test(String(data[field])))
        return `requests[${i}].data.${field} must read like "12.34 EUR"`
    for (const field of ['link', 'image_link'])
      if (data[field] !== undefined && !/^https?:\/\//.test(String(data[field])))
        return `requests[${i}].data.${field} must be a URL`
    if (data.inventory !== undefined && !Number.isInteger(data.inventory))
      return `requests[${i}].data.inventory`
  }
  return null
}

export interface CatalogStandInOptions {
  catalogId: string
  token: string
  /** Answer this many items_batch calls with a 500 first. */
  failFirst?: number
  /** The display number of phone number ids, for shops saved with one. */
  displayPhoneNumber?: string
  /** Per-item refusals: SKU → message, reported in `validation_status`. */
  refuse?: Record<string, string>
  /** Status checks that answer `in_progress` before `finished`. */
  checksInProgress?: number
  /** Per-item errors that only the finished status check reports: SKU → message. */
  statusErrors?: Record<string, string>
}

/** Starts the stand-in; `catalog` is what Meta's catalog would hold after the calls. */
export async function startCatalogStandIn(options: CatalogStandInOptions) {
  const calls: CatalogCall[] = []
  const problems: string[] = []
  const catalog = new Map<string, Item>()
  const batches = new Map<string, string[]>()
  let batchCalls = 0
  let checks = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown
      try {
        body = text ? JSON.parse(text) : undefined
      } catch {
        body = text
      }
      const call: CatalogCall = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: req.headers.authorization,
        body,
      }
      calls.push(call)
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(json))
      }
      const refuse = (problem: string) => {
        problems.push(problem)
        answer(400, { error: { code: 100, message: `(#100) ${problem}`, type: 'OAuthException' } })
      }
      if (call.authorization !== `Bearer ${options.token}`)
        return answer(401, { error: { code: 190, message: 'Invalid OAuth access token' } })
      const [, first, second] = url.pathname.split('/')
      if (call.method === 'GET' && first && !second && url.searchParams.has('fields'))
        return answer(200, {
          display_phone_number: options.displayPhoneNumber ?? '+1 555-078-3881',
          id: first,
        })
      if (first !== options.catalogId) return refuse(`unknown catalog ${first}`)
      if (call.method === 'POST' && second === 'items_batch') {
        const problem = shapeProblem(body, catalog, req.headers['content-type'])
        if (problem) return refuse(problem)
        batchCalls++
        if (batchCalls <= (options.failFirst ?? 0))
          return answer(500, {
            error: { code: 2, message: 'Service temporarily unavailable', is_transient: true },
          })
        const requests = (body as { requests: { method: string; data: Item }[] }).requests
        const validation: unknown[] = []
        const accepted: string[] = []
        for (const { method, data } of requests) {
          const id = String(data.id)
          const refusal = options.refuse?.[id]
          if (refusal) {
            validation.push({ retailer_id: id, errors: [{ message: refusal }] })
            continue
          }
          if (method === 'DELETE') catalog.delete(id)
          else catalog.set(id, { ...(catalog.get(id) ?? {}), ...data })
          accepted.push(id)
        }
        const handle = `handle-${batches.size + 1}`
        batches.set(handle, accepted)
        return answer(200, {
          handles: accepted.length ? [handle] : [],
          validation_status: validation,
        })
      }
      if (call.method === 'GET' && second === 'check_batch_request_status') {
        const handle = url.searchParams.get('handle') ?? ''
        if (!batches.has(handle)) return refuse(`unknown handle ${handle}`)
        checks++
        const status = checks <= (options.checksInProgress ?? 0) ? 'in_progress' : 'finished'
        const errors = Object.entries(options.statusErrors ?? {})
          .filter(([id]) => batches.get(handle)?.includes(id))
          .map(([id, message]) => ({ line: 0, id, message }))
        if (status === 'finished') for (const { id } of errors) catalog.delete(id)
        return answer(200, {
          data: [
            {
              status,
              handle,
              errors_total_count: status === 'finished' ? errors.length : 0,
              errors: status === 'finished' ? errors : [],
              warnings_total_count: 0,
              warnings: [],
            },
          ],
        })
      }
      return refuse(`no such call: ${call.method} ${url.pathname}`)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Calls that broke Meta's documented shape (answered with a 400 `#100`). */
    problems,
    catalog,
    /** The items_batch calls' `requests`, in order. */
    batchRequests: () =>
      calls
        .filter((c) => c.method === 'POST' && c.path.endsWith('/items_batch'))
        .map((c) => (c.body as { requests: unknown[] }).requests),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
