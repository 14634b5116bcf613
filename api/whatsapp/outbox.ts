import type { Insertable } from 'kysely'
import type { Db, DbOrTrx } from '../../db/database.ts'
import {
  claimDueOutboundMessage,
  markOutboundFailed,
  markOutboundRetry,
  markOutboundSent,
  markOutboundSkipped,
  queueOutboundMessages,
} from '../../db/outbox.queries.ts'
import type { OutboundMessagesTable } from '../../db/schema/messages.ts'
import type { OrderRow } from '../../db/schema/orders.ts'
import {
  customersInMerchantConversation,
  MERCHANT_CONVERSATION_MS,
  merchantTalkingTo,
} from '../../db/whatsapp-business.queries.ts'
import type { AppConfig } from '../config.ts'
import { reasonNotToSend, recordEarlyPricing } from './message-costs.ts'
import { confirmationText } from './reply-text.ts'

type WhatsAppConfig = AppConfig['whatsapp']

/** Attempts before a reply that keeps timing out or meeting 5xx is given up. */
export const MAX_SEND_ATTEMPTS = 8
const SEND_TIMEOUT_MS = 10_000
/** A message left in `sending` this long was taken by a process that died; send it again. */
const STALE_SENDING_MS = 2 * 60_000

/**
 * Why an automatic reply was not sent: the merchant wrote to that customer from the WhatsApp
 * Business app in the last 15 minutes (they are talking; Chatcart keeps out of it).
 */
export const MERCHANT_IN_CONVERSATION =
  'merchant_in_conversation: the merchant is writing to this customer from the WhatsApp Business app'

/**
 * The order, the customer to answer (their number, else their business-scoped user id for a
 * customer known only by username) and the message of theirs to quote.
 */
interface ConfirmationArgs {
  order: OrderRow
  toWaId: string | null
  toUserId?: string | null
  replyTo: string | null
}

/** The outbox row of an order's one confirmation; null when replies are off or nobody to answer. */
function confirmationMessage(
  config: WhatsAppConfig,
  args: ConfirmationArgs,
): Insertable<OutboundMessagesTable> | null {
  const toUserId = args.toWaId ? null : (args.toUserId ?? null)
  if (!config.accessToken || (!args.toWaId && !toUserId)) return null
  const { order } = args
  const body = confirmationText({
    locale: order.locale,
    code: order.code,
    customerName: order.customer_profile_name ?? order.customer_name,
    total: order.total,
    currency: order.currency,
  })
  const payload = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    // A customer known only by username is addressed by their business-scoped user id.
    ...(args.toWaId ? { to: args.toWaId } : { recipient: toUserId }),
    type: 'text',
    ...(args.replyTo ? { context: { message_id: args.replyTo } } : {}),
    biz_opaque_callback_data: `order:${order.code}`,
    text: { preview_url: false, body },
  }
  return {
    shop_id: order.shop_id,
    order_id: order.id,
    kind: 'confirmation',
    dedupe_key: `confirm:${order.id}`,
    to_wa_id: args.toWaId,
    to_user_id: args.toUserId ?? null,
    payload: JSON.stringify(payload),
  }
}

/**
 * Queues the one confirmation of an order (dedupe key `confirm:<order id>`), quoting the
 * customer's message. Call it in the transaction that confirms the order, so both happen or
 * neither does. Does nothing when replies are off (no access token) or no number is known.
 */
export async function queueConfirmation(
  trx: DbOrTrx,
  config: WhatsAppConfig,
  args: ConfirmationArgs,
): Promise<boolean> {
  return (await queueConfirmations(trx, config, [args])) > 0
}

/**
 * {@link queueConfirmation} for many orders, in one statement. A confirmation to a customer the
 * merchant is talking to from the Business app is stored `skipped` with the reason, never sent.
 * Returns how many were queued to be sent.
 */
export async function queueConfirmations(
  trx: DbOrTrx,
  config: WhatsAppConfig,
  list: ConfirmationArgs[],
): Promise<number> {
  const messages = list.flatMap((args) => confirmationMessage(config, args) ?? [])
  if (messages.length === 0) return 0
  const talking = await customersInMerchantConversation(
    trx,
    messages.map((m) => ({
      shopId: m.shop_id,
      waId: m.to_wa_id ?? null,
      userId: m.to_user_id ?? null,
    })),
    new Date(Date.now() - MERCHANT_CONVERSATION_MS),
  )
  const rows = messages.map((m, index) =>
    talking.has(index) ? { ...m, status: 'skipped', last_error: MERCHANT_IN_CONVERSATION } : m,
  )
  return (await queueOutboundMessages(trx, rows)).filter((m) => m.status === 'queued').length
}

/** Backoff before attempt `attempts + 1`: 2 s, 4 s, 8 s… up to 10 minutes, with some jitter. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000)
  return base + Math.floor(Math.random() * (base / 4))
}

type SendOutcome =
  | { kind: 'sent'; waMessageId: string }
  | { kind: 'retry'; error: string }
  | { kind: 'give_up'; error: string }

function graphError(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error
    if (error && typeof error === 'object') {
      const e = error as { code?: unknown; message?: unknown; error_data?: { details?: unknown } }
      const details = typeof e.error_data?.details === 'string' ? `: ${e.error_data.details}` : ''
      const code = typeof e.code === 'number' || typeof e.code === 'string' ? `${e.code} ` : ''
      const message = typeof e.message === 'string' ? e.message : `HTTP ${status}`
      return `${code}${message}${details}`.slice(0, 1000)
    }
  }
  return `HTTP ${status}`
}

async function postToGraph(
  config: WhatsAppConfig,
  phoneNumberId: string,
  payload: unknown,
): Promise<SendOutcome> {
  let response: Response
  try {
    response = await fetch(`${config.graphUrl}/${encodeURIComponent(phoneNumberId)}/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${config.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
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
  if (response.ok) {
    const messages = (body as { messages?: { id?: unknown }[] } | undefined)?.messages
    const id = messages?.[0]?.id
    if (typeof id === 'string' && id !== '') return { kind: 'sent', waMessageId: id }
    return { kind: 'retry', error: 'the Graph API answered without a message id' }
  }
  const error = graphError(body, response.status)
  // 429 (throttled) and 5xx pass; any other 4xx (such as 131047, outside the 24-hour window)
  // will fail the same way every time.
  if (response.status === 429 || response.status >= 500) return { kind: 'retry', error }
  return { kind: 'give_up', error }
}

const chains = new WeakMap<Db, Promise<unknown>>()

/**
 * Sends every reply that is due, one at a time, and records each outcome: the WhatsApp id on
 * success; a later attempt after a timeout, 429 or 5xx; the error after a 4xx or too many
 * attempts. Returns how many were sent. `now` lets tests look into the future. Calls in one
 * process run one after the other, so whoever awaits one knows earlier sends are finished.
 */
export function sendDueMessages(
  db: Db,
  config: WhatsAppConfig,
  options: { now?: Date } = {},
): Promise<number> {
  const previous = chains.get(db) ?? Promise.resolve()
  const run = previous.catch(() => undefined).then(() => sendAllDue(db, config, options))
  chains.set(db, run)
  return run
}

async function sendAllDue(
  db: Db,
  config: WhatsAppConfig,
  options: { now?: Date },
): Promise<number> {
  if (!config.accessToken) return 0
  let sent = 0
  for (;;) {
    const now = options.now ?? new Date()
    const message = await db
      .transaction()
      .execute((trx) =>
        claimDueOutboundMessage(trx, now, new Date(now.getTime() - STALE_SENDING_MS)),
      )
    if (!message) return sent
    // The merchant may have started writing to this customer from the app since it was queued.
    const talking = await merchantTalkingTo(
      db,
      { shopId: message.shop_id, waId: message.to_wa_id, userId: message.to_user_id },
      new Date(now.getTime() - MERCHANT_CONVERSATION_MS),
    )
    if (talking) {
      await markOutboundSkipped(db, message.id, MERCHANT_IN_CONVERSATION)
      continue
    }
    // The shop's switch for the automatic confirmation and its monthly cap (reason recorded).
    const notToSend = await reasonNotToSend(db, message, now)
    if (notToSend) {
      await markOutboundSkipped(db, message.id, notToSend)
      continue
    }
    const outcome: SendOutcome = message.phoneNumberId
      ? await postToGraph(config, message.phoneNumberId, message.payload)
      : { kind: 'give_up', error: 'the shop has no WhatsApp phone number id' }
    if (outcome.kind === 'sent') {
      await db.transaction().execute(async (trx) => {
        await markOutboundSent(trx, message.id, outcome.waMessageId)
        await recordEarlyPricing(trx, outcome.waMessageId)
      })
      sent++
    } else if (outcome.kind === 'retry' && message.attempts < MAX_SEND_ATTEMPTS) {
      const next = new Date(now.getTime() + retryDelayMs(message.attempts))
      await markOutboundRetry(db, message.id, next, outcome.error)
    } else {
      await markOutboundFailed(db, message.id, outcome.error)
    }
  }
}
