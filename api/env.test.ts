import { describe, expect, it } from 'vitest'
import { configFromEnv } from './config.ts'
import { parseEnv } from './env.ts'

describe('parseEnv', () => {
  it('should give the documented defaults for an empty environment', () => {
    const e = parseEnv({})
    expect(e).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', SEED_DEMO: true })
    expect(e.MALLOC_ARENA_MAX).toBe(2)
    expect(e.DATABASE_URL).toBeUndefined()
    expect(configFromEnv(e).publicUrl).toBe('http://localhost:3000')
  })

  it('should list every bad variable at once', () => {
    expect(() =>
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'not a url' }),
    ).toThrow(
      /Invalid configuration:\n {2}PORT: .*\n {2}DATABASE_URL: must start with postgres:\/\/\n {2}PUBLIC_URL: /,
    )
    expect(() => parseEnv({ MALLOC_ARENA_MAX: '0' })).toThrow(/MALLOC_ARENA_MAX: /)
  })

  it('should treat empty values as unset and trim the public URL', () => {
    const e = parseEnv({ DATABASE_URL: '', PUBLIC_URL: 'https://shop.example.com/' })
    expect(e.DATABASE_URL).toBeUndefined()
    expect(configFromEnv(e).publicUrl).toBe('https://shop.example.com')
  })

  it('should take an SMTP URL for reset mails and name a sender on the public host', () => {
    expect(() => parseEnv({ SMTP_URL: 'mail.example.com:587' })).toThrow(
      /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//,
    )
    const e = parseEnv({
      SMTP_URL: 'smtps://u:p@mail.example.com',
      PUBLIC_URL: 'https://shop.example.com',
    })
    expect(configFromEnv(e).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.com',
      from: 'Chatcart <no-reply@shop.example.com>',
    })
    expect(configFromEnv(parseEnv({})).mail.smtpUrl).toBeUndefined()
    expect(configFromEnv(parseEnv({ MAIL_FROM: 'Shop <shop@example.com>' })).mail.from).toBe(
      'Shop <shop@example.com>',
    )
  })
})
