import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the stand-in received. */
export interface StandInRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The form-encoded body, as Stripe's API takes it. */
  form: URLSearchParams
}

/** A local stand-in for Stripe's API, for tests: `url` goes in `STRIPE_API_URL`. */
export interface StripeStandIn {
  url: string
  requests: StandInRequest[]
  /** The Checkout Session requests only. */
  sessionRequests(): StandInRequest[]
  close(): Promise<void>
}

/**
 * Starts an HTTP server on 127.0.0.1 (a random port) that records every request and answers
 * `POST /v1/checkout/sessions` as Stripe does: a `checkout.session` with an id, a url and the
 * amount, currency, reference and metadata it was given. Anything else gets Stripe's 404.
 * @example const stripe = await startStripeStandIn(); …; await stripe.close()
 */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: StandInRequest[] = []
  let sessions = 0
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
      const path = (req.url ?? '/').split('?')[0] ?? '/'
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, form })
      res.setHeader('Content-Type', 'application/json')
      res.setHeader('Request-Id', `req_standin_${requests.length}`)
      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        sessions += 1
        const id = `cs_test_standin_${sessions}`
        const expiresAt = Number(form.get('expires_at')) || Math.floor(Date.now() / 1000) + 86_400
        const metadata: Record<string, string> = {}
        for (const [key, value] of form) {
          const name = /^metadata\[(.+)\]$/.exec(key)?.[1]
          if (name) metadata[name] = value
        }
        const unitAmount = Number(form.get('line_items[0][price_data][unit_amount]'))
        const quantity = Number(form.get('line_items[0][quantity]') ?? 1)
        res.end(
          JSON.stringify({
            id,
            object: 'checkout.session',
            mode: form.get('mode'),
            status: 'open',
            payment_status: 'unpaid',
            amount_total: unitAmount * quantity,
            currency: form.get('line_items[0][price_data][currency]'),
            client_reference_id: form.get('client_reference_id'),
            metadata,
            expires_at: expiresAt,
            success_url: form.get('success_url'),
            cancel_url: form.get('cancel_url'),
            url: `https://checkout.stripe.test/c/pay/${id}`,
            payment_intent: null,
          }),
        )
        return
      }
      res.statusCode = 404
      res.end(
        JSON.stringify({
          error: {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${req.method}: ${path}).`,
          },
        }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessionRequests: () =>
      requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The URL of a port on 127.0.0.1 that nothing listens on: a Stripe that cannot be reached. */
export async function unreachableStripeUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
