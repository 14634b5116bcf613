import cluster from 'node:cluster'
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pg from 'pg'
import { BENCH_APP_SECRET, BENCH_SLUG } from './bench-data.ts'

// The limit servers: what this machine can do on each write path, hand-written with Hono and pg
// on the same PostgreSQL as Chatcart, two processes like `npm start` on two cores. Chatcart's
// rows print their ratio to these. Usage: limit-server.ts <postgres-url> <page-file>; prints
// `ready <port>`.
//
// - POST /limit/orders: the whole order in ONE statement (idempotency key, prices from the
//   catalog, stock taken on a hot row, the order, its lines and its event), refused as a whole
//   when a line is out of stock;
// - POST /limit/webhook: the signature checked over the raw bytes, the delivery stored with one
//   insert;
// - GET /limit/page: a static gzip response of the storefront's HTML, read from <page-file>.

const WORKERS = 2

const ORDER_SQL = `
with claimed as (
  insert into idempotency_keys (shop_id, key, request_hash) values ($1, $2, $3)
  on conflict do nothing returning key
), wanted as (
  select e->>'sku' as sku, (e->>'quantity')::int as quantity, n as position
  from jsonb_array_elements($4::jsonb) with ordinality as w(e, n)
), lines as (
  select p.id as product_id, p.sku, p.name, p.price, p.stock, w.quantity, w.position
  from wanted w join products p on p.shop_id = $1 and p.sku = w.sku and p.active
  where exists (select 1 from claimed)
), taken as (
  update products p set stock = p.stock - l.quantity
  from lines l where p.id = l.product_id and p.stock is not null and p.stock >= l.quantity
  returning p.id
), checked as (
  -- A line out of stock fails the whole statement, so nothing of the order is kept.
  select case when (select count(*) from taken) < (select count(*) from lines where stock is not null)
    then concat('out of stock: ', count(*))::int else sum(price * quantity) end as subtotal,
    count(*) as n
  from lines
), placed as (
  insert into orders (shop_id, code, token, currency, locale, subtotal, total, customer_name,
    note, message, expires_at)
  select $1, $5, $6, 'EUR', 'en', subtotal, subtotal, $7, $8, $9, now() + interval '48 hours'
  from checked where n = (select count(*) from wanted)
  returning id
), items as (
  insert into order_items (shop_id, order_id, product_id, sku, name, quantity, unit_price,
    line_total, position)
  select $1, placed.id, l.product_id, l.sku, l.name, l.quantity, l.price, l.price * l.quantity,
    l.position
  from placed, lines l
  returning 1
), event as (
  insert into order_events (shop_id, order_id, type, to_status, actor)
  select $1, id, 'created', 'pending', 'shopper' from placed
  returning 1
)
select (select id from placed) as id, (select count(*) from items) as lines,
  (select count(*) from event) as events`

const CREATE_DELIVERIES = `create table if not exists bench_limit_deliveries (
  id bigserial primary key, received_at timestamptz not null default now(), body jsonb not null)`

function main(url: string, pageFile: string) {
  const pool = new pg.Pool({ connectionString: url, max: 10 })
  let shopId: Promise<string> | undefined
  const shop = () => {
    shopId ??= pool
      .query<{ id: string }>('select id from shops where slug = $1', [BENCH_SLUG])
      .then((r) => r.rows[0]?.id ?? Promise.reject(new Error('no bench shop')))
    return shopId
  }
  let page: Uint8Array | null = null

  const app = new Hono()
    .post('/limit/orders', async (c) => {
      const body = await c.req.json<{
        items: { sku: string; quantity: number }[]
        customer: { name: string }
        note?: string
      }>()
      const key = c.req.header('idempotency-key') ?? randomBytes(8).toString('hex')
      const hash = createHash('sha256').update(JSON.stringify(body)).digest('base64url')
      const code = randomBytes(5).toString('hex').toUpperCase()
      const token = randomBytes(18).toString('base64url')
      const lines = body.items.map((i) => `${i.quantity} × ${i.sku}`).join('\n')
      const message = `Hello! I'd like to order:\nOrder #${code}\n\n${lines}\n\nName: ${body.customer.name}`
      const result = await pool
        .query(ORDER_SQL, [
          await shop(),
          key,
          hash,
          JSON.stringify(body.items),
          code,
          token,
          body.customer.name,
          body.note ?? null,
          message,
        ])
        // Out of stock: the statement failed as a whole, nothing of the order was kept.
        .catch((error: { code?: string }) =>
          error.code === '22P02' ? null : Promise.reject(error),
        )
      const row = result?.rows[0]
      if (!row?.id) return c.json({ error: 'refused' }, 409)
      return c.json(
        {
          id: row.id,
          code,
          token,
          whatsappUrl: `https://wa.me/?text=${encodeURIComponent(message)}`,
        },
        201,
      )
    })
    .post('/limit/webhook', async (c) => {
      const raw = Buffer.from(await c.req.arrayBuffer())
      const given = Buffer.from((c.req.header('x-hub-signature-256') ?? '').replace(/^sha256=/, ''))
      const expected = Buffer.from(createHmac('sha256', BENCH_APP_SECRET).update(raw).digest('hex'))
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return c.text('bad signature', 401)
      }
      await pool.query('insert into bench_limit_deliveries (body) values ($1)', [raw.toString()])
      return c.text('ok')
    })
    .get('/limit/page', (c) => {
      // The bench writes the storefront's HTML to the file before it loads this route.
      page ??= gzipSync(readFileSync(pageFile), { level: 9 })
      return c.body(page as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'text/html; charset=utf-8',
        'content-encoding': 'gzip',
      })
    })

  serve({ fetch: app.fetch, port: Number(process.env.LIMIT_PORT ?? 0), hostname: '127.0.0.1' })
}

const [url, pageFile] = process.argv.slice(2)
if (!url || !pageFile) throw new Error('usage: limit-server.ts <postgres-url> <page-file>')
if (cluster.isPrimary) {
  // The primary picks the port, prepares the delivery table once, then forks the workers.
  const probe = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' })
  probe.once('listening', async () => {
    const address = probe.address()
    const port = typeof address === 'object' && address ? address.port : 0
    probe.close()
    const setup = new pg.Client({ connectionString: url })
    await setup.connect()
    await setup.query(CREATE_DELIVERIES)
    await setup.end()
    let ready = 0
    for (let i = 0; i < WORKERS; i++) {
      cluster.fork({ LIMIT_PORT: String(port) }).once('listening', () => {
        if (++ready === WORKERS) process.stdout.write(`ready ${port}\n`)
      })
    }
  })
  const stop = () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  // The bench holds our stdin open; if it goes away without stopping us, stop too.
  process.stdin.on('end', stop)
  process.stdin.resume()
} else {
  main(url, pageFile)
}
