import type { Transaction } from 'kysely'
import type { z } from 'zod'
import { parseOrderMessage } from '../../core/order-message.ts'
import { phoneVariants } from '../../core/phone.ts'
import type { Database, Db, DbOrTrx } from '../../db/database.ts'
import {
  claimInboundBatch,
  claimInboundMessage,
  finishInboundMessages,
  type InboundMessageRow,
  listUnprocessedInboundIds,
} from '../../db/inbound-messages.queries.ts'
import {
  confirmPendingOrder,
  confirmPendingOrders,
  findOrdersByOutboundMessages,
  findRecentPendingOrdersByPhones,
  findShopOrdersByCodes,
} from '../../db/order-matching.queries.ts'
import {
  insertOrderEvent,
  insertOrderEvents,
  listItemsOfOrders,
  listOrderItems,
} from '../../db/orders.queries.ts'
import {
  applyOutboundStatus,
  findOutboundByWaMessageId,
  isOutboundStatus,
} from '../../db/outbox.queries.ts'
import type { OrderMatch, OrderRow } from '../../db/schema/orders.ts'
import { findShopById } from '../../db/shops.queries.ts'
import {
  applyContactNames,
  applyEchoChanges,
  applyHistoryMedia,
  applyUserIdChanges,
  findOrdersOfQuotedMessages,
  findUserIdOfNumber,
  joinCustomerIdentities,
  markOrdersAnsweredByMerchant,
} from '../../db/whatsapp-business.queries.ts'
import type { AppConfig } from '../config.ts'
import { reviveExpiredOrder } from '../orders/expiry.ts'
import { deliveriesArriving, quietMoment } from './ack-first.ts'
import { type OrderDifference, orderMessageDifferences } from './differences.ts'
import { ingestDeliveries } from './ingest.ts'
import { isCancelRequest, orderCodesIn, orderCodesInPayload } from './message-codes.ts'
import { recordStatusPricing } from './message-costs.ts'
import { queueConfirmation, queueConfirmations } from './outbox.ts'
import {
  echoSchema,
  HISTORY_MEDIA,
  messageCodeSources,
  messageSchema,
  userIdUpdateSchema,
  type WebhookMessage,
} from './payload.ts'
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

/** The order message a customer's text carries back, read in the order's currency. */
function parsedOrderText(order: OrderRow, message: WebhookMessage | null) {
  const text = message?.text?.body
  return text ? parseOrderMessage(text, order.currency) : null
}

/** Whether the message asks to cancel (our template's or interactive reply's cancel button). */
function asksToCancel(message: WebhookMessage | null): boolean {
  const reply = message?.interactive?.button_reply?.id ?? message?.interactive?.list_reply?.id
  return isCancelRequest(message?.button?.payload) || isCancelRequest(reply)
}

/** How a message confirms its order: what the customer changed and who sent it. */
function matchOf(
  row: InboundMessageRow,
  order: OrderRow,
  method: string,
  differences: OrderDifference[],
) {
  return {
    messageId: row.wa_message_id ?? row.id,
    method,
    edited: differences.length > 0,
    differences,
    // The code came from another number than the one typed at checkout: worth a look.
    senderDiffers: senderDiffersFromCheckout(order.customer_phone, row.from_wa_id),
  }
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
  if (order.status !== 'pending' || asksToCancel(message)) {
    return { state: 'recorded', orderId: order.id, matchMethod: method }
  }
  const parsed = parsedOrderText(order, message)
  const differences = parsed
    ? orderMessageDifferences(
        { items: await listOrderItems(trx, order.id), total: order.total },
        parsed,
      )
    : []
  const match = matchOf(row, order, method, differences)
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
    toUserId: row.from_user_id,
    replyTo: row.wa_message_id,
  })
  return { state: 'matched', orderId: order.id, matchMethod: method }
}

async function processStatus(trx: DbOrTrx, row: InboundMessageRow): Promise<Outcome> {
  if (!row.wa_message_id || !row.type) return { state: 'recorded' }
  if (isOutboundStatus(row.type)) {
    await applyOutboundStatus(trx, row.wa_message_id, row.type, row.body)
  }
  // What Meta says the message costs (pricing comes on some statuses only).
  await recordStatusPricing(trx, row.wa_message_id, row.payload)
  const outbound = await findOutboundByWaMessageId(trx, row.wa_message_id)
  const orderId = outbound && outbound.shop_id === row.shop_id ? outbound.order_id : null
  return { state: 'recorded', orderId }
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

/** The codes a message names, most trusted place first, at most {@link MAX_CODES_PER_MESSAGE}. */
function codesOf(message: WebhookMessage): string[] {
  const codes: string[] = []
  for (const source of messageCodeSources(message)) {
    const found = source.payload ? orderCodesInPayload(source.text) : orderCodesIn(source.text)
    for (const code of found) {
      if (codes.length >= MAX_CODES_PER_MESSAGE) return codes
      codes.push(code)
    }
  }
  return codes
}

/** A native WhatsApp cart that named no order: it becomes a confirmed order of its own. */
async function createNativeOrder(
  trx: Transaction<Database>,
  config: AppConfig,
  row: InboundMessageRow & { shop_id: string },
  message: WebhookMessage & { order: NonNullable<WebhookMessage['order']> },
): Promise<Outcome> {
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
    toUserId: row.from_user_id,
    replyTo: row.wa_message_id,
  })
  return { state: 'matched', orderId: order.id, matchMethod: 'native_order' }
}

/** A routed, readable customer message that may concern an order. */
interface Candidate {
  row: InboundMessageRow & { shop_id: string }
  message: WebhookMessage
  /**
   * A past message shared on onboarding (`history`): its code may confirm an order, but it is
   * never answered and points at nothing by reply or phone number.
   */
  history: boolean
}

/**
 * Finds the order each message points at with one query per way of pointing, for the whole
 * batch: a code in the message, then a reply to our own message about an order, then (a
 * suggestion only) a recent pending order placed with the sender's number.
 */
async function findOrders(trx: DbOrTrx, candidates: Candidate[]): Promise<Map<string, FoundOrder>> {
  const found = new Map<string, FoundOrder>()
  const key = (shopId: string, text: string) => `${shopId}\n${text}`

  const codes = new Map(candidates.map((c) => [c.row.id, codesOf(c.message)]))
  const pairs = candidates.flatMap((c) =>
    (codes.get(c.row.id) ?? []).map((code) => ({ shopId: c.row.shop_id, code })),
  )
  const byCode = new Map(
    (await findShopOrdersByCodes(trx, pairs)).map((o) => [key(o.shop_id, o.code), o]),
  )
  for (const c of candidates) {
    for (const code of codes.get(c.row.id) ?? []) {
      const order = byCode.get(key(c.row.shop_id, code))
      if (order) {
        found.set(c.row.id, { order, method: 'code' })
        break
      }
    }
  }

  const replies = candidates.filter((c) => !found.has(c.row.id) && !c.history && c.row.context_id)
  const byContext = new Map(
    (
      await findOrdersByOutboundMessages(
        trx,
        replies.map((c) => ({ shopId: c.row.shop_id, waMessageId: c.row.context_id ?? '' })),
      )
    ).map(({ outbound_wa_message_id, ...order }) => [
      key(order.shop_id, outbound_wa_message_id ?? ''),
      order,
    ]),
  )
  for (const c of replies) {
    const order = byContext.get(key(c.row.shop_id, c.row.context_id ?? ''))
    if (order) found.set(c.row.id, { order, method: 'context' })
  }

  // A native cart is an order of its own; only other messages may point at one by phone number.
  const senders = candidates.filter(
    (c) => !found.has(c.row.id) && !c.history && c.row.from_wa_id && c.message.type !== 'order',
  )
  const variants = new Map(senders.map((c) => [c.row.id, phoneVariants(c.row.from_wa_id ?? '')]))
  const recent = await findRecentPendingOrdersByPhones(
    trx,
    [...new Set(senders.map((c) => c.row.shop_id))],
    [...new Set([...variants.values()].flat())],
    new Date(Date.now() - PHONE_MATCH_WINDOW_MS),
  )
  for (const c of senders) {
    const phones = variants.get(c.row.id) ?? []
    // Newest first: the latest pending order of this sender in this shop.
    const order = recent.find(
      (o) => o.shop_id === c.row.shop_id && phones.includes(o.customer_phone ?? ''),
    )
    if (order) found.set(c.row.id, { order, method: 'phone' })
  }
  return found
}

/** A business-scoped user id written like `BR.1502576394655843`. */
const USER_ID = /\b[A-Z]{2}(?:\.ENT)?\.[A-Za-z0-9]{1,128}\b/g

/**
 * The old and new user id of a `user_changed_user_id` system message: the new one is
 * `system.user_id`; the old one the message's sender id, else the other id in its body, else
 * the one last stored for the sender's number.
 */
async function userIdChangeOf(
  trx: DbOrTrx,
  row: InboundMessageRow & { shop_id: string },
  message: WebhookMessage,
): Promise<{ previous: string; current: string } | null> {
  const current = message.system?.user_id
  if (!current) return null
  const inBody = (message.system?.body?.match(USER_ID) ?? []).find((id) => id !== current)
  const previous =
    (message.from_user_id !== current ? message.from_user_id : undefined) ??
    inBody ??
    (message.from ? await findUserIdOfNumber(trx, row.shop_id, message.from) : null)
  return previous && previous !== current ? { previous, current } : null
}

/**
 * What the merchant sent from the WhatsApp Business app (`smb_message_echoes`): an edit or a
 * deletion is applied to the stored echo; any other echo that quotes the customer's order
 * message or carries an order's code marks that order answered by the merchant. A few statements
 * for the whole batch.
 */
async function processEchoes(
  trx: DbOrTrx,
  rows: (InboundMessageRow & { shop_id: string })[],
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>()
  if (rows.length === 0) return outcomes
  const echoes = rows.flatMap((row) => {
    const parsed = echoSchema.safeParse(row.payload)
    if (!parsed.success) {
      outcomes.set(row.id, { state: 'failed', error: 'unreadable echo' })
      return []
    }
    return [{ row, echo: parsed.data }]
  })
  await applyEchoChanges(trx, echoChanges(echoes))
  // An edit that now names an order answers it too; a deletion answers nothing.
  const messages = echoes.filter(({ echo }) => !echo.revoke)
  const { codes, byCode, byQuote, key } = await ordersNamedBy(trx, messages)
  const answers: Parameters<typeof markOrdersAnsweredByMerchant>[1] = []
  for (const { row } of messages) {
    const quoted = row.context_id ? byQuote.get(key(row.shop_id, row.context_id)) : undefined
    const coded = (codes.get(row.id) ?? [])
      .map((code) => byCode.get(key(row.shop_id, code)))
      .find((id) => id !== undefined)
    const orderId = quoted ?? coded
    const method = quoted ? 'context' : 'code'
    if (orderId) {
      answers.push({
        orderId,
        shopId: row.shop_id,
        at: row.sent_at ?? new Date(),
        messageId: row.wa_message_id ?? row.id,
        method,
      })
    }
    outcomes.set(row.id, {
      state: 'recorded',
      orderId: orderId ?? null,
      matchMethod: orderId ? method : null,
    })
  }
  await markOrdersAnsweredByMerchant(trx, answers)
  for (const { row } of echoes)
    if (!outcomes.has(row.id)) outcomes.set(row.id, { state: 'recorded' })
  return outcomes
}

type ParsedEcho = { row: InboundMessageRow & { shop_id: string }; echo: z.infer<typeof echoSchema> }

/** The edits and deletions of earlier messages that echoes carry. */
function echoChanges(echoes: ParsedEcho[]) {
  return echoes.flatMap(({ row, echo }) => {
    const original = echo.edit?.original_message_id ?? echo.revoke?.original_message_id
    if (!original) return []
    return [
      {
        shopId: row.shop_id,
        originalId: original,
        body: row.body,
        revoked: echo.type === 'revoke' || echo.revoke !== undefined,
        at: row.sent_at ?? new Date(),
      },
    ]
  })
}

/** The orders the merchant's messages name, by code or by quoting the order's message. */
async function ordersNamedBy(trx: DbOrTrx, messages: ParsedEcho[]) {
  const key = (shopId: string, text: string) => `${shopId}\n${text}`
  const codes = new Map(
    messages.map(({ row, echo }) => [
      row.id,
      echo.edit ? orderCodesIn(row.body ?? '').slice(0, MAX_CODES_PER_MESSAGE) : codesOf(echo),
    ]),
  )
  const byCode = new Map(
    (
      await findShopOrdersByCodes(
        trx,
        messages.flatMap(({ row }) =>
          (codes.get(row.id) ?? []).map((code) => ({ shopId: row.shop_id, code })),
        ),
      )
    ).map((o) => [key(o.shop_id, o.code), o.id]),
  )
  const byQuote = new Map(
    (
      await findOrdersOfQuotedMessages(
        trx,
        messages.flatMap(({ row }) =>
          row.context_id ? [{ shopId: row.shop_id, waMessageId: row.context_id }] : [],
        ),
      )
    ).map((m) => [key(m.shop_id, m.wa_message_id), m.order_id]),
  )
  return { codes, byCode, byQuote, key }
}

/**
 * Processes claimed items, set-based: the orders they point at are looked up with a few queries
 * for the whole batch, and the orders confirmed, their events, their replies and the items'
 * outcomes are written with one statement each. Rare cases (an expired order revived, a native
 * cart, a delivery status) are handled item by item inside the same transaction. Messages are
 * taken in the order they arrived: of two pointing at the same pending order, the first confirms
 * it and the second is recorded.
 */
async function processRows(
  trx: Transaction<Database>,
  config: AppConfig,
  rows: InboundMessageRow[],
): Promise<void> {
  const sorted = await sortRows(trx, rows)
  const { outcomes, candidates } = sorted
  await applyCustomerFacts(trx, sorted)
  const { found, confirmations } = await matchCandidates(trx, candidates)
  await setCandidateOutcomes(trx, config, candidates, found, outcomes)
  await applyConfirmations(trx, config, confirmations, outcomes)
  await finishInboundMessages(
    trx,
    rows.map((row) => ({ id: row.id, ...(outcomes.get(row.id) ?? { state: 'unmatched' }) })),
  )
}

type RoutedRow = InboundMessageRow & { shop_id: string }
type Found = Awaited<ReturnType<typeof findOrders>>
type Confirmation = Candidate & { order: OrderRow; method: string; match: OrderMatch }

/**
 * Settles what needs no order (unknown shapes, unrouted items, statuses, system notices) and
 * sorts the rest by what they are: messages that may be about an order, echoes, contacts, user
 * id changes and the media of past messages.
 */
async function sortRows(trx: Transaction<Database>, rows: InboundMessageRow[]) {
  const outcomes = new Map<string, Outcome>()
  const candidates: Candidate[] = []
  const echoes: RoutedRow[] = []
  const contacts: RoutedRow[] = []
  const userIdChanges: { shopId: string | null; previous: string; current: string }[] = []
  const historyMedia: Parameters<typeof applyHistoryMedia>[1] = []
  for (const row of rows) {
    if (row.kind === 'unknown') {
      outcomes.set(row.id, { state: 'failed', error: 'payload of an unexpected shape' })
    } else if (row.kind === 'user_id_update') {
      // Business-scoped user ids are unique: applied wherever the old one is stored.
      const update = userIdUpdateSchema.safeParse(row.payload)
      if (update.success) userIdChanges.push({ shopId: row.shop_id, ...update.data.user_id })
      outcomes.set(row.id, { state: 'recorded' })
    } else if (row.shop_id === null) {
      outcomes.set(row.id, { state: 'unrouted' })
    } else if (row.kind === 'status') {
      outcomes.set(row.id, await processStatus(trx, row))
    } else if (row.kind === 'echo') {
      echoes.push({ ...row, shop_id: row.shop_id })
    } else if (row.kind === 'contact') {
      contacts.push({ ...row, shop_id: row.shop_id })
    } else if (row.kind === 'history' && row.type === 'errors') {
      // A declined share (2593109) or a failed one: no history, nothing to do.
      outcomes.set(row.id, { state: 'recorded' })
    } else if (row.kind === 'history' && row.event_key.startsWith(HISTORY_MEDIA)) {
      // The media of a past message: shown in place of its placeholder, kept as it came.
      historyMedia.push({
        shopId: row.shop_id,
        waMessageId: row.wa_message_id ?? '',
        type: row.type ?? 'media',
        body: row.body,
      })
      outcomes.set(row.id, { state: 'recorded' })
    } else {
      const parsed = messageSchema.safeParse(row.payload)
      const history = row.kind === 'history'
      if (!parsed.success) {
        outcomes.set(row.id, { state: 'failed', error: 'unreadable message' })
      } else if (parsed.data.system?.type === 'user_changed_user_id') {
        const change = await userIdChangeOf(trx, { ...row, shop_id: row.shop_id }, parsed.data)
        if (change) userIdChanges.push({ shopId: row.shop_id, ...change })
        outcomes.set(row.id, { state: 'recorded' })
      } else if (NOT_ORDER_RELATED.has(parsed.data.type)) {
        outcomes.set(row.id, { state: 'recorded' })
      } else {
        candidates.push({ row: { ...row, shop_id: row.shop_id }, message: parsed.data, history })
      }
    }
  }
  return { outcomes, candidates, echoes, contacts, userIdChanges, historyMedia }
}

/** What a batch says about customers: new user ids, past media, names, echoes of the merchant. */
async function applyCustomerFacts(
  trx: Transaction<Database>,
  sorted: Awaited<ReturnType<typeof sortRows>>,
): Promise<void> {
  const { outcomes, candidates, echoes, contacts, userIdChanges, historyMedia } = sorted
  await applyUserIdChanges(trx, userIdChanges)
  await applyHistoryMedia(trx, historyMedia)
  await joinCustomerIdentities(
    trx,
    candidates.flatMap(({ row }) =>
      row.from_wa_id && row.from_user_id
        ? [
            {
              shopId: row.shop_id,
              waId: row.from_wa_id,
              userId: row.from_user_id,
              username: row.username,
            },
          ]
        : [],
    ),
  )
  for (const [id, outcome] of await processEchoes(trx, echoes)) outcomes.set(id, outcome)
  await applyContactNames(
    trx,
    contacts.flatMap((row) =>
      row.profile_name && row.type !== 'remove'
        ? [
            {
              shopId: row.shop_id,
              waId: row.from_wa_id,
              userId: row.from_user_id,
              name: row.profile_name,
              username: row.username,
            },
          ]
        : [],
    ),
  )
  for (const row of contacts) outcomes.set(row.id, { state: 'recorded' })
}

/** The orders the candidates point at (an expired one revived), and the confirmations to apply. */
async function matchCandidates(
  trx: Transaction<Database>,
  candidates: Candidate[],
): Promise<{ found: Found; confirmations: Confirmation[] }> {
  const found = await findOrders(trx, candidates)
  // A late message revives an order that lapsed meanwhile (see orders/expiry.ts), once.
  const revived = new Map<string, OrderRow>()
  for (const c of candidates) {
    const f = found.get(c.row.id)
    if (f?.method !== 'code' || f.order.status !== 'expired') continue
    const order = revived.get(f.order.id) ?? (await reviveExpiredOrder(trx, f.order))
    revived.set(order.id, order)
    f.order = order
  }

  // What each confirming message says about its order, and the lines to compare it with.
  const confirming = candidates.flatMap((c) => {
    const f = found.get(c.row.id)
    if (!f || f.method === 'phone' || f.order.status !== 'pending' || asksToCancel(c.message)) {
      return []
    }
    const method = c.history ? 'history' : f.method
    return [{ ...c, order: f.order, method, text: parsedOrderText(f.order, c.message) }]
  })
  const items = await listItemsOfOrders(trx, [
    ...new Set(confirming.filter((c) => c.text).map((c) => c.order.id)),
  ])

  const confirmations: Confirmation[] = []
  const taken = new Set<string>()
  for (const c of confirming) {
    if (taken.has(c.order.id)) continue
    taken.add(c.order.id)
    const lines = c.text ? items.filter((item) => item.order_id === c.order.id) : []
    const differences = c.text
      ? orderMessageDifferences({ items: lines, total: c.order.total }, c.text)
      : []
    confirmations.push({ ...c, match: matchOf(c.row, c.order, c.method, differences) })
  }

  return { found, confirmations }
}

/** Each candidate's outcome but the confirmed ones': recorded, suggested, a native cart or unmatched. */
async function setCandidateOutcomes(
  trx: Transaction<Database>,
  config: AppConfig,
  candidates: Candidate[],
  found: Found,
  outcomes: Map<string, Outcome>,
): Promise<void> {
  for (const c of candidates) {
    const f = found.get(c.row.id)
    if (f?.method === 'phone') {
      // Left in the inbox with the order it may be about, for the merchant to accept or not.
      outcomes.set(c.row.id, {
        state: 'unmatched',
        orderId: f.order.id,
        matchMethod: PHONE_SUGGESTION,
      })
    } else if (f) {
      // Confirming ones are set below, once the update says which orders it confirmed.
      outcomes.set(c.row.id, { state: 'recorded', orderId: f.order.id, matchMethod: f.method })
    } else if (c.history) {
      // Part of the archive: kept read-only, not waiting for the merchant.
      outcomes.set(c.row.id, { state: 'recorded' })
    } else if (c.message.type === 'order' && c.message.order) {
      outcomes.set(
        c.row.id,
        await createNativeOrder(trx, config, c.row, { ...c.message, order: c.message.order }),
      )
    } else {
      outcomes.set(c.row.id, { state: 'unmatched' })
    }
  }
}

/** Confirms the pending orders, with their events and their replies, in one statement each. */
async function applyConfirmations(
  trx: Transaction<Database>,
  config: AppConfig,
  confirmations: Confirmation[],
  outcomes: Map<string, Outcome>,
): Promise<void> {
  const confirmed = new Map(
    (
      await confirmPendingOrders(
        trx,
        confirmations.map((c) => ({
          orderId: c.order.id,
          waId: c.row.from_wa_id,
          userId: c.row.from_user_id,
          profileName: c.row.profile_name,
          username: c.row.username,
          match: c.match,
        })),
      )
    ).map((order) => [order.id, order]),
  )
  const applied = confirmations.flatMap((c) => {
    const order = confirmed.get(c.order.id)
    return order ? [{ ...c, order }] : []
  })
  for (const c of applied) {
    outcomes.set(c.row.id, { state: 'matched', orderId: c.order.id, matchMethod: c.method })
  }
  await insertOrderEvents(
    trx,
    applied.map((c) => ({
      shop_id: c.order.shop_id,
      order_id: c.order.id,
      type: 'confirmed',
      from_status: 'pending',
      to_status: 'confirmed',
      actor: 'whatsapp',
      data: JSON.stringify(c.match),
    })),
  )
  // History is an archive: an order it confirms gets no reply.
  await queueConfirmations(
    trx,
    config.whatsapp,
    applied
      .filter((c) => !c.history)
      .map((c) => ({
        order: c.order,
        toWaId: c.row.from_wa_id,
        toUserId: c.row.from_user_id,
        replyTo: c.row.wa_message_id,
      })),
  )
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
      await processRows(trx, config, [row])
      return true
    })
  } catch (error) {
    // A message that breaks processing must not be retried forever: keep it, marked failed.
    const reason = error instanceof Error ? error.message : String(error)
    return db.transaction().execute(async (trx) => {
      const row = await claimInboundMessage(trx, id)
      if (!row) return false
      await finishInboundMessages(trx, [
        { id: row.id, state: 'failed', error: `processing failed: ${reason}`.slice(0, 500) },
      ])
      return true
    })
  }
}

/** Items per processing transaction, unless the configuration sets `whatsapp.batchSize`. */
const BATCH = 100
/**
 * Items per transaction while deliveries are still arriving: a batch holds the event loop for its
 * JavaScript, and every acknowledgement that came meanwhile waits behind it.
 */
const ARRIVING_BATCH = 20

/**
 * Processes a batch of items in one transaction, set-based (see {@link processRows}). When
 * anything in it fails, the batch is rolled back and its items are taken one by one instead, so
 * a single bad message cannot hold back the others. Returns how many items were processed.
 */
async function processBatch(db: Db, config: AppConfig, batch: number): Promise<number> {
  try {
    return await db.transaction().execute(async (trx) => {
      const rows = await claimInboundBatch(trx, batch)
      await processRows(trx, config, rows)
      return rows.length
    })
  } catch {
    let done = 0
    for (const id of await listUnprocessedInboundIds(db, batch)) {
      if (await processInboundMessage(db, config, id)) done++
    }
    return done
  }
}

async function drain(db: Db, config: AppConfig): Promise<number> {
  const batch = config.whatsapp.batchSize ?? BATCH
  let total = 0
  // Unknown at first: items may be waiting from before (a crash, another process's split).
  let full = true
  for (;;) {
    // Small bites while a flood goes on (processing past the bound on waiting for it to pause).
    const size = deliveriesArriving() ? Math.min(batch, ARRIVING_BATCH) : batch
    // Stored deliveries become items first; then a batch of items is processed.
    const split = await ingestDeliveries(db, size)
    // A batch that was not full took every item there was (but those other processes hold,
    // which they finish): with no new delivery split since, there is nothing to claim.
    if (split === 0 && !full) return total
    const done = await processBatch(db, config, size)
    total += done
    full = done === size
    // Less than a full lease and a full batch: this run took everything there was. Deliveries
    // stored since then schedule a run of their own.
    if (split < size && !full) return total
    // Let requests that arrived meanwhile reach the database before the next batch: a big
    // delivery is worked through in slices, never in one sitting, and a flood of deliveries is
    // acknowledged before more of it is processed.
    await new Promise((resolve) => setImmediate(resolve))
    await quietMoment()
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
