import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import { trivialPasswordReason } from '../../core/password-rules.ts'
import type { Database, DbOrTrx } from '../../db/database.ts'
import {
  countOwnerAccounts,
  findLiveInvite,
  lockSignups,
  useInvite,
} from '../../db/merchants.queries.ts'
import type { SignupMode } from '../config.ts'
import { DEMO_EMAIL } from '../demo/seed-demo.ts'
import { AppError, invalidField } from '../errors.ts'

/** An invite token's stored form. */
export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * What sign-up asks of a visitor right now: the configured mode, except that an instance with
 * no owner account yet (the demo shop's does not count) lets its first owner in freely.
 */
export async function effectiveSignupMode(db: DbOrTrx, mode: SignupMode): Promise<SignupMode> {
  if (mode === 'open') return 'open'
  return (await countOwnerAccounts(db, DEMO_EMAIL)) === 0 ? 'open' : mode
}

/**
 * Checks, inside the sign-up transaction and before the account is inserted, that it may be
 * created. Returns the hash of the invite to spend once the account exists (`spendInvite`), or
 * null when none is needed.
 */
export async function admitSignup(
  trx: Transaction<Database>,
  mode: SignupMode,
  invite: string | undefined,
): Promise<string | null> {
  await lockSignups(trx)
  const effective = await effectiveSignupMode(trx, mode)
  if (effective === 'open') return null
  if (effective === 'closed') {
    throw new AppError(403, 'signup_closed', 'Sign-up is closed on this Chatcart')
  }
  if (!invite) throw new AppError(403, 'invite_required', 'Sign-up needs an invite link', 'invite')
  const hash = hashInviteToken(invite)
  if (!(await findLiveInvite(trx, hash))) throw invalidInvite()
  return hash
}

/** Spends an invite for the new account, in the sign-up transaction: it works once. */
export async function spendInvite(trx: Transaction<Database>, hash: string, merchantId: string) {
  if (!(await useInvite(trx, hash, merchantId))) throw invalidInvite()
}

function invalidInvite(): AppError {
  return new AppError(
    403,
    'invalid_invite',
    'This invite link was used already, has expired or was revoked',
    'invite',
  )
}

/** Refuses a password that is too easy to guess, naming the field. */
export function assertPasswordNotTrivial(password: string, email: string, field = 'password') {
  const reason = trivialPasswordReason(password, email)
  if (reason) {
    const why = {
      blank: 'is blank',
      repeated: 'repeats one character',
      sequence: 'is a keyboard or alphabet sequence',
      email: 'contains your e-mail address',
      common: 'is one of the most common passwords',
    }[reason]
    throw invalidField(field, `Choose another password: this one ${why}`, `password_${reason}`)
  }
}
