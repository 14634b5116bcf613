import { parseOrderMessage } from '../../core/order-message.ts'
import { phoneVariants } from '../../core/phone.ts'
import type { Db, DbOrTrx } from '../../db/database.ts'
import { findShopOrderByCode, insertOrderEvent, listOrderItems } from '../../db/orders.queries.ts'
import type { OrderRow } from '../../db/schema/orders.ts'
import {
  applyOutboundStatus,
  claimInboundBatch,
  claimInboundMessage,
  confirmPendingOrder,
  findOrderIdByOutboundMessage,
  findOutboundByWaMessageId,
  findRecentPendingOrderByPhone,
  findShopById,
  findShopOrderById,
  finishInboundMessage,
  type InboundMessageRow,
  isOutboundStatus,
  listUnprocessedInboundIds,
} from '../../db/whatsapp.queries.ts'
import type { AppConfig } from '../config.ts'
import { reviveExpiredOrder } from '../orders/expiry.ts'
import { type OrderDifference, orderMessageDifferences } from './differences.ts'
import { isCancelRequest, orderCodesIn, orderCodesInPayload } from './message-codes.ts'
import { queueConfirmation } from './outbox.ts'
import { messageCodeSources, messageSchema, type WebhookMessage } from './payload.ts'
import { createWhatsAppOrder } from './whatsapp-order.ts'

/** How far back a message from a customer's number may suggest a pending order of theirs. */
export const PHONE_MATCH_WINDOW_MS = 48 * 60 * 60 * 1000

/** Codes read from one message: a message listing many codes must not confirm many orders. */
export const MAX_CODES_PER_MESSAGE = 3

/** The match method of a message that only came from the number typed at checkout. */
export const PHONE_SUGGESTION = 'phone_suggestion'

/** Message types that never concern an order: kept, shown nowhere, matched to nothing. */
const NOT_ORDER_RELATED = new Set([
  'system',
  'reaction',
  'unsupported',
  'request_welcome',
  'revoke',
  'ephemeral',
  'errors',
])

/** What processing decided for one stored item. */
interface Outcome {
  state: 'matched' | 'unmatched' | 'recorded' | 'unrouted' | 'failed'
  orderId?: string | null
  matchMethod?: string | null
  error?: string
}

/**
 * An order a message points at, and how we found it. Only a code or a reply to our own message
 * confirms; a number typed at checkout proves nothing, so a phone match is a suggestion.
 */
interface FoundOrder {
  order: OrderRow
  method: 'code' | 'context' | 'phone'
}

async function findOrderForMessage(
  trx: DbOrTrx,
  shopId: string,
  row: InboundMessageRow,
  message: WebhookMessage,
): Promise<FoundOrder | undefined> {
  let tried = 0
  for (const source of messageCodeSources(message)) {
    const codes = source.payload ? orderCodesInPayload(source.text) : orderCodesIn(source.text)
    for (const code of codes) {
      if (tried++ >= MAX_CODES_PER_MESSAGE) break
      const order = await findShopOrderByCode(trx, shopId, code)
      // A late message revives an order that lapsed meanwhile (see orders/expiry.ts).
      if (order) return { order: await reviveExpiredOrder(trx, order), method: 'code' }
    }
  }
  if (row.context_id) {
    const orderId = await findOrderIdByOutboundMessage(trx, shopId, row.context_id)
    const order = orderId ? await findShopOrderById(trx, shopId, orderId) : undefined
    if (order) return { order, method: 'context' }
  }
  // A native cart is an order of its own; only other messages may confirm by phone number.
  if (row.from_wa_id && message.type !== 'order') {
    const since = new Date(Date.now() - PHONE_MATCH_WINDOW_MS)
    const order = await findRecentPendingOrderByPhone(
      trx,
      shopId,
      phoneVariants(row.from_wa_id),
      since,
    )
    if (order) return { order, method: 'phone' }
  }
  return undefined
}

async function differencesFor(
  trx: DbOrTrx,
  order: OrderRow,
  message: WebhookMessage,
): Promise<OrderDifference[]> {
  const text = message.text?.body
  if (!text) return []
  const parsed = parseOrderMessage(text, order.currency)
  if (!parsed) return []
  const items = await listOrderItems(trx, order.id)
  return orderMessageDifferences({ items, total: order.total }, parsed)
}

/** True when a checkout phone was given and the sender's WhatsApp number is not it. */
export function senderDiffersFromCheckout(
  checkoutPhone: string | null,
  senderWaId: string | null,
): boolean {
  if (!checkoutPhone) return false
  if (!senderWaId) return true
  const typed = checkoutPhone.replace(/\D/g, '')
  return !phoneVariants(senderWaId).some((variant) => variant.replace(/\D/g, '') === typed)
}

/**
 * Applies a message to the order it points at: a pending order becomes confirmed (with the
 * customer's WhatsApp identity, what they changed, an order event and the queued reply); any
 * other order just gets the message on record.
 */
export async function applyMessageToOrder(
  trx: DbOrTrx,
  config: AppConfig,
  args: {
    row: InboundMessageRow
    message: WebhookMessage | null
    order: OrderRow
    method: string
    actor: string
  },
): Promise<Outcome> {
  const { row, message, order, method } = args
  const reply = message?.interactive?.button_reply?.id ?? message?.interactive?.list_reply?.id
  const cancel = isCancelRequest(message?.button?.payload) || isCancelRequest(reply)
  if (order.status !== 'pending' || cancel) {
    return { state: 'recorded', orderId: order.id, matchMethod: method }
  }
  const differences = message ? await differencesFor(trx, order, message) : []
  const match = {
    messageId: row.wa_message_id ?? row.id,
    method,
    edited: differences.length > 0,
    differences,
    // The code came from another number than the one typed at checkout: worth a look.
    senderDiffers: senderDiffersFromCheckout(order.customer_phone, row.from_wa_id),
  }
  const confirmed = await confirmPendingOrder(trx, order.id, {
    waId: row.from_wa_id,
    userId: row.from_user_id,
    profileName: row.profile_name,
    match,
  })
  if (!confirmed) return { state: 'recorded', orderId: order.id, matchMethod: method }
  await insertOrderEvent(trx, {
    shop_id: order.shop_id,
    order_id: order.id,
    type: 'confirmed',
    from_status: 'pending',
    to_status: 'confirmed',
    actor: args.actor,
    data: JSON.stringify(match),
  })
  await queueConfirmation(trx, config.whatsapp, {
    order: confirmed,
    toWaId: row.from_wa_id,
    replyTo: row.wa_message_id,
  })
  return { state: 'matched', orderId: order.id, matchMethod: method }
}

async function processStatus(trx: DbOrTrx, row: InboundMessageRow): Promise<Outcome> {
  if (!row.wa_message_id || !row.type) return { state: 'recorded' }
  if (isOutboundStatus(row.type)) {
    await applyOutboundStatus(trx, row.wa_message_id, row.type, row.body)
  }
  const outbound = await findOutboundByWaMessageId(trx, row.wa_message_id)
  const orderId = outbound && outbound.shop_id === row.shop_id ? outbound.order_id : null
  return { state: 'recorded', orderId }
}

async function processMessage(
  trx: DbOrTrx,
  config: AppConfig,
  row: InboundMessageRow & { shop_id: string },
): Promise<Outcome> {
  const parsed = messageSchema.safeParse(row.payload)
  if (!parsed.success) return { state: 'failed', error: 'unreadable message' }
  const message = parsed.data
  if (NOT_ORDER_RELATED.has(message.type)) return { state: 'recorded' }
  const found = await findOrderForMessage(trx, row.shop_id, row, message)
  if (found?.method === 'phone') {
    // Left in the inbox with the order it may be about, for the merchant to accept or not.
    return { state: 'unmatched', orderId: found.order.id, matchMethod: PHONE_SUGGESTION }
  }
  if (found) {
    return applyMessageToOrder(trx, config, {
      row,
      message,
      order: found.order,
      method: found.method,
      actor: 'whatsapp',
    })
  }
  if (message.type === 'order' && message.order) {
    const shop = await findShopById(trx, row.shop_id)
    if (!shop) return { state: 'failed', error: 'shop not found' }
    const { order } = await createWhatsAppOrder(trx, config, {
      shop,
      lines: message.order.product_items.map((item) => ({
        sku: item.product_retailer_id,
        quantity: item.quantity,
        itemPrice: item.item_price,
        currency: item.currency,
      })),
      customer: customerOf(row),
      note: message.order.text ?? null,
      messageId: message.id,
      method: 'native_order',
      actor: 'whatsapp',
    })
    await queueConfirmation(trx, config.whatsapp, {
      order,
      toWaId: row.from_wa_id,
      replyTo: row.wa_message_id,
    })
    return { state: 'matched', orderId: order.id, matchMethod: 'native_order' }
  }
  return { state: 'unmatched' }
}

/** The customer of a stored message, as an order records them. */
export function customerOf(row: InboundMessageRow) {
  return {
    name: row.profile_name ?? row.from_wa_id ?? row.from_user_id ?? 'WhatsApp',
    waId: row.from_wa_id,
    userId: row.from_user_id,
    profileName: row.profile_name,
  }
}

async function decide(trx: DbOrTrx, config: AppConfig, row: InboundMessageRow): Promise<Outcome> {
  if (row.kind === 'unknown') return { state: 'failed', error: 'payload of an unexpected shape' }
  if (row.shop_id === null) return { state: 'unrouted' }
  if (row.kind === 'status') return processStatus(trx, row)
  return processMessage(trx, config, { ...row, shop_id: row.shop_id })
}

/**
 * Processes one stored webhook item inside its own transaction: the item is locked first, so
 * two processes never handle it twice, and marked processed in the same commit as its effects,
 * so a crash leaves it for the next sweep. Returns false when it was not ours to process.
 */
export async function processInboundMessage(
  db: Db,
  config: AppConfig,
  id: string,
): Promise<boolean> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await claimInboundMessage(trx, id)
      if (!row) return false
      const outcome = await decide(trx, config, row)
      await finishInboundMessage(trx, row.id, outcome)
      return true
    })
  } catch (error) {
    // A message that breaks processing must not be retried forever: keep it, marked failed.
    const reason = error instanceof Error ? error.message : String(error)
    return db.transaction().execute(async (trx) => {
      const row = await claimInboundMessage(trx, id)
      if (!row) return false
      await finishInboundMessage(trx, row.id, {
        state: 'failed',
        error: `processing failed: ${reason}`.slice(0, 500),
      })
      return true
    })
  }
}

/** Items per processing transaction, and transactions at once. */
const BATCH = 20
const PARALLEL = 1

/**
 * Processes a batch of items in one transaction (fewer round trips than one each). When anything
 * in it fails, the batch is rolled back and its items are taken one by one instead, so a single
 * bad message cannot hold back the others. Returns how many items were processed.
 */
async function processBatch(db: Db, config: AppConfig): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const rows = await claimInboundBatch(trx, BATCH)
      for (const row of rows) {
        await finishInboundMessage(trx, row.id, await decide(trx, config, row))
      }
      return rows.length
    })
  } catch {
    let done = 0
    for (const id of await listUnprocessedInboundIds(db, BATCH)) {
      if (await processInboundMessage(db, config, id)) done++
    }
    return done
  }
}

async function drain(db: Db, config: AppConfig): Promise<number> {
  let total = 0
  for (;;) {
    const counts = await Promise.all(
      Array.from({ length: PARALLEL }, () => processBatch(db, config)),
    )
    const done = counts.reduce((sum, n) => sum + n, 0)
    total += done
    // Nothing left, or everything left is held by another process, which will finish it.
    if (done === 0) return total
    // Let requests that arrived meanwhile reach the database before the next batch: a big
    // delivery is worked through in slices, never in one sitting.
    await new Promise((resolve) => setImmediate(resolve))
  }
}

interface Runner {
  running: Promise<number> | null
  queued: Promise<number> | null
  /** The configuration of the latest call: a queued run uses it. */
  config: AppConfig
}
const runners = new WeakMap<Db, Runner>()

/**
 * Processes every stored, unprocessed webhook item. Calls made while a run is going on share
 * one follow-up run (with the latest caller's configuration), so a burst of webhooks costs a
 * few passes, and whoever awaits the result knows that everything stored before the call has
 * been seen.
 */
export function processPending(db: Db, config: AppConfig): Promise<number> {
  let runner = runners.get(db)
  if (!runner) {
    runner = { running: null, queued: null, config }
    runners.set(db, runner)
  }
  const r = runner
  r.config = config
  const start = () => {
    const run = drain(db, r.config).finally(() => {
      if (r.running === run) r.running = null
    })
    r.running = run
    return run
  }
  if (r.queued) return r.queued
  if (!r.running) return start()
  const queued = r.running
    .catch(() => 0)
    .then(() => {
      r.queued = null
      return start()
    })
  r.queued = queued
  return queued
}
