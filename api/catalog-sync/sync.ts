import type { Db } from '../../db/database.ts'
import {
  type CatalogItemOutcome,
  type ClaimedCatalogItem,
  claimDueCatalogCheck,
  claimDueCatalogItems,
  findCatalogSources,
  settleCatalogItems,
} from '../../db/meta-catalog.queries.ts'
import type { AppConfig } from '../config.ts'
import { retryDelayMs } from '../whatsapp/outbox.ts'
import { type CatalogRequest, planCatalogItem } from './catalog-items.ts'

/** Records per items_batch call: Meta takes up to 5,000 and advises at most 3,000. */
export const CATALOG_BATCH_LIMIT = 3000
/** Attempts before a batch that keeps meeting timeouts, throttling or 5xx is given up. */
export const MAX_SYNC_ATTEMPTS = 8
/** How long after an accepted batch its status is first checked, and between checks. */
export const CHECK_INTERVAL_MS = 5_000
const REQUEST_TIMEOUT_MS = 30_000
/** Rows left in `sending` this long were taken by a process that died; send them again. */
const STALE_SENDING_MS = 2 * 60_000

/** Meta's "too many calls to this catalog": wait and try again, whatever the HTTP status. */
const THROTTLED = 80014

type GraphAnswer =
  | { kind: 'ok'; body: unknown }
  | { kind: 'retry'; error: string }
  | { kind: 'give_up'; error: string }

function graphError(body: unknown, status: number): { message: string; code: unknown } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  if (error && typeof error === 'object') {
    const code = typeof error.code === 'number' || typeof error.code === 'string' ? error.code : ''
    const message = typeof error.message === 'string' ? error.message : `HTTP ${status}`
    return { message: `${code} ${message}`.trim().slice(0, 1000), code: error.code }
  }
  return { message: `HTTP ${status}`, code: undefined }
}

async function callGraph(url: string, token: string, init: RequestInit): Promise<GraphAnswer> {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError'
    return { kind: 'retry', error: timeout ? 'timeout' : 'network error' }
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  if (response.ok) return { kind: 'ok', body }
  const { message, code } = graphError(body, response.status)
  if (response.status === 429 || response.status >= 500 || Number(code) === THROTTLED)
    return { kind: 'retry', error: message }
  // Any other 4xx (a bad token, a catalog the token cannot reach) fails the same way each time.
  return { kind: 'give_up', error: message }
}

/** Per-item errors of an answer: `validation_status[]` or the status check's `errors[]`. */
function itemErrors(list: unknown): Map<string, string> {
  const errors = new Map<string, string>()
  if (!Array.isArray(list)) return errors
  for (const entry of list as Record<string, unknown>[]) {
    const id = entry?.retailer_id ?? entry?.id
    if (typeof id !== 'string') continue
    const messages = Array.isArray(entry.errors)
      ? (entry.errors as { message?: unknown }[]).map((e) => e?.message)
      : [entry.message]
    const text = messages.filter((m): m is string => typeof m === 'string' && m !== '')
    if (text.length) errors.set(id, [errors.get(id), ...text].filter(Boolean).join('; '))
  }
  return errors
}

// Deleting an item the catalog does not have leaves the catalog as wanted.
const NOT_FOUND = /not (be )?found|does ?n[o']t exist|no such/i

/** The outcome of a request Meta refused for this item. */
function refused(item: ClaimedCatalogItem, method: string, error: string): CatalogItemOutcome {
  if (method === 'DELETE' && NOT_FOUND.test(error))
    return { sku: item.sku, version: item.version, state: 'synced', inCatalog: false }
  return { sku: item.sku, version: item.version, state: 'failed', error: error.slice(0, 1000) }
}

function retryOrFail(item: ClaimedCatalogItem, error: string, now: Date): CatalogItemOutcome {
  if (item.attempts >= MAX_SYNC_ATTEMPTS)
    return { sku: item.sku, version: item.version, state: 'failed', error }
  return {
    sku: item.sku,
    version: item.version,
    state: 'pending',
    error,
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(item.attempts)),
  }
}

/** Sends one batch of due rows; false when there was none. */
async function sendOneBatch(db: Db, config: AppConfig, token: string, now: Date) {
  const batch = await db.transaction().execute((trx) =>
    claimDueCatalogItems(trx, {
      now,
      staleBefore: new Date(now.getTime() - STALE_SENDING_MS),
      limit: CATALOG_BATCH_LIMIT,
    }),
  )
  if (!batch) return false
  const found = await findCatalogSources(
    db,
    batch.shopId,
    batch.items.map((i) => i.sku),
  )
  const { outcomes, sending } = planBatch(batch, found, config)
  if (sending.length)
    outcomes.push(...(await sendToMeta(batch.catalogId, sending, config, token, now)))
  await settleCatalogItems(db, batch.shopId, outcomes, now)
  return true
}

type Sending = { item: ClaimedCatalogItem; request: CatalogRequest; refusal?: string }

/** What each claimed item becomes: settled here (nothing to send), or a request for Meta. */
function planBatch(
  batch: { items: ClaimedCatalogItem[] },
  found: Awaited<ReturnType<typeof findCatalogSources>>,
  config: AppConfig,
) {
  const outcomes: CatalogItemOutcome[] = []
  const sending: Sending[] = []
  for (const item of batch.items) {
    const plan = found.shop
      ? planCatalogItem(item.sku, {
          shop: found.shop,
          publicUrl: config.publicUrl,
          products: found.products,
          variants: found.variants,
          activeVariants: new Map(found.activeVariants.map((r) => [r.product_id, Number(r.count)])),
        })
      : ({ method: 'DELETE', data: { id: item.sku } } as const)
    if (plan.method === 'REFUSED' && item.inCatalog === false)
      outcomes.push({ sku: item.sku, version: item.version, state: 'failed', error: plan.error })
    // An item that can no longer be sent as it is (its photo removed) leaves the catalog rather
    // than linger there with an old price; the product shows why.
    else if (plan.method === 'REFUSED')
      sending.push({
        item,
        request: { method: 'DELETE', data: { id: item.sku } },
        refusal: plan.error,
      })
    else if (plan.method === 'DELETE' && item.inCatalog === false)
      outcomes.push({ sku: item.sku, version: item.version, state: 'synced', inCatalog: false })
    else sending.push({ item, request: plan })
  }
  return { outcomes, sending }
}

/** Sends the requests in one `items_batch` call; each item's outcome from Meta's answer. */
async function sendToMeta(
  catalogId: string,
  sending: Sending[],
  config: AppConfig,
  token: string,
  now: Date,
): Promise<CatalogItemOutcome[]> {
  const outcomes: CatalogItemOutcome[] = []
  const answer = await callGraph(
    `${config.whatsapp.graphUrl}/${encodeURIComponent(catalogId)}/items_batch`,
    token,
    {
      method: 'POST',
      body: JSON.stringify({
        item_type: 'PRODUCT_ITEM',
        // An UPDATE of a missing item creates it: a retry after a lost answer cannot fail on
        // an item the first attempt already created.
        allow_upsert: true,
        requests: sending.map((s) => s.request),
      }),
    },
  )
  if (answer.kind === 'ok') {
    const body = answer.body as { handles?: unknown; validation_status?: unknown } | undefined
    const errors = itemErrors(body?.validation_status)
    const handle = Array.isArray(body?.handles) ? body.handles[0] : undefined
    for (const { item, request, refusal } of sending) {
      const error = errors.get(item.sku)
      if (error && refusal && NOT_FOUND.test(error))
        outcomes.push({
          sku: item.sku,
          version: item.version,
          state: 'failed',
          error: refusal,
          inCatalog: false,
        })
      else if (error) outcomes.push(refused(item, request.method, error))
      else if (typeof handle === 'string' && handle !== '')
        outcomes.push({
          sku: item.sku,
          version: item.version,
          state: 'checking',
          method: request.method,
          handle,
          error: refusal ?? null,
          nextAttemptAt: new Date(now.getTime() + CHECK_INTERVAL_MS),
        })
      else outcomes.push(retryOrFail(item, 'Meta took nothing of the batch (no handle)', now))
    }
  } else {
    for (const { item } of sending)
      outcomes.push(
        answer.kind === 'retry'
          ? retryOrFail(item, answer.error, now)
          : { sku: item.sku, version: item.version, state: 'failed', error: answer.error },
      )
  }
  return outcomes
}

/** Checks the status of one accepted batch; false when none is due. */
async function checkOneBatch(db: Db, config: AppConfig, token: string, now: Date) {
  const batch = await db
    .transaction()
    .execute((trx) =>
      claimDueCatalogCheck(trx, { now, leaseUntil: new Date(now.getTime() + STALE_SENDING_MS) }),
    )
  if (!batch) return false
  const url = new URL(
    `${config.whatsapp.graphUrl}/${encodeURIComponent(batch.catalogId)}/check_batch_request_status`,
  )
  url.searchParams.set('handle', batch.handle)
  const answer = await callGraph(url.href, token, { method: 'GET' })
  const checkAgain = (item: ClaimedCatalogItem, after: number) => ({
    sku: item.sku,
    version: item.version,
    state: 'checking' as const,
    handle: batch.handle,
    error: item.error,
    nextAttemptAt: new Date(now.getTime() + after),
  })
  let outcomes: CatalogItemOutcome[]
  if (answer.kind === 'ok') {
    const data = (answer.body as { data?: unknown } | undefined)?.data
    const status = (Array.isArray(data) ? data[0] : undefined) as
      | { status?: unknown; errors?: unknown }
      | undefined
    if (status?.status === 'finished') {
      const errors = itemErrors(status.errors)
      outcomes = batch.items.map((item) => {
        const error = errors.get(item.sku)
        if (error) return refused(item, item.method ?? 'UPDATE', error)
        if (item.method === 'DELETE' && item.error)
          return {
            sku: item.sku,
            version: item.version,
            state: 'failed',
            error: item.error,
            inCatalog: false,
          }
        return {
          sku: item.sku,
          version: item.version,
          state: 'synced',
          inCatalog: item.method !== 'DELETE',
        }
      })
    } else {
      outcomes = batch.items.map((item) => checkAgain(item, CHECK_INTERVAL_MS))
    }
  } else if (answer.kind === 'retry') {
    // A status check that meets a timeout or 5xx is simply asked again later.
    outcomes = batch.items.map((item) => checkAgain(item, 60_000))
  } else {
    outcomes = batch.items.map((item) => ({
      sku: item.sku,
      version: item.version,
      state: 'failed',
      error: answer.error,
    }))
  }
  await settleCatalogItems(db, batch.shopId, outcomes, now)
  return true
}

const chains = new WeakMap<Db, Promise<unknown>>()

/**
 * Sends every due catalog change to Meta (`POST /{catalog-id}/items_batch`, up to
 * {@link CATALOG_BATCH_LIMIT} SKUs of one shop a call) and checks the status of accepted
 * batches (`GET /{catalog-id}/check_batch_request_status`), recording per SKU: synced, a later
 * attempt after a timeout, throttling or 5xx (exponential backoff), or the error of a refusal.
 * Does nothing without an access token. `now` lets tests drive the clock. Calls in one process
 * run one after the other.
 * @example await syncCatalogs(db, config, { now: new Date(Date.now() + 60_000) })
 */
export function syncCatalogs(
  db: Db,
  config: AppConfig,
  options: { now?: Date } = {},
): Promise<void> {
  const previous = chains.get(db) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(() => syncAllDue(db, config, options))
  chains.set(db, run)
  return run
}

async function syncAllDue(db: Db, config: AppConfig, options: { now?: Date }): Promise<void> {
  const token = config.whatsapp.accessToken
  if (!token) return
  while (await sendOneBatch(db, config, token, options.now ?? new Date())) {}
  while (await checkOneBatch(db, config, token, options.now ?? new Date())) {}
}
