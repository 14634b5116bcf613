import fc from 'fast-check'
import { sql } from 'kysely'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../db/create-db.ts'
import type { Db } from '../db/database.ts'
import { createTestDb, type TestDatabase, testEngines } from '../db/testing/test-db.ts'
import type { App } from './app.ts'
import { createTestApp, TestClient } from './testing/test-client.ts'
import { textProblem } from './validate.ts'
import { ingestDeliveries } from './whatsapp/ingest.ts'
import { processPending } from './whatsapp/process.ts'
import { signWebhookBody } from './whatsapp/signature.ts'
import {
  APP_SECRET,
  type FixtureName,
  fullWebhookConfig,
  PHONE_NUMBER_ID,
  readFixture,
  webhookConfig,
} from './whatsapp/webhook-test-kit.ts'

// A bounded fuzz over every route the app registers: JSON bodies for each write route, query
// strings and path segments for the others, signed and unsigned webhook deliveries. Whatever
// comes in, the answer is below 500, and a refusal (4xx) leaves every table as it was.

/** Generated bodies per write route, and query strings per read route. */
const BODY_RUNS = 200
/**
 * A webhook fuzz run posts BODY_RUNS deliveries and then processes them: 21 s on PGlite on a
 * 2-core machine beside the rest of the suite, and past the default 30 s on a slower one.
 */
const WEBHOOK_FUZZ_MS = 90_000
const QUERY_RUNS = 20
const WEBHOOK = 'POST /webhooks/whatsapp'
const CSV_IMPORT = 'POST /api/shops/:slug/products/import'

interface Fixture {
  slug: string
  categoryId: string
  productId: string
  productSlug: string
  shippingMethodId: string
  imageHash: string
  orderCode: string
  orderToken: string
  inboundId: string
}

interface Route {
  method: string
  path: string
}

const keyOf = (route: Route) => `${route.method} ${route.path}`

/**
 * A body each write route accepts, so that mutations of it get past the schema into the
 * handler. A route without one is fuzzed with generated bodies alone.
 */
const SEEDS: Record<string, (f: Fixture) => unknown> = {
  'POST /api/auth/signup': () => ({ email: 'fuzz@example.com', password: 'correct horse battery' }),
  'POST /api/auth/login': () => ({ email: 'fuzz@example.com', password: 'correct horse battery' }),
  'POST /api/shops': () => ({
    slug: 'fuzz-shop',
    name: 'Fuzz',
    whatsappPhone: '+33 6 12 34 56 78',
    currency: 'EUR',
    locale: 'fr',
  }),
  'PATCH /api/shops/:slug': () => ({ name: 'Renamed', description: 'About us' }),
  'POST /api/shops/:slug/categories': () => ({ name: 'Cups' }),
  'PUT /api/shops/:slug/categories/order': (f) => ({ ids: [f.categoryId] }),
  'PATCH /api/shops/:slug/categories/:id': () => ({ name: 'Renamed' }),
  'POST /api/shops/:slug/products': (f) => ({
    sku: 'FZ-1',
    name: 'Fuzz',
    description: 'A product',
    price: 100,
    compareAtPrice: 150,
    stock: 5,
    categoryId: f.categoryId,
    images: [f.imageHash],
    options: [{ name: 'Size', values: ['S', 'M'] }],
    variants: [{ sku: 'FZ-1-S', options: { Size: 'S' }, price: 120, stock: 2 }],
  }),
  'PATCH /api/shops/:slug/products/:id': () => ({ price: 200, name: 'Renamed', stock: 9 }),
  'POST /api/shops/:slug/shipping-methods': () => ({ name: 'Post', price: 1 }),
  'PATCH /api/shops/:slug/shipping-methods/:id': () => ({ price: 2 }),
  'POST /api/shops/:slug/orders': (f) => ({
    items: [{ sku: 'BASE-1', quantity: 1 }],
    customer: { name: 'Zoé', phone: '+33 6 12 34 56 78', address: '1 rue des Lilas' },
    shippingMethodId: f.shippingMethodId,
    note: 'Ring twice',
    locale: 'fr',
    source: 'shop',
  }),
  'PATCH /api/shops/:slug/orders/:code': () => ({ status: 'confirmed' }),
  'PUT /api/shops/:slug/widget': () => ({ theme: 'dark', idleLoad: false }),
  'POST /api/shops/:slug/inbox/:id/link': (f) => ({ orderCode: f.orderCode }),
  'POST /api/shops/:slug/inbox/:id/create-order': () => ({}),
  'POST /api/events': (f) => ({ shop: f.slug, type: 'channel', channel: 'whatsapp' }),
}

/** Which fixture fills a path parameter, by the segment before it; others get a fresh UUID. */
function paramValue(segment: string, param: string, f: Fixture): string {
  if (param === 'slug') return f.slug
  if (param === 'token') return f.orderToken
  if (param === 'code') return f.orderCode
  if (param === 'hash') return f.imageHash
  if (param === 'product') return f.productSlug
  if (param === 'file') return 'x.js'
  const byParent: Record<string, string> = {
    categories: f.categoryId,
    products: f.productId,
    'shipping-methods': f.shippingMethodId,
    inbox: f.inboundId,
  }
  return byParent[segment] ?? crypto.randomUUID()
}

/** Percent-encodes any string, lone surrogates included (as the invalid UTF-8 they would be). */
function encodePart(text: string): string {
  let out = ''
  for (const char of text) {
    out += /^[\ud800-\udfff]$/.test(char) ? '%ED%A0%80' : encodeURIComponent(char)
  }
  return out
}

/** The route's path with its parameters filled; `hostile` replaces one of them. */
function fillPath(template: string, f: Fixture, hostile?: { index: number; text: string }) {
  let index = 0
  return template.replace(
    /(^|\/)([^/:]*)\/:(\w+)(\{[^}]*\})?/g,
    (_whole, lead: string, segment: string, param: string) => {
      const value =
        hostile && hostile.index === index
          ? encodePart(hostile.text)
          : paramValue(segment, param, f)
      index++
      return `${lead}${segment}/${value}`
    },
  )
}

// ---- what the fuzz sends ----

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n))

const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff'),
      fc.string({ maxLength: 10 }),
    )
    .map((parts) => parts.join('')),
  fc.tuple(fc.string({ maxLength: 5 }), loneSurrogate).map(([a, b]) => a + b),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud83d',
    '\ude00x',
    '__proto__',
    'constructor',
    'prototype',
    '%00',
    '=1+1',
    "'; drop table orders; --",
    '<script>alert(1)</script>',
    '\u202eevil',
    '\ufeff',
    '+33 6 12 34 56 78',
    '00000000-0000-0000-0000-000000000000',
    'K7Q2M9',
    '9'.repeat(40),
  ),
  // Huge strings stay under the 1 MB body limit, so they reach the handler.
  fc.constantFrom('x'.repeat(100_000), 'é'.repeat(200_000), '\u0000'.repeat(10_000)),
)

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -1,
    0.5,
    -0,
    1e308,
    2 ** 31,
    2 ** 31 - 1,
    2 ** 53 + 2,
    2 ** 63,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
  ),
)

const KEYS = [
  'name',
  'sku',
  'price',
  'items',
  'quantity',
  'customer',
  'phone',
  'email',
  'password',
  'slug',
  'status',
  'options',
  'variants',
  'values',
  'ids',
  'orderCode',
  'shop',
  'type',
  '__proto__',
  'constructor',
]

const { value: nastyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    nastyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), nastyString), tie('value'), { maxKeys: 4 }),
  ),
}))

/** Every place in a JSON value, as a list of keys and indexes. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const places = [path]
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) places.push(...placesIn(item, [...path, i]))
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) places.push(...placesIn(item, [...path, key]))
  }
  return places
}

/** A copy of `value` with the place at `path` replaced. */
function replaceAt(value: unknown, path: (string | number)[], by: unknown): unknown {
  const [head, ...rest] = path
  if (head === undefined) return by
  if (Array.isArray(value))
    return value.map((item, i) => (i === head ? replaceAt(item, rest, by) : item))
  if (typeof value === 'object' && value !== null) {
    return { ...value, [head]: replaceAt((value as Record<string, unknown>)[head], rest, by) }
  }
  return value
}

const deep = (depth: number, open: string, close: string, inner = '1') =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`

/** Body text for a route with the given seed (or none): JSON that is mostly almost right. */
function bodyText(seed: unknown): fc.Arbitrary<string> {
  const base = seed ?? {}
  const places = placesIn(base)
  const firstKey = typeof base === 'object' && base !== null ? Object.keys(base)[0] : undefined
  const wrap = (inner: string) =>
    firstKey === undefined ? inner : `{${JSON.stringify(firstKey)}: ${inner}}`
  return fc.oneof(
    // The seed with one place (or the whole body) replaced.
    fc
      .tuple(fc.nat({ max: places.length - 1 }), nastyValue)
      .map(([i, by]) => JSON.stringify(replaceAt(base, places[i] ?? [], by)) ?? 'null'),
    // The seed with a key it does not know, or __proto__ written out as JSON.parse reads it.
    fc
      .tuple(fc.oneof(fc.constantFrom(...KEYS), nastyString), nastyValue)
      .map(([key, by]) =>
        JSON.stringify(base).replace(
          /^\{/,
          `{${JSON.stringify(key)}: ${JSON.stringify(by) ?? 'null'},`,
        ),
      ),
    fc
      .constantFrom('{"isAdmin": true}', '{"price": 0}', '[]', 'null')
      .map((inner) => JSON.stringify(base).replace(/^\{/, `{"__proto__": ${inner},`)),
    // Anything at all.
    nastyValue.map((value) => JSON.stringify(value) ?? 'null'),
    // Nesting thousands deep, at the top or in a field.
    fc
      .tuple(
        fc.constantFrom(100, 2_000, 50_000),
        fc.constantFrom(['[', ']'], ['{"a":', '}']),
        fc.boolean(),
      )
      .map(([depth, [open = '[', close = ']'], inField]) => {
        const text = deep(depth, open, close)
        return inField ? wrap(text) : text
      }),
    // Not JSON, or cut short.
    fc.constantFrom(
      '',
      'null',
      '"text"',
      '{',
      '{"a":',
      '[1,2',
      '\u0000',
      'ÿþ{}',
      '{"a": "\\ud800"}',
    ),
  )
}

const queryString: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('q', 'status', 'cursor', 'limit', 'page', 'check', 'moveTo', 'sku'),
        nastyString,
      ),
      nastyString,
    ),
    {
      minLength: 1,
      maxLength: 3,
    },
  )
  .map((pairs) =>
    pairs
      .map(([k, v]) => `${encodePart(k.slice(0, 200))}=${encodePart(v.slice(0, 2_000))}`)
      .join('&'),
  )

const CSV_HEADER =
  'sku,parent_sku,name,description,price,compare_at_price,stock,category,active,options,variant_options,image_urls'
const CSV_ROWS = [
  ['CSV-1', '', 'Cup', 'A cup', '1.00', '2.00', '3', 'Cups', 'true', 'Size: S | M', '', ''],
  ['CSV-1-S', 'CSV-1', '', '', '1.50', '', '1', '', 'true', '', 'Size: S', ''],
]
const csvLine = (cells: string[]) => cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',')

/** A product file that would import, with one cell changed; or rows of anything. */
const csvText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.nat({ max: CSV_ROWS.length - 1 }), fc.nat({ max: 11 }), nastyString)
    .map(([row, column, text]) => {
      const rows = CSV_ROWS.map((cells, r) =>
        cells.map((cell, c) => (r === row && c === column ? text.slice(0, 5_000) : cell)),
      )
      return [CSV_HEADER, ...rows.map(csvLine)].join('\r\n')
    }),
  fc
    .array(
      fc.array(
        nastyString.map((s) => s.slice(0, 500)),
        { minLength: 1, maxLength: 12 },
      ),
      {
        maxLength: 5,
      },
    )
    .map((rows) => [CSV_HEADER, ...rows.map(csvLine)].join('\r\n')),
)

const MULTIPART = 'multipart/form-data; boundary=fuzz'

/** A form upload with odd field names, file names, types and contents. */
const multipartText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant('file'), nastyString),
    fc.oneof(fc.constant('a.png'), nastyString),
    fc.constantFrom('image/png', 'image/jpeg', 'text/plain', ''),
    fc.oneof(nastyString, fc.constant('\x89PNG\r\n\x1a\n')),
    fc.boolean(),
  )
  .map(([name, file, type, content, closed]) => {
    const q = (text: string) => text.slice(0, 300).replaceAll('"', '%22').replaceAll('\r\n', ' ')
    const head = `Content-Disposition: form-data; name="${q(name)}"; filename="${q(file)}"`
    const part = `--fuzz\r\n${head}\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n${content}`
    return closed ? `${part}\r\n--fuzz--\r\n` : part
  })

const FIXTURES: FixtureName[] = [
  'text',
  'order',
  'batch',
  'image-caption',
  'interactive-button-reply',
  'status-read',
  'status-failed',
  'text-with-ad-referral',
]

/** Deliveries Meta could sign (changed fixtures, odd JSON) and ones nobody signed. */
const webhookDelivery = fc.oneof(
  fc.tuple(fc.constantFrom(...FIXTURES), fc.nat(), nastyValue).map(([name, at, by]) => {
    const fixture: unknown = JSON.parse(readFixture(name))
    const places = placesIn(fixture)
    return {
      body: JSON.stringify(replaceAt(fixture, places[at % places.length] ?? [], by)),
      signed: true,
    }
  }),
  bodyText({ object: 'whatsapp_business_account', entry: [] }).map((body) => ({
    body,
    signed: true,
  })),
  bodyText(undefined).map((body) => ({ body, signed: false })),
)

/** Prints a generated value shortened, so a failure report stays readable. */
function shortened<T extends object>(value: T): T {
  const text = JSON.stringify(value) ?? String(value)
  const short = text.length > 600 ? `${text.slice(0, 600)}… (${text.length} characters)` : text
  return Object.assign(value, { [fc.toStringMethod]: () => short })
}

/** Whether a body holds NUL or an unpaired surrogate, raw or as a JSON escape. */
function hasUnstorableText(body: string): boolean {
  return textProblem(body) !== null || /\\u0000|\\u[dD][89a-fA-F]/.test(body)
}

// ---- the database, before and after ----

/** Every table but the rate-limit counters (a refused request may count against its client). */
async function listTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name <> 'rate_limits' and table_name not like 'kysely_%'
    order by table_name`.execute(db)
  return rows.map((r) => r.name)
}

/** Row counts of the tables in one statement, as JSON text. */
async function countRows(db: Db, tables: string[]): Promise<string> {
  const counts = sql.join(tables.map((t) => sql`(select count(*) from ${sql.table(t)})`))
  const { rows } = await sql<{
    counts: string
  }>`select json_build_array(${counts})::text as counts`.execute(db)
  return rows[0]?.counts ?? ''
}

// ---- the routes ----

/** Every method and path the app registers (middleware and CORS preflights left out). */
function routesOf(app: App): Route[] {
  const seen = new Map<string, Route>()
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || method === 'OPTIONS') continue
    seen.set(keyOf({ method, path }), { method, path })
  }
  return [...seen.values()].sort((a, b) => keyOf(a).localeCompare(keyOf(b)))
}

const listing = createDb({ databaseUrl: 'postgres://127.0.0.1:9/never-connected' })
const ROUTES = routesOf(createTestApp({ db: listing.db }))
afterAll(() => listing.db.destroy())
const WRITE_ROUTES = ROUTES.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))
// Deletions last: they take the fixtures away from the reads.
const OTHER_ROUTES = ROUTES.filter((r) => !['POST', 'PUT', 'PATCH'].includes(r.method)).sort(
  (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
)

describe('fuzz route list', () => {
  it('should find the write routes in the app, the webhook among them', () => {
    const keys = WRITE_ROUTES.map(keyOf)
    expect(keys).toContain(WEBHOOK)
    expect(keys).toContain('POST /api/shops/:slug/orders')
    expect(keys).toContain('PATCH /api/shops/:slug/products/:id')
    expect(keys.length).toBeGreaterThanOrEqual(20)
  })
})

describe.each(testEngines())('fuzz on %s', (engine) => {
  let t: TestDatabase
  let app: App
  let owner: TestClient
  let f: Fixture
  let tables: string[]
  const email = `owner-${engine}@example.com`
  const password = 'correct horse battery'

  beforeAll(async () => {
    t = await createTestDb(engine)
    // Webhook processing waits: what it would add must not land while a refusal is checked.
    app = createTestApp({
      db: t.db,
      config: webhookConfig(undefined, { processDelayMs: 3_600_000 }),
    })
    owner = new TestClient(app)
    await owner.signup(email)
    const slug = `fuzz-${engine}`
    const shop = await owner.post('/api/shops', {
      slug,
      name: 'Fuzz Shop',
      whatsappPhone: '+1 555 078 3881',
      whatsappPhoneNumberId: PHONE_NUMBER_ID,
      currency: 'EUR',
    })
    if (shop.status !== 201) throw new Error(`shop fixture failed: ${shop.text}`)
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#48a' } })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)]), 'fuzz.png')
    const image = await owner.post(`/api/shops/${slug}/images`, form)
    const category = await owner.post(`/api/shops/${slug}/categories`, { name: 'Base' })
    const product = await owner.post(`/api/shops/${slug}/products`, {
      sku: 'BASE-1',
      name: 'Base',
      price: 500,
      categoryId: category.body.id,
      images: [image.body.hash],
    })
    const method = await owner.post(`/api/shops/${slug}/shipping-methods`, {
      name: 'Post',
      price: 1,
    })
    const order = await new TestClient(app).post(`/api/shops/${slug}/orders`, {
      items: [{ sku: 'BASE-1', quantity: 1 }],
      customer: { name: 'Zoé' },
    })
    if (order.status !== 201) throw new Error(`order fixture failed: ${order.text}`)
    const inbound = await app.request('/webhooks/whatsapp', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signWebhookBody(readFixture('text'), APP_SECRET),
      },
      body: readFixture('text'),
    })
    if (inbound.status !== 200) throw new Error(`webhook fixture failed: ${await inbound.text()}`)
    await ingestDeliveries(t.db)
    const stored = await t.db.selectFrom('inbound_messages').select('id').executeTakeFirst()
    f = {
      slug,
      categoryId: category.body.id,
      productId: product.body.id,
      productSlug: product.body.slug,
      shippingMethodId: method.body.id,
      imageHash: image.body.hash,
      orderCode: order.body.code,
      orderToken: order.body.token,
      inboundId: stored?.id ?? crypto.randomUUID(),
    }
    tables = await listTables(t.db)
  })
  afterAll(async () => {
    await t.destroy()
  })

  /** Sends one request; fails on a 5xx, or on a refusal that changed a table. */
  async function expectHandled(
    route: Route,
    path: string,
    init: { body?: string; headers?: Record<string, string> },
  ) {
    const signedOut = route.path.startsWith('/api/auth/')
    const before = await countRows(t.db, tables)
    const res = await app.request(path, {
      method: route.method,
      headers: { ...(signedOut ? {} : { cookie: owner.cookie }), ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    })
    const text = await res.text()
    const shown = `${route.method} ${path.slice(0, 200)} with ${JSON.stringify(init.body?.slice(0, 300))}`
    expect(res.status, `${shown} → ${text.slice(0, 300)}`).toBeLessThan(500)
    if (res.status >= 400) {
      expect(await countRows(t.db, tables), `${shown} was refused but changed a table`).toBe(before)
    }
    return res.status
  }

  /** A signed-out route may have ended the owner's session (log-out); sign in again. */
  async function keepOwnerSignedIn() {
    if ((await owner.get('/api/me')).status === 200) return
    const res = await owner.post('/api/auth/login', { email, password })
    if (res.status !== 200) throw new Error(`owner cannot sign in again: ${res.text}`)
  }

  it.each(WRITE_ROUTES.filter((r) => keyOf(r) !== WEBHOOK))(
    `should answer ${BODY_RUNS} generated bodies to $method $path below 500`,
    async (route) => {
      const seed = SEEDS[keyOf(route)]?.(f)
      const csv = keyOf(route) === CSV_IMPORT
      const body = csv
        ? fc.oneof(
            csvText.map((text) => ({ text, type: 'text/csv' })),
            bodyText(seed).map((text) => ({ text, type: 'application/json' })),
          )
        : fc.oneof(
            {
              weight: 9,
              arbitrary: bodyText(seed).map((text) => ({ text, type: 'application/json' })),
            },
            { weight: 1, arbitrary: bodyText(seed).map((text) => ({ text, type: 'text/plain' })) },
            { weight: 1, arbitrary: multipartText.map((text) => ({ text, type: MULTIPART })) },
          )
      await fc.assert(
        fc.asyncProperty(body.map(shortened), async ({ text, type }) => {
          await expectHandled(route, fillPath(route.path, f), {
            body: text,
            headers: { 'content-type': type },
          })
        }),
        { numRuns: BODY_RUNS, endOnFailure: true },
      )
      await keepOwnerSignedIn()
    },
  )

  /** Posts generated deliveries, signed or not; unsigned ones are refused with a 401. */
  async function fuzzWebhook(deliveries: fc.Arbitrary<{ body: string; signed: boolean }>) {
    await fc.assert(
      fc.asyncProperty(deliveries.map(shortened), async ({ body, signed }) => {
        const status = await expectHandled(
          { method: 'POST', path: '/webhooks/whatsapp' },
          '/webhooks/whatsapp',
          {
            body,
            headers: {
              'content-type': 'application/json',
              'x-hub-signature-256': signed ? signWebhookBody(body, APP_SECRET) : 'sha256=00',
            },
          },
        )
        if (!signed) expect(status).toBe(401)
      }),
      { numRuns: BODY_RUNS, endOnFailure: true },
    )
    // What was acknowledged is processed as the worker would, without throwing.
    await processPending(t.db, fullWebhookConfig())
  }

  it(
    `should answer ${BODY_RUNS} webhook deliveries below 500 and process what was stored`,
    async () => {
      await fuzzWebhook(webhookDelivery.filter(({ body }) => !hasUnstorableText(body)))
    },
    WEBHOOK_FUZZ_MS,
  )

  // Signed deliveries carrying NUL or unpaired surrogates (escaped or raw) are stored with them
  // replaced and acknowledged.
  it(
    `should answer ${BODY_RUNS} webhook deliveries with NUL or unpaired surrogates below 500`,
    async () => {
      await fuzzWebhook(
        webhookDelivery.filter(({ body, signed }) => signed && hasUnstorableText(body)),
      )
    },
    WEBHOOK_FUZZ_MS,
  )

  it.each(OTHER_ROUTES)(
    `should answer ${QUERY_RUNS} odd query strings and path segments to $method $path below 500`,
    async (route) => {
      const params = (route.path.match(/\/:/g) ?? []).length
      const request = fc.record({
        query: fc.option(queryString, { nil: undefined }),
        hostile: params
          ? fc.option(
              fc.record({
                index: fc.nat({ max: params - 1 }),
                text: nastyString.map((s) => s.slice(0, 300)),
              }),
              {
                nil: undefined,
              },
            )
          : fc.constant(undefined),
      })
      await fc.assert(
        fc.asyncProperty(request.map(shortened), async ({ query, hostile }) => {
          const path = fillPath(route.path, f, hostile)
          await expectHandled(route, query ? `${path}?${query}` : path, {})
        }),
        { numRuns: QUERY_RUNS, endOnFailure: true },
      )
      await keepOwnerSignedIn()
    },
  )
})
