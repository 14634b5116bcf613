import { ApiError } from './api.ts'
import { errorsFrom, type FieldErrors } from './components/Field.tsx'
import { type StringKey, t } from './i18n.ts'

// Server error codes of sign-up, log-in and account changes, in the admin's own words.
const MESSAGES: Record<string, StringKey> = {
  invite_required: 'errInviteRequired',
  invalid_invite: 'errInvalidInvite',
  signup_closed: 'errSignupClosed',
  wrong_password: 'errWrongPassword',
  password_blank: 'errPasswordTrivial',
  password_repeated: 'errPasswordTrivial',
  password_sequence: 'errPasswordTrivial',
  password_email: 'errPasswordEmail',
  password_common: 'errPasswordTrivial',
  invalid_credentials: 'errInvalidCredentials',
  taken: 'errEmailTaken',
  rate_limited: 'errRateLimited',
}

/** Field errors for an auth request, translated by the server's error code where we know it. */
export function authErrors(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    const key = MESSAGES[error.code]
    if (key) return { [error.field && error.field !== 'invite' ? error.field : '_form']: t(key) }
  }
  return errorsFrom(error)
}
