import { createHash } from 'node:crypto'
import { z } from 'zod'
import { nestedDeeperThan } from '../validate.ts'

/** Meta's payloads nest about ten levels; anything past this is not one of theirs. */
const MAX_PAYLOAD_DEPTH = 64

// Meta adds fields to webhook payloads over time, so these schemas keep unknown keys (z.object,
// not z.strictObject) and check only what Chatcart reads.

const idString = z.string().min(1).max(512)

const contactSchema = z.object({
  wa_id: idString.optional(),
  user_id: idString.optional(),
  profile: z.object({ name: z.string().max(1000).optional() }).optional(),
})

const productItemSchema = z.object({
  product_retailer_id: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(10_000),
  item_price: z.number().nonnegative().optional(),
  currency: z.string().max(10).optional(),
})

/** One element of `value.messages[]`. */
export const messageSchema = z.object({
  id: idString,
  from: idString.optional(),
  from_user_id: idString.optional(),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().min(1).max(100),
  context: z.object({ id: idString.optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  image: z.object({ caption: z.string().optional() }).optional(),
  video: z.object({ caption: z.string().optional() }).optional(),
  document: z.object({ caption: z.string().optional() }).optional(),
  button: z.object({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
  order: z
    .object({
      catalog_id: z.string().optional(),
      text: z.string().optional(),
      product_items: z.array(productItemSchema).max(1000),
    })
    .optional(),
  system: z.object({ body: z.string().optional() }).optional(),
})
export type WebhookMessage = z.infer<typeof messageSchema>

/** One element of `value.statuses[]`. */
export const statusSchema = z.object({
  id: idString,
  status: z.string().min(1).max(50),
  timestamp: z.string().regex(/^\d{1,12}$/),
  recipient_id: idString.optional(),
  recipient_user_id: idString.optional(),
  biz_opaque_callback_data: z.string().optional(),
  errors: z
    .array(
      z.object({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.object({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
})
export type WebhookStatus = z.infer<typeof statusSchema>

const changeSchema = z.object({
  field: z.string(),
  value: z.unknown(),
})

const messagesValueSchema = z.object({
  metadata: z.object({
    phone_number_id: idString,
    display_phone_number: z.string().max(40).optional(),
  }),
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
})

const envelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({ id: z.string().optional(), changes: z.array(changeSchema) })),
})

/** One row to store for one webhook item, before routing to a shop. */
export interface WebhookEvent {
  eventKey: string
  kind: 'message' | 'status' | 'unknown'
  phoneNumberId: string | null
  /**
   * Digits of the business number the item was sent to (`metadata.display_phone_number`): an
   * item reaches a shop only when both its phone number id and this number are the shop's.
   */
  displayPhone: string | null
  waMessageId: string | null
  type: string | null
  fromWaId: string | null
  fromUserId: string | null
  profileName: string | null
  body: string | null
  contextId: string | null
  sentAt: Date | null
  payload: unknown
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

function unknownEvent(payload: unknown, phoneNumberId: string | null, type: string | null) {
  return {
    eventKey: `sha256:${sha256(JSON.stringify(payload) ?? '')}`,
    kind: 'unknown',
    phoneNumberId,
    displayPhone: null,
    waMessageId: null,
    type,
    fromWaId: null,
    fromUserId: null,
    profileName: null,
    body: null,
    contextId: null,
    sentAt: null,
    payload,
  } satisfies WebhookEvent
}

function fromUnixSeconds(timestamp: string): Date {
  return new Date(Number(timestamp) * 1000)
}

/** The human-readable text of a message, for the inbox and for matching. */
export function messageText(message: WebhookMessage): string | null {
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply
  return (
    message.text?.body ??
    message.image?.caption ??
    message.video?.caption ??
    message.document?.caption ??
    message.order?.text ??
    message.button?.text ??
    reply?.title ??
    message.system?.body ??
    null
  )
}

/**
 * Every place of a message where a customer or our own buttons may carry an order code, most
 * trusted first: the typed text or caption, the order note, a template button payload, an
 * interactive reply id (`payload: true` for the last two, which we write ourselves).
 */
export function messageCodeSources(message: WebhookMessage): { text: string; payload: boolean }[] {
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply
  const sources: [string | undefined, boolean][] = [
    [message.text?.body, false],
    [message.image?.caption, false],
    [message.video?.caption, false],
    [message.document?.caption, false],
    [message.order?.text, false],
    [message.button?.payload, true],
    [reply?.id, true],
    [message.button?.text, false],
    [reply?.title, false],
  ]
  return sources.flatMap(([text, payload]) => (text ? [{ text, payload }] : []))
}

// NUL, and a high surrogate not followed by a low one or a low one not preceded by a high one.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A copy of a parsed payload where text PostgreSQL cannot store (NUL, unpaired surrogates) is
 * replaced by U+FFFD: a signed delivery is Meta's word, kept and acknowledged whatever it holds.
 */
export function replaceUnstorableText(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD')
  if (Array.isArray(value)) return value.map(replaceUnstorableText)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        replaceUnstorableText(key) as string,
        replaceUnstorableText(inner),
      ]),
    )
  }
  return value
}

/**
 * Splits a webhook body into one event per `entry` × `change` × message / status. A body that
 * is not a WhatsApp envelope becomes a single `unknown` event keyed by the hash of its bytes;
 * an unreadable change or item becomes an `unknown` event of its own, so nothing is dropped.
 */
export function extractWebhookEvents(raw: Uint8Array): WebhookEvent[] {
  let body: unknown
  try {
    body = JSON.parse(Buffer.from(raw).toString('utf8'))
  } catch {
    body = undefined
  }
  // Nested past any real payload: kept as text, since hashing or storing it as JSON would
  // overflow the stack (JSON.stringify, PostgreSQL's jsonb parser).
  if (nestedDeeperThan(body, MAX_PAYLOAD_DEPTH)) body = undefined
  body = replaceUnstorableText(body)
  const envelope = envelopeSchema.safeParse(body)
  if (!envelope.success) {
    const payload =
      body === undefined
        ? { unparsed: replaceUnstorableText(Buffer.from(raw).toString('utf8')) }
        : body
    return [{ ...unknownEvent(payload, null, null), eventKey: `sha256:${sha256(raw)}` }]
  }
  const events: WebhookEvent[] = []
  for (const entry of envelope.data.entry) {
    for (const change of entry.changes) {
      const value = messagesValueSchema.safeParse(change.value)
      if (change.field !== 'messages' || !value.success) {
        events.push(unknownEvent(change, null, change.field))
        continue
      }
      const phoneNumberId = value.data.metadata.phone_number_id
      const displayPhone = value.data.metadata.display_phone_number?.replace(/\D/g, '') || null
      const contacts = value.data.contacts ?? []
      const contactOf = (waId?: string, userId?: string) =>
        contacts.find((c) => (waId && c.wa_id === waId) || (userId && c.user_id === userId)) ??
        (contacts.length === 1 ? contacts[0] : undefined)

      for (const item of value.data.messages ?? []) {
        const parsed = messageSchema.safeParse(item)
        if (!parsed.success) {
          events.push(unknownEvent(item, phoneNumberId, 'message'))
          continue
        }
        const message = parsed.data
        const contact = contactOf(message.from, message.from_user_id)
        events.push({
          eventKey: message.id,
          kind: 'message',
          phoneNumberId,
          displayPhone,
          waMessageId: message.id,
          type: message.type,
          fromWaId: message.from ?? contact?.wa_id ?? null,
          fromUserId: message.from_user_id ?? contact?.user_id ?? null,
          profileName: contact?.profile?.name ?? null,
          body: messageText(message),
          contextId: message.context?.id ?? null,
          sentAt: fromUnixSeconds(message.timestamp),
          payload: item,
        })
      }
      for (const item of value.data.statuses ?? []) {
        const parsed = statusSchema.safeParse(item)
        if (!parsed.success) {
          events.push(unknownEvent(item, phoneNumberId, 'status'))
          continue
        }
        const status = parsed.data
        events.push({
          eventKey: `status:${status.id}:${status.status}`,
          kind: 'status',
          phoneNumberId,
          displayPhone,
          waMessageId: status.id,
          type: status.status,
          fromWaId: status.recipient_id ?? null,
          fromUserId: status.recipient_user_id ?? null,
          profileName: null,
          body: statusError(status),
          contextId: null,
          sentAt: fromUnixSeconds(status.timestamp),
          payload: item,
        })
      }
    }
  }
  return events
}

/** `131047 Re-engagement message: details` for a failed status, else null. */
export function statusError(status: WebhookStatus): string | null {
  const error = status.errors?.[0]
  if (!error) return null
  const details = error.error_data?.details
  const head = [error.code, error.title ?? error.message].filter((p) => p !== undefined).join(' ')
  return (details ? `${head}: ${details}` : head).slice(0, 1000)
}
