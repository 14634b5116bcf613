import { randomBytes } from 'node:crypto'
import type autocannon from 'autocannon'
import { signWebhookBody } from '../api/whatsapp/signature.ts'
import { againstLimit, LOAD_HEAD, loadRow } from './api.ts'
import { BENCH_APP_SECRET, BENCH_PHONE_NUMBER_ID, BENCH_SLUG } from './bench-data.ts'
import { type LoadResult, limitAround, load, WARM_UP_SECONDS } from './load.ts'
import { ORDER_BODY } from './orders.ts'
import { type Cell, num, type Table, verdict } from './report.ts'
import { type BenchServer, waitUntilIdle } from './servers.ts'

// The WhatsApp webhook: how fast a signed delivery is acknowledged, and how many customer
// messages per second are stored, matched to their pending orders and confirmed.

const CONNECTIONS = 50
/** Most messages of the sustained run, each carrying the code of a real pending order. */
const MESSAGES = 1500
/** Orders for the run are placed for at most this long, so a slow machine stays bounded. */
const ORDER_PLACING_MS = 10_000
const ORDER_CONCURRENCY = 20
const CONFIRM_TIMEOUT_MS = 60_000
/**
 * Deliveries acknowledged and processed before the timed ingest run, so the server's webhook
 * path is warm (compiled by the JIT, its statements planned) like the limit it is judged
 * against, which is measured after a warm-up of its own.
 */
const WARM_UP_DELIVERIES = 2 * MESSAGES
/** Issue 11: acknowledgement at 0.8 of its limit, ingest + match at 0.5 of it (messages/s). */
const ACK_LIMIT_RATIO = 0.8
const INGEST_LIMIT_RATIO = 0.5

/**
 * Posts signed deliveries, each carrying `text(n)`, to `url` at 50 connections: `amount` of
 * them, or for the sustained load's time without it.
 */
function postDeliveries(
  url: string,
  text: (n: number) => string,
  amount?: number,
): Promise<LoadResult> {
  return load({
    url,
    connections: CONNECTIONS,
    method: 'POST',
    ...(amount === undefined ? {} : { amount }),
    setupRequest: signedDeliveries(text),
  })
}

/** A pending order placed for the run: its WhatsApp text and its shopper's status token. */
interface PlacedOrder {
  message: string
  token: string
}

/** A Cloud API delivery of one text message, as Meta posts it. */
function textDelivery(messageId: string, fromWaId: string, text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '100000000000001',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '15550000042',
                phone_number_id: BENCH_PHONE_NUMBER_ID,
              },
              contacts: [{ profile: { name: 'Bench Customer' }, wa_id: fromWaId }],
              messages: [
                {
                  from: fromWaId,
                  id: messageId,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  })
}

/** Builds each request as a new, signed delivery: a unique message id and its own HMAC. */
function signedDeliveries(text: (n: number) => string) {
  const run = randomBytes(6).toString('hex')
  let n = 0
  return (request: autocannon.Request): autocannon.Request => {
    const i = n++
    const body = textDelivery(
      `wamid.BENCH${run}${i}`,
      `3361${String(i % 10_000_000).padStart(7, '0')}`,
      text(i),
    )
    return {
      ...request,
      body,
      headers: {
        ...request.headers,
        'content-type': 'application/json',
        'x-hub-signature-256': signWebhookBody(body, BENCH_APP_SECRET),
      },
    }
  }
}

/** Status requests in flight at once while waiting for confirmations. */
const POLL_CONCURRENCY = 20

/**
 * Polls the shopper's order status (`GET /api/orders/{token}`) until every order is confirmed:
 * each pass asks for every order not yet seen confirmed, {@link POLL_CONCURRENCY} at a time.
 * Returns how many were confirmed and when the last of them was, by the server's `confirmedAt`
 * (epoch ms): the wait measures processing, not the time the polling itself takes.
 */
async function waitForConfirmations(
  server: BenchServer,
  orders: PlacedOrder[],
): Promise<{ confirmed: number; lastConfirmedAt: number }> {
  const deadline = Date.now() + CONFIRM_TIMEOUT_MS
  let pending = orders
  let lastConfirmedAt = 0
  while (pending.length > 0 && Date.now() < deadline) {
    const still: PlacedOrder[] = []
    let next = 0
    const poller = async () => {
      for (let i = next++; i < pending.length; i = next++) {
        const order = pending[i]
        if (!order) continue
        const res = await fetch(`${server.url}/api/orders/${order.token}`)
        const { status, confirmedAt } = (await res.json()) as {
          status?: string
          confirmedAt?: string | null
        }
        if (status !== 'confirmed') still.push(order)
        else
          lastConfirmedAt = Math.max(lastConfirmedAt, Date.parse(confirmedAt ?? '') || Date.now())
      }
    }
    await Promise.all(Array.from({ length: POLL_CONCURRENCY }, poller))
    pending = still
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 20))
  }
  return { confirmed: orders.length - pending.length, lastConfirmedAt }
}

/**
 * Places up to `count` orders through the API, as shoppers would (for at most
 * {@link ORDER_PLACING_MS}), and returns their WhatsApp texts.
 */
async function placeOrders(server: BenchServer, count: number): Promise<PlacedOrder[]> {
  const orders: PlacedOrder[] = []
  const run = randomBytes(6).toString('hex')
  const deadline = Date.now() + ORDER_PLACING_MS
  let next = 0
  const worker = async () => {
    for (let i = next++; i < count && Date.now() < deadline; i = next++) {
      const res = await fetch(`${server.url}/api/shops/${BENCH_SLUG}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `wh-${run}-${i}` },
        body: ORDER_BODY,
      })
      if (res.status !== 201) throw new Error(`placing an order answered ${res.status}`)
      const { message, token } = (await res.json()) as PlacedOrder
      orders.push({ message, token })
    }
  }
  await Promise.all(Array.from({ length: ORDER_CONCURRENCY }, worker))
  return orders
}

/** Acknowledgement latency of signed deliveries on each engine, beside a bare POST. */
const ACK_TEXT = () => 'Hello, is the blue mug still available?'

/**
 * The acknowledgement limit: the signature checked and the delivery stored with one insert.
 * Sustained, or a burst of `amount` deliveries on new connections, as the ingest run posts them.
 */
export function webhookAckLimit(limitServer: BenchServer, amount?: number): Promise<LoadResult> {
  return postDeliveries(`${limitServer.url}/limit/webhook`, ACK_TEXT, amount)
}

/**
 * Acknowledgement of signed deliveries on each engine, beside a bare POST. Each row is judged
 * against the limit measured just before and just after it (their mean): on a shared machine
 * the load of the moment moves both alike, so the ratio compares the two under the same
 * conditions rather than a minute apart.
 */
export async function webhookAckTable(
  bare: BenchServer,
  servers: BenchServer[],
  limitServer?: BenchServer,
): Promise<Table> {
  const text = ACK_TEXT
  const rows: Cell[][] = []
  const baseline = await postDeliveries(`${bare.url}/bare`, text)
  rows.push(
    loadRow('baseline: bare Hono `POST /bare` (same deliveries)', '–', CONNECTIONS, baseline),
  )
  // The limit run after one row is the run before the next.
  const limitBeside = await limitAround(limitServer && (() => webhookAckLimit(limitServer)))
  for (const server of servers) {
    const ack = await postDeliveries(`${server.url}/webhooks/whatsapp`, text)
    // The deliveries are processed after the burst: not while anything else is measured.
    await waitUntilIdle(server)
    const limit = await limitBeside()
    if (limit) {
      rows.push(
        loadRow(
          'limit: signature checked, delivery stored with one insert (Hono + pg, 2 processes; mean of the runs just before and after the next row)',
          'postgres',
          CONNECTIONS,
          limit,
        ),
      )
    }
    const { target, ok } = againstLimit(ack, limit, ACK_LIMIT_RATIO, server.name === 'postgres')
    rows.push(
      loadRow(
        '`POST /webhooks/whatsapp` (signed, 1 message, unique id)',
        server.name,
        CONNECTIONS,
        ack,
        target,
        ok,
      ),
    )
  }
  return {
    title: 'WhatsApp webhook: acknowledgement',
    note: 'Each delivery is verified, stored as it came with one insert and acknowledged; splitting it into messages and matching run after the answer, in batches.',
    head: LOAD_HEAD,
    rows,
  }
}

/**
 * Sustained ingest + match: {@link MESSAGES} customer messages, each the text of a real pending
 * order (code included), posted at 50 connections; timed until every one is processed.
 */
export async function webhookIngestTable(
  bare: BenchServer,
  servers: BenchServer[],
  ackLimit?: LoadResult,
  limitServer?: BenchServer,
): Promise<Table> {
  const rows: Cell[][] = []
  const baseline = await postDeliveries(`${bare.url}/bare`, () => 'Order #K7Q2M9', MESSAGES)
  rows.push([
    'baseline: bare Hono `POST /bare`, same number of deliveries',
    '–',
    MESSAGES,
    num(baseline.reqPerSec, 0),
    num(baseline.seconds, 2),
    `${baseline.errors} errors`,
    '',
    '',
  ])
  for (const server of servers) {
    await postDeliveries(`${server.url}/webhooks/whatsapp`, ACK_TEXT, WARM_UP_DELIVERIES)
    await waitUntilIdle(server)
    const orders = await placeOrders(server, MESSAGES)
    const count = orders.length
    await waitUntilIdle(server)
    // The limit takes the same burst just before and just after (their mean): on new
    // connections, the limit stores a burst at well under its sustained rate.
    const burstBefore = limitServer ? await webhookAckLimit(limitServer, count) : undefined
    const t0 = performance.now()
    const startedAt = Date.now()
    const posted = await postDeliveries(
      `${server.url}/webhooks/whatsapp`,
      (i) => orders[i % count]?.message ?? '',
      count,
    )
    const postedAt = performance.now()
    // Polling while the server processes would take its CPU from the processing it times: the
    // shopper status endpoint is asked only once the server has gone quiet.
    await waitUntilIdle(server, CONFIRM_TIMEOUT_MS)
    const { confirmed: matched, lastConfirmedAt } = await waitForConfirmations(server, orders)
    process.stderr.write(
      `bench: ${server.name} ingest: posting ${num(posted.seconds, 2)} s, all seen confirmed ${num((performance.now() - postedAt) / 1000, 2)} s later\n`,
    )
    // Until the last confirmation (the server's clock is this machine's): a message is stored
    // before its acknowledgement and confirmed after it is stored, so this also covers posting,
    // without the polling's own time or autocannon's one-second ticks.
    const seconds =
      matched === count && lastConfirmedAt > 0
        ? (lastConfirmedAt - startedAt) / 1000
        : (performance.now() - t0) / 1000
    const perSec = count / seconds
    const onPostgres = server.name === 'postgres'
    const complete = matched === count && posted.errors === 0
    const burstAfter = limitServer ? await webhookAckLimit(limitServer, count) : undefined
    // The mean of the two bursts' times.
    const burst =
      burstBefore && burstAfter
        ? {
            seconds: (burstBefore.seconds + burstAfter.seconds) / 2,
            errors: burstBefore.errors + burstAfter.errors,
          }
        : undefined
    if (burst) {
      rows.push([
        'limit: the same burst, signature checked and stored with one insert (mean of the bursts just before and after the next row)',
        'postgres',
        count,
        num(count / burst.seconds, 0),
        num(burst.seconds, 2),
        `${burst.errors} errors`,
        '',
        '',
      ])
    }
    const ratio = burst ? perSec / (count / burst.seconds) : undefined
    const sustained = ackLimit?.reqPerSec ? perSec / ackLimit.reqPerSec : undefined
    rows.push([
      'stored, matched and confirmed',
      server.name,
      count,
      num(perSec, 0),
      num(seconds, 2),
      `${matched}/${count} confirmed, ${posted.errors} errors`,
      ratio === undefined
        ? 'all confirmed'
        : `${num(ratio, 3)} × limit${onPostgres ? ` (≥ ${INGEST_LIMIT_RATIO}), all confirmed` : ''}${sustained === undefined ? '' : `; ${num(sustained, 3)} × the sustained ack limit`}`,
      verdict(
        onPostgres && ratio !== undefined ? complete && ratio >= INGEST_LIMIT_RATIO : complete,
      ),
    ])
  }
  return {
    title: 'WhatsApp webhook: sustained ingest + match',
    note: `Up to ${MESSAGES} orders (as many as ${ORDER_PLACING_MS / 1000} s allow) are placed through the API first; then each message carries one order's WhatsApp text. Before that, each server acknowledges and processes ${WARM_UP_DELIVERIES} deliveries of a plain question, so its webhook path is as warm as the limit's (measured after ${WARM_UP_SECONDS} s of warm-up) and as a server is after its first seconds of traffic. Time runs from the first delivery until the last order is confirmed (its confirmedAt on the shopper's status endpoint, polled 20 at a time once the server has gone idle, until every order shows confirmed). The limit takes the same burst (as many deliveries, 50 new connections, timed until the last answer) just before and just after: the limit stores such a burst at well under its sustained rate, so the ratio compares like with like; the ratio to the sustained acknowledgement limit is printed beside it. Counted runs are timed from their start to their last answer (autocannon itself reports them on its next one-second tick). Runs before the acknowledgement table, so no backlog of other messages is in the way.`,
    head: ['what', 'engine', 'messages', 'messages/s', 'seconds', 'outcome', 'target', 'result'],
    rows,
  }
}
