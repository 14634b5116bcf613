import type { Env } from './env.ts'

/** What the app needs to know about its deployment; built from the environment or by tests. */
export interface AppConfig {
  publicUrl: string
  trustProxy: boolean
  log: boolean
  whatsapp: {
    verifyToken: string | undefined
    appSecret: string | undefined
    accessToken: string | undefined
    graphUrl: string
    /**
     * Test knob, 0 in production: wait this long before processing stored webhook items (after
     * an acknowledgement and at start-up), so a crash test can kill the server in between.
     */
    processDelayMs?: number
    /**
     * Stored webhook items split and processed per transaction (100 when unset). The server
     * takes 300 on PostgreSQL, where a bigger batch means fewer statements per message, and
     * keeps 100 on PGlite, where a batch holds the one connection that reads wait for.
     */
    batchSize?: number
  }
  /** Attempts per IP per window on sign-up and log-in. */
  authRateLimit: { limit: number; windowMs: number }
  /** Public writes per client IP per window: checkout and widget events. */
  publicRateLimits: {
    orders: { limit: number; windowMs: number }
    events: { limit: number; windowMs: number }
  }
  /** How often the background sweep lapses overdue pending orders. */
  orderExpirySweepMs: number
  /**
   * Who may create an account: anyone (`open`), holders of an invite made in the admin
   * (`invite`), or nobody (`closed`). The instance's first owner account is always free.
   */
  signup: SignupMode
  /**
   * Outgoing mail (password-reset links): an `smtp://` or `smtps://` URL for nodemailer, or
   * undefined when the instance sends none. `from` is the sender of every message.
   */
  mail: { smtpUrl: string | undefined; from: string }
  /**
   * Stripe Checkout, when both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (undefined
   * otherwise). `apiUrl` replaces https://api.stripe.com (a local stand-in in tests).
   */
  stripe?: StripeSettings | undefined
}

export interface StripeSettings {
  secretKey: string
  webhookSecret: string
  apiUrl?: string | undefined
}

export type SignupMode = 'open' | 'invite' | 'closed'

/** Default configuration, for tests and for `createApp` callers that give only some fields. */
export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    publicUrl: 'http://localhost:3000',
    trustProxy: false,
    log: false,
    whatsapp: {
      verifyToken: undefined,
      appSecret: undefined,
      accessToken: undefined,
      graphUrl: 'https://graph.facebook.com/v23.0',
      processDelayMs: 0,
    },
    authRateLimit: { limit: 10, windowMs: 60_000 },
    publicRateLimits: {
      orders: { limit: 20, windowMs: 600_000 },
      events: { limit: 120, windowMs: 60_000 },
    },
    orderExpirySweepMs: 60_000,
    signup: 'invite',
    mail: { smtpUrl: undefined, from: 'Chatcart <no-reply@localhost>' },
    stripe: undefined,
    ...overrides,
  }
}

/** The configuration of a running server. */
export function configFromEnv(e: Env): AppConfig {
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '')
  return defaultConfig({
    publicUrl,
    trustProxy: e.TRUST_PROXY,
    log: e.LOG_LEVEL !== 'silent',
    whatsapp: {
      verifyToken: e.WHATSAPP_VERIFY_TOKEN,
      appSecret: e.WHATSAPP_APP_SECRET,
      accessToken: e.WHATSAPP_ACCESS_TOKEN,
      graphUrl: e.WHATSAPP_GRAPH_URL.replace(/\/+$/, ''),
      processDelayMs: e.WHATSAPP_PROCESS_DELAY_MS,
    },
    publicRateLimits: {
      orders: { limit: e.RATE_LIMIT_ORDERS, windowMs: 600_000 },
      events: { limit: e.RATE_LIMIT_EVENTS, windowMs: 60_000 },
    },
    orderExpirySweepMs: e.ORDER_EXPIRY_SWEEP_MS,
    signup: e.SIGNUP,
    mail: {
      smtpUrl: e.SMTP_URL,
      // The public host's own no-reply address unless MAIL_FROM names another sender.
      from: e.MAIL_FROM ?? `Chatcart <no-reply@${new URL(publicUrl).hostname}>`,
    },
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? {
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            apiUrl: e.STRIPE_API_URL,
          }
        : undefined,
  })
}
