import { Hono } from 'hono'
import { z } from 'zod'
import { findMerchantByEmail, insertMerchant } from '../../db/merchants.queries.ts'
import type { AppEnv } from '../app-env.ts'
import { AppError } from '../errors.ts'
import { rateLimit } from '../middleware/rate-limit.ts'
import { requireMerchant } from '../middleware/require-merchant.ts'
import { sameOrigin } from '../middleware/same-origin.ts'
import { readJson } from '../validate.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { endSession, startSession } from './session.ts'

const credentials = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.trim()),
  password: z.string().min(10, 'use at least 10 characters').max(200),
})

const loginCredentials = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
})

/** Sign-up, log-in, log-out and `/api/me`. */
export function authRoutes(options: { limit: number; windowMs: number }) {
  const routes = new Hono<AppEnv>()

  routes.post(
    '/api/auth/signup',
    sameOrigin(),
    rateLimit({ name: 'signup', ...options }),
    async (c) => {
      const input = await readJson(c, credentials)
      const merchant = await insertMerchant(c.var.db, {
        email: input.email,
        passwordHash: await hashPassword(input.password),
      })
      if (!merchant)
        throw new AppError(409, 'taken', 'An account with this e-mail exists; log in', 'email')
      await startSession(c, merchant.id)
      return c.json({ id: merchant.id, email: merchant.email }, 201)
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
      return c.json({ id: merchant.id, email: merchant.email })
    },
  )

  routes.post('/api/auth/logout', sameOrigin(), async (c) => {
    await endSession(c)
    return c.body(null, 204)
  })

  routes.get('/api/me', requireMerchant(), (c) => c.json(c.var.merchant))

  return routes
}
