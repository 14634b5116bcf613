import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { limitBody } from '../middleware/body-limit.ts'
import { storeWebhookDelivery } from './ingest.ts'
import { secretsEqual, verifyWebhookSignature } from './signature.ts'
import { scheduleProcessing } from './worker.ts'

/** Meta's documented maximum webhook payload. */
export const WEBHOOK_MAX_BYTES = 3 * 1024 * 1024

/**
 * `GET /webhooks/whatsapp` (Meta's verification handshake) and `POST` (signed events). Mounted
 * ahead of the app's page and API middleware, so each answer sets its own headers.
 */
export function whatsappWebhookRoutes() {
  const routes = new Hono<AppEnv>()

  routes.get('/webhooks/whatsapp', (c) => {
    const expected = c.var.config.whatsapp.verifyToken
    const token = c.req.query('hub.verify_token')
    const challenge = c.req.query('hub.challenge')
    const valid =
      expected !== undefined &&
      c.req.query('hub.mode') === 'subscribe' &&
      token !== undefined &&
      secretsEqual(token, expected) &&
      challenge !== undefined &&
      challenge !== ''
    if (!valid) throw new AppError(403, 'forbidden', 'Webhook verification failed')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.text(challenge, 200)
  })

  routes.post('/webhooks/whatsapp', limitBody(WEBHOOK_MAX_BYTES), async (c) => {
    // c.get(), not c.var: the latter copies every variable into a new object on each read.
    const config = c.get('config')
    const db = c.get('db')
    const secret = config.whatsapp.appSecret
    // Without the app secret nothing can be verified; refusing makes Meta retry later.
    if (!secret) {
      throw new AppError(503, 'not_configured', 'WhatsApp webhooks are not configured')
    }
    const raw = new Uint8Array(await c.req.arrayBuffer())
    if (!verifyWebhookSignature(raw, c.req.header('x-hub-signature-256'), secret)) {
      throw new AppError(401, 'invalid_signature', 'The X-Hub-Signature-256 signature is not valid')
    }
    // The raw delivery, stored and committed with one insert: only now acknowledge. Splitting it
    // into items, matching and replies all happen after, in batches (process.ts).
    await storeWebhookDelivery(db, raw)
    scheduleProcessing(db, config)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Cache-Control', 'no-store')
    return c.json({ received: true })
  })

  return routes
}
