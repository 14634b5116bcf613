import { createHash, randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { deleteSession, findSessionMerchant, insertSession } from '../../db/merchants.queries.ts'
import type { AppEnv } from '../app-env.ts'

export const SESSION_COOKIE = 'cc_session'
const SESSION_DAYS = 30

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Starts a session: a random token in an HttpOnly cookie, only its hash in the database. */
export async function startSession(c: Context<AppEnv>, merchantId: string): Promise<void> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000)
  await insertSession(c.var.db, { merchantId, tokenHash: hashToken(token), expiresAt })
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  })
}

/** The signed-in merchant, if the cookie names a live session. */
export async function currentMerchant(c: Context<AppEnv>) {
  const token = getCookie(c, SESSION_COOKIE)
  if (!token) return undefined
  return findSessionMerchant(c.var.db, hashToken(token))
}

/** The hash of the session token in the request's cookie, if any. */
export function currentSessionHash(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, SESSION_COOKIE)
  return token ? hashToken(token) : undefined
}

/** Revokes the session in the cookie and clears the cookie. */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) await deleteSession(c.var.db, hashToken(token))
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}
