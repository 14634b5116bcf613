import { z } from 'zod'

// The only reader of process.env. Parsed once; a bad value stops start-up with a clear list.

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optional.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
      .optional(),
  ),
  PUBLIC_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  // glibc's malloc arenas in each worker process: every thread that allocates (V8's compiler and
  // collector, libuv's pool) would get one of its own, each partly used; two keep ~6-9 MB of
  // memory per worker that would otherwise sit in them.
  MALLOC_ARENA_MAX: z.coerce.number().int().min(1).max(64).default(2),
  TRUST_PROXY: flag,
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['info', 'silent']).default('info'),
  WHATSAPP_VERIFY_TOKEN: optional,
  WHATSAPP_APP_SECRET: optional,
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_GRAPH_URL: z.url().default('https://graph.facebook.com/v23.0'),
  // Test knob for the crash test: delay webhook processing by this many milliseconds.
  WHATSAPP_PROCESS_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
  // Public writes per client IP: orders per 10 minutes, widget events per minute.
  RATE_LIMIT_ORDERS: z.coerce.number().int().min(1).max(1_000_000).default(20),
  RATE_LIMIT_EVENTS: z.coerce.number().int().min(1).max(1_000_000).default(120),
  // How often unsent pending orders past their deadline are lapsed.
  SIGNUP: z.enum(['open', 'invite', 'closed']).default('invite'),
  ORDER_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  // Password-reset e-mails: smtp://user:pass@host:587 or smtps://…:465. Without it, no mail is
  // sent and the instance's owner prints a link with `npm run admin -- reset-password EMAIL`.
  SMTP_URL: optional.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^/]/, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: optional.pipe(z.string().max(320).optional()),
  // Stripe Checkout: enabled when both keys are set. STRIPE_API_URL points the client at another
  // host (a local stand-in in tests), e.g. http://127.0.0.1:12111.
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_API_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
})

export type Env = z.infer<typeof schema>

/** Parses an environment; throws one error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return result.data
}

let cached: Env | undefined

/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
