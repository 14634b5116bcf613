import { type CreateAppOptions, createApp } from '../app.ts'
import { defaultConfig } from '../config.ts'

type App = ReturnType<typeof createApp>

/** A small client over `app.request` that keeps a merchant's session cookie. */
export class TestClient {
  cookie = ''
  constructor(readonly app: App) {}

  async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: { ...headers } }
    const h = init.headers as Record<string, string>
    if (this.cookie) h.cookie = this.cookie
    if (body !== undefined) {
      h['content-type'] ??= 'application/json'
      init.body = typeof body === 'string' || body instanceof FormData ? body : JSON.stringify(body)
      if (body instanceof FormData) delete h['content-type']
    }
    const res = await this.app.request(path, init)
    const setCookie = res.headers.get('set-cookie')
    if (setCookie?.startsWith('cc_session=')) {
      const value = setCookie.split(';')[0] ?? ''
      this.cookie = value === 'cc_session=' ? '' : value
    }
    const text = await res.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
    return { status: res.status, headers: res.headers, text, body: json as any }
  }

  get = (path: string, headers?: Record<string, string>) =>
    this.request('GET', path, undefined, headers)
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body ?? {}, headers)
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {})
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {})
  delete = (path: string) => this.request('DELETE', path)

  /** Signs up a new merchant (and keeps the session). */
  async signup(email = `m${Math.random().toString(36).slice(2)}@example.com`) {
    const res = await this.post('/api/auth/signup', { email, password: 'correct horse battery' })
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`)
    return res.body as { id: string; email: string }
  }

  /** Signs up and creates a shop; returns its slug. */
  async signupWithShop(
    slug = `shop-${Math.random().toString(36).slice(2, 10)}`,
    extra: object = {},
  ) {
    await this.signup()
    const res = await this.post('/api/shops', {
      slug,
      name: 'Test Shop',
      whatsappPhone: '+33 6 12 34 56 78',
      currency: 'EUR',
      ...extra,
    })
    if (res.status !== 201) throw new Error(`shop failed: ${res.status} ${res.text}`)
    return slug
  }
}

/** An app over the given database with test defaults (no logs, generous rate limits). */
export function createTestApp(options: CreateAppOptions) {
  return createApp({
    ...options,
    config: {
      authRateLimit: { limit: 10_000, windowMs: 60_000 },
      // Tests place many orders from one address; widget events keep their real limit.
      publicRateLimits: {
        orders: { limit: 100_000, windowMs: 60_000 },
        events: defaultConfig().publicRateLimits.events,
      },
      // Tests sign up many merchants; the invite rule has tests of its own.
      signup: 'open',
      ...options.config,
    },
  })
}
