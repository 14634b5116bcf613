import { randomBytes } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import {
  deleteInvite,
  deleteOtherSessions,
  findMerchantByEmail,
  findMerchantById,
  insertInvite,
  insertMerchant,
  listInvites,
  updatePasswordHash,
} from '../../db/merchants.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError, notFound } from '../errors.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import { requireMerchant } from '../middleware/require-merchant.ts'
import { sameOrigin } from '../middleware/same-origin.ts'
import { readJson, uuidParam } from '../validate.ts'
import { merchantJson } from './merchant-json.ts'
import { hashPassword, verifyPassword } from './password.ts'
import {
  createPasswordResetLink,
  mayRequestReset,
  resetPassword,
  sendResetMail,
} from './password-reset.ts'
import { currentSessionHash, endSession, startSession } from './session.ts'
import {
  admitSignup,
  assertPasswordNotTrivial,
  effectiveSignupMode,
  hashInviteToken,
  spendInvite,
} from './signup-rules.ts'

/** An invite as its maker sees it (the link itself is shown only when it is made). */
function inviteJson(row: { id: string; created_at: Date; expires_at: Date; used_at: Date | null }) {
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    usedAt: row.used_at?.toISOString() ?? null,
  }
}

const newPassword = z.string().min(10, 'use at least 10 characters').max(200)

const credentials = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.trim()),
  password: newPassword,
  invite: z.string().min(1).max(200).optional(),
})

const passwordChange = z.strictObject({
  currentPassword: z.string().max(200),
  newPassword,
})

const INVITE_DAYS = 7

const loginCredentials = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
})

const resetRequest = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.trim()),
  // The admin's language, for the e-mail.
  locale: z.enum(['en', 'fr']).optional(),
})

const resetConfirm = z.strictObject({
  token: z.string().min(1, 'open the link from the e-mail again').max(200),
  password: newPassword,
})

/** Sign-up, log-in, log-out, password reset and `/api/me`. */
export function authRoutes(options: { limit: number; windowMs: number }) {
  const routes = new Hono<AppEnv>()

  routes.post(
    '/api/auth/signup',
    sameOrigin(),
    rateLimit({ name: 'signup', ...options }),
    async (c) => {
      const input = await readJson(c, credentials)
      assertPasswordNotTrivial(input.password, input.email)
      const passwordHash = await hashPassword(input.password)
      const merchant = await c.var.db.transaction().execute(async (trx) => {
        const invite = await admitSignup(trx, c.var.config.signup, input.invite)
        const created = await insertMerchant(trx, { email: input.email, passwordHash })
        if (!created)
          throw new AppError(409, 'taken', 'An account with this e-mail exists; log in', 'email')
        if (invite) await spendInvite(trx, invite, created.id)
        return created
      })
      await startSession(c, merchant.id)
      return c.json(merchantJson(merchant), 201)
    },
  )

  routes.post(
    '/api/auth/login',
    sameOrigin(),
    rateLimit({ name: 'login', ...options }),
    async (c) => {
      const input = await readJson(c, loginCredentials)
      const merchant = await findMerchantByEmail(c.var.db, input.email.trim())
      const ok = await verifyPassword(input.password, merchant?.password_hash)
      // One answer for a wrong e-mail and a wrong password, so accounts cannot be probed.
      if (!merchant || !ok)
        throw new AppError(401, 'invalid_credentials', 'Wrong e-mail or password')
      await startSession(c, merchant.id)
      return c.json(merchantJson(merchant))
    },
  )

  // One answer whether or not the account exists, so accounts cannot be probed; `mail` only says
  // whether this instance sends e-mail at all (else its owner prints links with `npm run admin`).
  routes.post(
    '/api/auth/password-reset',
    sameOrigin(),
    rateLimit({ name: 'password-reset', ...options }),
    async (c) => {
      const input = await readJson(c, resetRequest)
      const { db, config } = c.var
      const smtpUrl = config.mail.smtpUrl
      const merchant = await findMerchantByEmail(db, input.email)
      if (smtpUrl && merchant && (await mayRequestReset(db, merchant.id))) {
        const url = await createPasswordResetLink(db, merchant.id, config.publicUrl)
        // Not awaited: the answer comes as fast for an account as for no account.
        sendResetMail({ ...config.mail, smtpUrl }, merchant.email, url, input.locale ?? 'en').catch(
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error)
            if (config.log)
              console.error(JSON.stringify({ level: 'error', area: 'mail', error: message }))
          },
        )
      }
      return c.json({ mail: smtpUrl !== undefined }, 202)
    },
  )

  routes.post(
    '/api/auth/password-reset/confirm',
    sameOrigin(),
    rateLimit({ name: 'password-reset-confirm', ...options }),
    async (c) => {
      const input = await readJson(c, resetConfirm)
      const merchant = await resetPassword(c.var.db, input.token, input.password)
      // Every other session ended with the reset; this browser is signed in with the new password.
      await startSession(c, merchant.id)
      return c.json(merchantJson(merchant))
    },
  )

  routes.post('/api/auth/logout', sameOrigin(), async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })

  routes.get('/api/me', requireMerchant(), (c) => c.json(merchantJson(c.var.merchant)))

  // What the sign-up form should offer: open, by invite only, or closed.
  routes.get('/api/auth/signup-mode', async (c) => {
    const mode = await effectiveSignupMode(c.var.db, c.var.config.signup)
    c.header('Cache-Control', 'no-store')
    return c.json({ mode })
  })

  routes.post('/api/auth/password', sameOrigin(), requireMerchant(), async (c) => {
    const input = await readJson(c, passwordChange)
    const merchant = await findMerchantById(c.var.db, c.var.merchant.id)
    if (!merchant || !(await verifyPassword(input.currentPassword, merchant.password_hash))) {
      throw new AppError(
        400,
        'wrong_password',
        'The current password is not right',
        'currentPassword',
      )
    }
    assertPasswordNotTrivial(input.newPassword, merchant.email, 'newPassword')
    const passwordHash = await hashPassword(input.newPassword)
    const ended = await c.var.db.transaction().execute(async (trx) => {
      await updatePasswordHash(trx, merchant.id, passwordHash)
      return deleteOtherSessions(trx, merchant.id, currentSessionHash(c) ?? '')
    })
    return c.json({ ok: true, endedSessions: ended })
  })

  routes.post('/api/auth/sessions/revoke-others', sameOrigin(), requireMerchant(), async (c) => {
    const ended = await deleteOtherSessions(
      c.var.db,
      c.var.merchant.id,
      currentSessionHash(c) ?? '',
    )
    return c.json({ endedSessions: ended })
  })

  routes.get('/api/auth/invites', requireMerchant(), async (c) => {
    const rows = await listInvites(c.var.db, c.var.merchant.id)
    return c.json({ invites: rows.map(inviteJson) })
  })

  routes.post('/api/auth/invites', sameOrigin(), requireMerchant(), async (c) => {
    const token = randomBytes(24).toString('base64url')
    const row = await insertInvite(c.var.db, {
      merchantId: c.var.merchant.id,
      tokenHash: hashInviteToken(token),
      expiresAt: new Date(Date.now() + INVITE_DAYS * 86_400_000),
    })
    // The link is shown once: only its hash is kept.
    const url = `${c.var.config.publicUrl}/admin/signup?invite=${token}`
    return c.json({ ...inviteJson(row), url }, 201)
  })

  routes.delete('/api/auth/invites/:id', sameOrigin(), requireMerchant(), async (c) => {
    const id = uuidParam.safeParse(c.req.param('id'))
    if (!id.success || !(await deleteInvite(c.var.db, c.var.merchant.id, id.data))) {
      throw notFound('Invite')
    }
    return c.body(null, 204)
  })

  return routes
}
