import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { purgeExpired } from '../../db/merchants.queries.ts'
import {
  createTestDb,
  type TestDatabase,
  tableCounts,
  testEngines,
} from '../../db/testing/test-db.ts'
import { createTestApp, TestClient } from '../testing/test-client.ts'

interface CaughtMail {
  to: string[]
  raw: string
}

/** A real SMTP server on loopback that keeps every message it receives. */
async function startMailCatcher() {
  const mails: CaughtMail[] = []
  const waiting: Array<() => void> = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        raw += chunk
      })
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw })
        for (const wake of waiting.splice(0)) wake()
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Resolves once `count` messages have arrived in all (fails the test after 10 s). */
    async waitFor(count: number): Promise<CaughtMail> {
      const deadline = Date.now() + 10_000
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${mails.length}`)
        await new Promise<void>((resolve) => {
          waiting.push(resolve)
          setTimeout(resolve, 200)
        })
      }
      return mails[count - 1] as CaughtMail
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The reset link in a caught message (quoted-printable soft breaks undone). */
function linkIn(mail: CaughtMail): URL {
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
  const match = /https?:\/\/\S+\/admin\/login\/reset\?token=[\w-]+/.exec(text)
  if (!match) throw new Error(`no reset link in:\n${mail.raw}`)
  return new URL(match[0])
}

const PASSWORD = 'correct horse battery'

describe.each(testEngines())('password reset on %s', (engine) => {
  let t: TestDatabase
  let smtp: Awaited<ReturnType<typeof startMailCatcher>>
  let client: () => TestClient
  let noMailClient: () => TestClient
  beforeAll(async () => {
    t = await createTestDb(engine)
    smtp = await startMailCatcher()
    const app = createTestApp({
      db: t.db,
      config: {
        publicUrl: 'https://chatcart.example',
        mail: { smtpUrl: smtp.url, from: 'Chatcart <no-reply@chatcart.example>' },
      },
    })
    client = () => new TestClient(app)
    const noMail = createTestApp({ db: t.db })
    noMailClient = () => new TestClient(noMail)
  })
  afterAll(async () => {
    await smtp.close()
    await t.destroy()
  })

  it('should mail a link that sets a new password once and ends every session', async () => {
    const email = 'forgetful@example.com'
    const laptop = client()
    await laptop.post('/api/auth/signup', { email, password: PASSWORD })
    const phone = client()
    expect((await phone.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200)

    const sent = smtp.mails.length
    const asked = await client().post('/api/auth/password-reset', {
      email: 'Forgetful@Example.com',
    })
    expect(asked.status).toBe(202)
    expect(asked.body).toEqual({ mail: true })
    const mail = await smtp.waitFor(sent + 1)
    expect(mail.to).toEqual([email])
    expect(mail.raw).toMatch(/^Subject: Reset your Chatcart password/m)
    const link = linkIn(mail)
    expect(link.origin).toBe('https://chatcart.example')
    const token = link.searchParams.get('token')

    const browser = client()
    const reset = await browser.post('/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new secret',
    })
    expect(reset.status).toBe(200)
    expect(reset.body).toMatchObject({ email })
    expect((await browser.get('/api/me')).status).toBe(200)
    expect((await laptop.get('/api/me')).status).toBe(401)
    expect((await phone.get('/api/me')).status).toBe(401)

    const old = await client().post('/api/auth/login', { email, password: PASSWORD })
    expect(old.status).toBe(401)
    const fresh = await client().post('/api/auth/login', { email, password: 'a brand new secret' })
    expect(fresh.status).toBe(200)

    const again = await client().post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another secret',
    })
    expect(again.status).toBe(400)
    expect(again.body.error).toMatchObject({ code: 'invalid_reset_token', field: 'token' })
    const still = await client().post('/api/auth/login', { email, password: 'a brand new secret' })
    expect(still.status).toBe(200)
  })

  it('should answer an unknown e-mail the same way and send it nothing', async () => {
    await client().signup('known@example.com')
    const sent = smtp.mails.length
    const unknown = await client().post('/api/auth/password-reset', {
      email: 'nobody@example.com',
    })
    expect(unknown.status).toBe(202)
    expect(unknown.body).toEqual({ mail: true })
    const known = await client().post('/api/auth/password-reset', { email: 'known@example.com' })
    expect(known.status).toBe(202)
    expect(known.body).toEqual(unknown.body)
    const mail = await smtp.waitFor(sent + 1)
    expect(mail.to).toEqual(['known@example.com'])
    // The known account's mail came; the unknown one's never will (it was asked for first).
    expect(smtp.mails.slice(sent).map((m) => m.to)).toEqual([['known@example.com']])
  })

  it('should write the mail in French when the admin asks in French', async () => {
    await client().signup('francais@example.com')
    const sent = smtp.mails.length
    await client().post('/api/auth/password-reset', { email: 'francais@example.com', locale: 'fr' })
    const mail = await smtp.waitFor(sent + 1)
    expect(mail.raw).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(mail.raw.replace(/=\r?\n/g, '')).toMatch(/r=C3=A9initialiser|réinitialiser/)
  })

  it('should refuse an expired link and a trivial password, naming the field', async () => {
    const email = 'expired@example.com'
    await client().signup(email)
    const sent = smtp.mails.length
    await client().post('/api/auth/password-reset', { email })
    const token = linkIn(await smtp.waitFor(sent + 1)).searchParams.get('token')

    const trivial = await client().post('/api/auth/password-reset/confirm', {
      token,
      password: 'aaaaaaaaaaaa',
    })
    expect(trivial.status).toBe(400)
    expect(trivial.body.error).toMatchObject({ code: 'password_repeated', field: 'password' })
    const short = await client().post('/api/auth/password-reset/confirm', {
      token,
      password: 'short',
    })
    expect(short.body.error).toMatchObject({ field: 'password' })

    const merchant = await t.db
      .selectFrom('merchants')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    await t.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('merchant_id', '=', merchant.id)
      .execute()
    const expired = await client().post('/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new secret',
    })
    expect(expired.status).toBe(400)
    expect(expired.body.error).toMatchObject({ code: 'invalid_reset_token', field: 'token' })
    expect((await client().post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200)

    // The purge sweep deletes the expired link.
    expect(await purgeExpired(t.db, 1000)).toBeGreaterThanOrEqual(1)
    const left = await t.db
      .selectFrom('password_resets')
      .select('id')
      .where('merchant_id', '=', merchant.id)
      .execute()
    expect(left).toEqual([])
  })

  it('should refuse bad input with a 400 naming the field and change nothing', async () => {
    const before = await tableCounts(t.db)
    const email = await client().post('/api/auth/password-reset', { email: 'not an e-mail' })
    expect(email.status).toBe(400)
    expect(email.body.error).toMatchObject({ field: 'email' })
    const extra = await client().post('/api/auth/password-reset', {
      email: 'a@example.com',
      admin: true,
    })
    expect(extra.body.error).toMatchObject({ code: 'unknown_field', field: 'admin' })
    const noToken = await client().post('/api/auth/password-reset/confirm', {
      password: 'a brand new secret',
    })
    expect(noToken.status).toBe(400)
    expect(noToken.body.error).toMatchObject({ field: 'token' })
    const wrong = await client().post('/api/auth/password-reset/confirm', {
      token: 'made-up-token',
      password: 'a brand new secret',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toMatchObject({ code: 'invalid_reset_token', field: 'token' })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('should send one account at most three links per half hour', async () => {
    const email = 'flooded@example.com'
    await client().signup(email)
    const sent = smtp.mails.length
    for (let i = 0; i < 5; i++) {
      const res = await client().post('/api/auth/password-reset', { email })
      expect(res.status).toBe(202)
    }
    await smtp.waitFor(sent + 3)
    const links = await t.db
      .selectFrom('password_resets')
      .innerJoin('merchants', 'merchants.id', 'password_resets.merchant_id')
      .select('password_resets.id')
      .where('merchants.email', '=', email)
      .execute()
    expect(links).toHaveLength(3)
  })

  it('should rate-limit requests per client address', async () => {
    const app = createTestApp({
      db: t.db,
      config: { authRateLimit: { limit: 2, windowMs: 60_000 }, trustProxy: true },
    })
    const c = new TestClient(app)
    const headers = { 'x-forwarded-for': '203.0.113.9' }
    for (let i = 0; i < 2; i++) {
      const res = await c.post('/api/auth/password-reset', { email: `r${i}@example.com` }, headers)
      expect(res.status).toBe(202)
    }
    const over = await c.post('/api/auth/password-reset', { email: 'r3@example.com' }, headers)
    expect(over.status).toBe(429)
  })

  it('should say when the instance sends no mail, and make no link', async () => {
    await client().signup('nomail@example.com')
    const before = await tableCounts(t.db)
    const res = await noMailClient().post('/api/auth/password-reset', {
      email: 'nomail@example.com',
    })
    expect(res.status).toBe(202)
    expect(res.body).toEqual({ mail: false })
    const links = await t.db
      .selectFrom('password_resets')
      .innerJoin('merchants', 'merchants.id', 'password_resets.merchant_id')
      .select('password_resets.id')
      .where('merchants.email', '=', 'nomail@example.com')
      .execute()
    expect(links).toEqual([])
    expect(await tableCounts(t.db)).toEqual(before)
  })
})
