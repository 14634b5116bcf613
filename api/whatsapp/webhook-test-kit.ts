import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Db } from '../../db/database.ts'
import type { AppConfig } from '../config.ts'
import { defaultConfig } from '../config.ts'
import { signWebhookBody } from './signature.ts'

// Shared by the WhatsApp tests: fixtures, signed deliveries and a stand-in for the Graph API.

export const APP_SECRET = 'test-app-secret-0123456789'
export const VERIFY_TOKEN = 'test-verify-token'
export const ACCESS_TOKEN = 'test-access-token-abcdef'
/** The business numbers of the fixtures. */
export const PHONE_NUMBER_ID = '106540352242922'
export const OTHER_PHONE_NUMBER_ID = '209876543210987'

/** Shop settings that receive the fixtures: their phone number id and display number. */
export const BUSINESS_NUMBER = {
  whatsappPhone: '+1 555 078 3881',
  whatsappPhoneNumberId: PHONE_NUMBER_ID,
}
export const OTHER_BUSINESS_NUMBER = {
  whatsappPhone: '+1 555 000 0002',
  whatsappPhoneNumberId: OTHER_PHONE_NUMBER_ID,
}

export type FixtureName =
  | 'batch'
  | 'echo-edit'
  | 'echo-quote'
  | 'echo-revoke'
  | 'echo-text'
  | 'history'
  | 'history-declined'
  | 'history-media'
  | 'history-username'
  | 'state-sync'
  | 'system-user-changed-user-id'
  | 'user-id-update'
  | 'username-text'
  | 'image-caption'
  | 'interactive-button-reply'
  | 'order'
  | 'status-failed'
  | 'status-read'
  | 'system-user-changed-number'
  | 'template-button'
  | 'text-with-ad-referral'
  | 'text'

/** A webhook body from `fixtures/`, exactly as stored, with some strings replaced. */
export function readFixture(name: FixtureName, replace: Record<string, string> = {}): string {
  let text = readFileSync(join(import.meta.dirname, 'fixtures', `${name}.json`), 'utf8')
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to)
  return text
}

/** Configuration with webhooks on; replies on when a Graph URL is given. */
export function webhookConfig(
  graphUrl?: string,
  extra: Partial<AppConfig['whatsapp']> = {},
): Partial<AppConfig> {
  return {
    whatsapp: {
      verifyToken: VERIFY_TOKEN,
      appSecret: APP_SECRET,
      accessToken: graphUrl ? ACCESS_TOKEN : undefined,
      graphUrl: graphUrl ?? 'http://127.0.0.1:9',
      ...extra,
    },
  }
}

/** The full configuration matching {@link webhookConfig}, for calling processing directly. */
export function fullWebhookConfig(graphUrl?: string): AppConfig {
  return defaultConfig(webhookConfig(graphUrl))
}

interface RequestingApp {
  request: (path: string, init: RequestInit) => Response | Promise<Response>
}

/** POSTs a body to the webhook signed with `secret`, or with the given header value. */
export function postWebhook(
  app: RequestingApp,
  body: string | Uint8Array,
  signature: string | null = signWebhookBody(body, APP_SECRET),
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (signature !== null) headers['x-hub-signature-256'] = signature
  return app.request('/webhooks/whatsapp', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : Buffer.from(body),
  })
}

/** Every stored webhook item with a given WhatsApp id. */
export function inboundByWaId(db: Db, waMessageId: string) {
  return db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('wa_message_id', '=', waMessageId)
    .execute()
}

/** An order by id with its lines. */
export async function orderWithItems(db: Db, orderId: string) {
  const order = await db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow()
  const items = await db
    .selectFrom('order_items')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('position')
    .execute()
  return { order, items }
}

/** One request the Graph API stand-in received. */
export interface GraphRequest {
  method: string
  url: string
  authorization: string | undefined
  body: unknown
}

type GraphReply = { status: number; body: unknown } | 'hang'

/**
 * A local stand-in for the Graph API on 127.0.0.1: records each request and answers with the
 * next scripted reply (the last one repeats), `{messages: [{id}]}` by default.
 */
export async function startGraphStandIn(replies: GraphReply[] = []) {
  const requests: GraphRequest[] = []
  let sent = 0
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      })
      const reply = replies[Math.min(sent, replies.length - 1)] ?? {
        status: 200,
        body: { messaging_product: 'whatsapp', messages: [{ id: `wamid.OUT${sent}` }] },
      }
      sent++
      if (reply === 'hang') return
      res.writeHead(reply.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
