import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../config.ts'
import { parseEnv } from '../env.ts'

describe('Stripe configuration', () => {
  it('should enable Stripe only when both the secret key and the webhook secret are set', () => {
    const both = configFromEnv(
      parseEnv({ STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' }),
    )
    expect(both.stripe).toEqual({
      secretKey: 'sk_test_1',
      webhookSecret: 'whsec_1',
      apiUrl: undefined,
    })
    expect(configFromEnv(parseEnv({ STRIPE_SECRET_KEY: 'sk_test_1' })).stripe).toBeUndefined()
    expect(configFromEnv(parseEnv({ STRIPE_WEBHOOK_SECRET: 'whsec_1' })).stripe).toBeUndefined()
    expect(
      configFromEnv(parseEnv({ STRIPE_SECRET_KEY: ' ', STRIPE_WEBHOOK_SECRET: 'whsec_1' })).stripe,
    ).toBeUndefined()
  })

  it('should take STRIPE_API_URL for a stand-in and refuse one that is not http(s)', () => {
    const env = parseEnv({
      STRIPE_SECRET_KEY: 'sk_test_1',
      STRIPE_WEBHOOK_SECRET: 'whsec_1',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    })
    expect(configFromEnv(env).stripe?.apiUrl).toBe('http://127.0.0.1:12111')
    expect(() => parseEnv({ STRIPE_API_URL: 'ftp://stripe.example' })).toThrow(/STRIPE_API_URL/)
  })
})
