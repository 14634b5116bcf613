import { createHash, randomBytes } from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Db, DbOrTrx } from '../../db/database.ts'
import { deleteOtherSessions, updatePasswordHash } from '../../db/merchants.queries.ts'
import {
  countPasswordResetsSince,
  findPasswordResetMerchant,
  insertPasswordReset,
  usePasswordReset,
} from '../../db/password-resets.queries.ts'
import type { AppConfig } from '../config.ts'
import { AppError } from '../errors.ts'
import { hashPassword } from './password.ts'
import { assertPasswordNotTrivial } from './signup-rules.ts'

/** How long a reset link works. */
export const RESET_LINK_MINUTES = 30
/** Links one account may be sent per {@link RESET_LINK_MINUTES}: a mailbox cannot be flooded. */
export const RESET_LINKS_PER_WINDOW = 3

function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The admin's page for a reset token. */
export function resetLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/admin/login/reset?token=${token}`
}

/**
 * Makes a one-time reset link for a merchant; only its token's hash is stored. Used by the
 * e-mail flow and by `npm run admin -- reset-password`.
 * @example const url = await createPasswordResetLink(db, merchant.id, config.publicUrl)
 */
export async function createPasswordResetLink(
  db: DbOrTrx,
  merchantId: string,
  publicUrl: string,
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  await insertPasswordReset(db, {
    merchantId,
    tokenHash: hashResetToken(token),
    expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
  })
  return resetLinkUrl(publicUrl, token)
}

/** Whether a merchant may be sent another link now (at most a few per link lifetime). */
export async function mayRequestReset(db: DbOrTrx, merchantId: string): Promise<boolean> {
  const since = new Date(Date.now() - RESET_LINK_MINUTES * 60_000)
  return (await countPasswordResetsSince(db, merchantId, since)) < RESET_LINKS_PER_WINDOW
}

const MAIL_TEXT = {
  en: {
    subject: 'Reset your Chatcart password',
    body: (url: string) =>
      `Someone (we hope you) asked to reset the password of your Chatcart account.\n\n` +
      `Open this link within ${RESET_LINK_MINUTES} minutes to choose a new password; it works once:\n\n` +
      `${url}\n\n` +
      `If you did not ask for it, ignore this message: your password stays as it is.\n`,
  },
  fr: {
    subject: 'Réinitialisez votre mot de passe Chatcart',
    body: (url: string) =>
      `Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Chatcart.\n\n` +
      `Ouvrez ce lien dans les ${RESET_LINK_MINUTES} minutes pour choisir un nouveau mot de passe\u00a0; il ne sert qu’une fois\u00a0:\n\n` +
      `${url}\n\n` +
      `Si vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe reste le même.\n`,
  },
}

export type ResetMailLocale = keyof typeof MAIL_TEXT

const transports = new Map<string, Transporter>()

function transportFor(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl)
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl)
    transports.set(smtpUrl, transport)
  }
  return transport
}

/** Sends the reset link by e-mail, in the admin's language (English or French). */
export async function sendResetMail(
  mail: AppConfig['mail'] & { smtpUrl: string },
  to: string,
  url: string,
  locale: ResetMailLocale,
): Promise<void> {
  const text = MAIL_TEXT[locale]
  await transportFor(mail.smtpUrl).sendMail({
    from: mail.from,
    to,
    subject: text.subject,
    text: text.body(url),
  })
}

function invalidToken(): AppError {
  return new AppError(
    400,
    'invalid_reset_token',
    'This reset link was used already or has expired; ask for a new one',
    'token',
  )
}

/**
 * Sets a new password with a reset token: the token is spent, the merchant's other links are
 * voided and every session ends. Returns the merchant. 400 on `token` when the link is not live,
 * on `password` when the new password is too easy to guess (the link then still works).
 */
export async function resetPassword(db: Db, token: string, password: string) {
  const tokenHash = hashResetToken(token)
  const merchant = await findPasswordResetMerchant(db, tokenHash)
  if (!merchant) throw invalidToken()
  assertPasswordNotTrivial(password, merchant.email)
  const passwordHash = await hashPassword(password)
  await db.transaction().execute(async (trx) => {
    // Spent here, conditionally: of two uses of one link at once, only one gets through.
    if ((await usePasswordReset(trx, tokenHash)) !== merchant.id) throw invalidToken()
    await updatePasswordHash(trx, merchant.id, passwordHash)
    await deleteOtherSessions(trx, merchant.id, '')
  })
  return merchant
}
