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
  profile: z
    .object({ name: z.string().max(1000).optional(), username: z.string().max(200).optional() })
    .optional(),
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
  system: z
    .object({
      body: z.string().optional(),
      type: z.string().optional(),
      user_id: idString.optional(),
    })
    .optional(),
})
export type WebhookMessage = z.infer<typeof messageSchema>

/**
 * One element of `smb_message_echoes`' `message_echoes[]` (or of a `history` webhook's): what the
 * merchant sent from the WhatsApp Business app, an edit of it or its deletion.
 */
export const echoSchema = messageSchema.extend({
  to: idString.optional(),
  to_user_id: idString.optional(),
  edit: z
    .object({
      original_message_id: idString,
      message: z
        .object({ type: z.string().optional(), text: z.object({ body: z.string() }).optional() })
        .passthrough()
        .optional(),
    })
    .optional(),
  revoke: z.object({ original_message_id: idString }).optional(),
})
export type WebhookEcho = z.infer<typeof echoSchema>

/** One message of a `history` thread. */
const historyMessageSchema = messageSchema.extend({ to: idString.optional() })

const historyThreadSchema = z.object({
  id: idString.optional(),
  context: z
    .object({
      wa_id: idString.optional(),
      user_id: idString.optional(),
      username: z.string().max(200).optional(),
    })
    .optional(),
  messages: z.array(z.unknown()).max(100_000).optional(),
})

const historyChunkSchema = z.object({
  threads: z.array(z.unknown()).optional(),
  errors: z.array(z.object({ code: z.number().optional() }).passthrough()).optional(),
})

/** One element of `smb_app_state_sync`'s `state_sync[]`: a contact of the Business app. */
const stateSyncSchema = z.object({
  type: z.string(),
  action: z.string().max(50),
  contact: z
    .object({
      full_name: z.string().max(1000).optional(),
      first_name: z.string().max(1000).optional(),
      phone_number: idString.optional(),
      user_id: idString.optional(),
      username: z.string().max(200).optional(),
    })
    .optional(),
})

/** One element of the `user_id_update` field: a customer's business-scoped user id changed. */
export const userIdUpdateSchema = z.object({
  wa_id: idString.optional(),
  user_id: z.object({ previous: idString, current: idString }),
  timestamp: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
})

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

const metadataSchema = z.object({
  phone_number_id: idString,
  display_phone_number: z.string().max(40).optional(),
})

const messagesValueSchema = z.object({
  metadata: metadataSchema,
  contacts: z.array(contactSchema).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  message_echoes: z.array(z.unknown()).optional(),
  history: z.array(z.unknown()).optional(),
  state_sync: z.array(z.unknown()).optional(),
})

const userIdUpdateValueSchema = z.object({
  metadata: metadataSchema.optional(),
  user_id_update: z.array(z.unknown()),
})

/**
 * The key prefix of a past message's media: a later `history` webhook carries the media of a
 * thread's `media_placeholder` (last 14 days) under the same WhatsApp id.
 */
export const HISTORY_MEDIA = 'history-media:'

/** The change fields read: the others are stored as `unknown`. */
const READ_FIELDS = new Set(['messages', 'smb_message_echoes', 'history', 'smb_app_state_sync'])

const envelopeSchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.object({ id: z.string().optional(), changes: z.array(changeSchema) })),
})

/** One row to store for one webhook item, before routing to a shop. */
export interface WebhookEvent {
  eventKey: string
  kind: 'message' | 'status' | 'echo' | 'history' | 'contact' | 'user_id_update' | 'unknown'
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
  /** Sent by the merchant from the Business app (echoes, their side of history). */
  outgoing?: boolean
  username?: string | null
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
  return envelope.data.entry.flatMap((entry) => entry.changes.flatMap(changeEvents))
}

type Change = z.infer<typeof envelopeSchema>['entry'][number]['changes'][number]

/** The events of one change: its messages, echoes, history, contacts and statuses. */
function changeEvents(change: Change): WebhookEvent[] {
  if (change.field === 'user_id_update') return userIdUpdateEvents(change)
  const parsed = messagesValueSchema.safeParse(change.value)
  if (!READ_FIELDS.has(change.field) || !parsed.success) {
    return [unknownEvent(change, null, change.field)]
  }
  const value = parsed.data
  const where: Destination = {
    phoneNumberId: value.metadata.phone_number_id,
    displayPhone: value.metadata.display_phone_number?.replace(/\D/g, '') || null,
  }
  const contacts = value.contacts ?? []
  /** The customer's ids and names: the item's own, else its contact's (the only one, if one). */
  const peer = (waId?: string, userId?: string) => {
    const contact =
      contacts.find((c) => (waId && c.wa_id === waId) || (userId && c.user_id === userId)) ??
      (contacts.length === 1 ? contacts[0] : undefined)
    return {
      fromWaId: waId ?? contact?.wa_id ?? null,
      fromUserId: userId ?? contact?.user_id ?? null,
      profileName: contact?.profile?.name ?? null,
      username: contact?.profile?.username ?? null,
    }
  }
  // A `history` webhook also carries media of the last 14 days as messages and echoes.
  const history = change.field === 'history'
  return [
    ...parsedEvents(value.messages, messageSchema, where, 'message', (message, item) => ({
      eventKey: history ? `${HISTORY_MEDIA}${message.id}` : message.id,
      kind: history ? 'history' : 'message',
      ...where,
      waMessageId: message.id,
      type: message.type,
      ...peer(message.from, message.from_user_id),
      body: messageText(message),
      contextId: message.context?.id ?? null,
      sentAt: fromUnixSeconds(message.timestamp),
      payload: item,
    })),
    ...parsedEvents(value.message_echoes, echoSchema, where, 'echo', (echo, item) => ({
      eventKey: history ? `${HISTORY_MEDIA}${echo.id}` : `echo:${echo.id}`,
      kind: history ? 'history' : 'echo',
      ...where,
      waMessageId: echo.id,
      type: echo.type,
      ...peer(echo.to, echo.to_user_id),
      body: echoText(echo),
      contextId:
        echo.edit?.original_message_id ??
        echo.revoke?.original_message_id ??
        echo.context?.id ??
        null,
      sentAt: fromUnixSeconds(echo.timestamp),
      payload: item,
      outgoing: true,
    })),
    ...(value.history ?? []).flatMap((chunk) => historyEvents(chunk, where)),
    ...parsedEvents(value.state_sync, stateSyncSchema, where, 'state_sync', (sync, item) =>
      contactEvent(sync, item, where),
    ),
    ...parsedEvents(value.statuses, statusSchema, where, 'status', (status, item) =>
      statusEvent(status, item, where),
    ),
  ]
}

/** A contact the merchant's app synced (name, number, username); other syncs are unknown. */
function contactEvent(
  sync: z.infer<typeof stateSyncSchema>,
  item: unknown,
  where: Destination,
): WebhookEvent | null {
  if (sync.type !== 'contact') return null
  const { contact, action } = sync
  return {
    ...unknownEvent({ where, item }, where.phoneNumberId, action),
    kind: 'contact',
    ...where,
    fromWaId: contact?.phone_number?.replace(/\D/g, '') || null,
    fromUserId: contact?.user_id ?? null,
    profileName: contact?.full_name ?? contact?.first_name ?? null,
    username: contact?.username ?? null,
    payload: item,
  }
}

/** The delivery status of a message the shop sent. */
function statusEvent(
  status: z.infer<typeof statusSchema>,
  item: unknown,
  where: Destination,
): WebhookEvent {
  return {
    eventKey: `status:${status.id}:${status.status}`,
    kind: 'status',
    ...where,
    waMessageId: status.id,
    type: status.status,
    fromWaId: status.recipient_id ?? null,
    fromUserId: status.recipient_user_id ?? null,
    profileName: null,
    body: statusError(status),
    contextId: null,
    sentAt: fromUnixSeconds(status.timestamp),
    payload: item,
  }
}

/**
 * One event per item: `toEvent` of the item as `schema` reads it; an item it cannot read (or
 * `toEvent` turns down) is kept as an unknown event of type `what`.
 */
function parsedEvents<S extends z.ZodType>(
  items: unknown[] | undefined,
  schema: S,
  where: Destination,
  what: string,
  toEvent: (parsed: z.infer<S>, item: unknown) => WebhookEvent | null,
): WebhookEvent[] {
  return (items ?? []).map((item) => {
    const parsed = schema.safeParse(item)
    return (
      (parsed.success && toEvent(parsed.data, item)) ||
      unknownEvent(item, where.phoneNumberId, what)
    )
  })
}

/** The text of an echo: an edit's new text, else as for any message. */
function echoText(echo: WebhookEcho): string | null {
  if (echo.edit) return echo.edit.message?.text?.body ?? null
  return messageText(echo)
}

/** Where an item was sent: the business number's id and digits. */
interface Destination {
  phoneNumberId: string
  displayPhone: string | null
}

/**
 * The messages of one `history` chunk, each keyed `history:<wamid>`; the merchant's own ones
 * (sent from the business number) are outgoing. A declined share (error 2593109) or an error of
 * any kind is one event of type `errors`: "no history", recorded, not a failure.
 */
function historyEvents(chunk: unknown, where: Destination): WebhookEvent[] {
  const parsed = historyChunkSchema.safeParse(chunk)
  if (!parsed.success) return [unknownEvent(chunk, where.phoneNumberId, 'history')]
  const events: WebhookEvent[] = []
  if (parsed.data.errors?.length || !parsed.data.threads?.length) {
    events.push({
      ...unknownEvent({ where, chunk }, where.phoneNumberId, 'errors'),
      kind: 'history',
      ...where,
    })
  }
  for (const item of parsed.data.threads ?? []) {
    const thread = historyThreadSchema.safeParse(item)
    if (!thread.success) {
      events.push(unknownEvent(item, where.phoneNumberId, 'history'))
      continue
    }
    const customer = thread.data.context
    for (const raw of thread.data.messages ?? []) {
      const parsed = historyMessageSchema.safeParse(raw)
      if (!parsed.success) {
        events.push(unknownEvent(raw, where.phoneNumberId, 'history'))
        continue
      }
      const message = parsed.data
      const fromBusiness =
        message.to !== undefined ||
        (where.displayPhone !== null && message.from?.replace(/\D/g, '') === where.displayPhone)
      events.push({
        eventKey: `history:${message.id}`,
        kind: 'history',
        ...where,
        waMessageId: message.id,
        type: message.type,
        fromWaId:
          (fromBusiness ? message.to : message.from) ?? customer?.wa_id ?? thread.data.id ?? null,
        fromUserId: (fromBusiness ? null : message.from_user_id) ?? customer?.user_id ?? null,
        profileName: null,
        username: customer?.username ?? null,
        body: messageText(message),
        contextId: message.context?.id ?? null,
        sentAt: fromUnixSeconds(message.timestamp),
        payload: raw,
        outgoing: fromBusiness,
      })
    }
  }
  return events
}

/**
 * The elements of a `user_id_update` change. Business-scoped user ids are unique, so one that
 * arrives without a phone number id still reaches its customer (processing applies it by id).
 */
function userIdUpdateEvents(change: z.infer<typeof changeSchema>): WebhookEvent[] {
  const value = userIdUpdateValueSchema.safeParse(change.value)
  if (!value.success) return [unknownEvent(change, null, change.field)]
  const where = {
    phoneNumberId: value.data.metadata?.phone_number_id ?? null,
    displayPhone: value.data.metadata?.display_phone_number?.replace(/\D/g, '') || null,
  }
  return value.data.user_id_update.map((item) => {
    const parsed = userIdUpdateSchema.safeParse(item)
    if (!parsed.success) return unknownEvent(item, where.phoneNumberId, 'user_id_update')
    const update = parsed.data
    return {
      eventKey: `user_id_update:${update.user_id.previous}:${update.user_id.current}`,
      kind: 'user_id_update',
      ...where,
      waMessageId: null,
      type: 'user_id_update',
      fromWaId: update.wa_id ?? null,
      fromUserId: update.user_id.current,
      profileName: null,
      body: update.user_id.previous,
      contextId: null,
      sentAt: update.timestamp ? fromUnixSeconds(update.timestamp) : null,
      payload: item,
    }
  })
}

/** `131047 Re-engagement message: details` for a failed status, else null. */
export function statusError(status: WebhookStatus): string | null {
  const error = status.errors?.[0]
  if (!error) return null
  const details = error.error_data?.details
  const head = [error.code, error.title ?? error.message].filter((p) => p !== undefined).join(' ')
  return (details ? `${head}: ${details}` : head).slice(0, 1000)
}
