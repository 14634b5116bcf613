import { useEffect, useState } from 'preact/hooks'
import { api, type Me } from '../api.ts'
import { authErrors } from '../auth-errors.ts'
import { type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { t } from '../i18n.ts'
import { navigate } from '../router.ts'
import { loadSession, me } from '../state.ts'

/** Log in, or sign up when `mode` is signup. */
export function Login({ mode }: { mode: 'login' | 'signup' }) {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const signup = mode === 'signup'
  // An invite link carries its token: /admin/signup?invite=…
  const invite = signup
    ? new URLSearchParams(location.search).get('invite') || undefined
    : undefined
  const [signupMode, setSignupMode] = useState<'open' | 'invite' | 'closed' | null>(null)
  useEffect(() => {
    if (!signup) return
    api
      .get<{ mode: 'open' | 'invite' | 'closed' }>('/api/auth/signup-mode')
      .then((answer) => setSignupMode(answer.mode))
      .catch(() => setSignupMode('open'))
  }, [signup])
  const blocked =
    signup && (signupMode === 'closed' || (signupMode === 'invite' && invite === undefined))

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      me.value = await api.post<Me>(signup ? '/api/auth/signup' : '/api/auth/login', {
        email,
        password,
        ...(invite ? { invite } : {}),
      })
      await loadSession()
      navigate(signup ? '/admin/new' : '/admin', { replace: true })
    } catch (error) {
      setErrors(authErrors(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark" />
          Chatcart
        </p>
        <h1>{signup ? t('signupTitle') : t('loginTitle')}</h1>
        <p class="muted">
          {signup ? (invite ? t('signupInviteLead') : t('signupLead')) : t('loginLead')}
        </p>
        {blocked ? (
          <p class="notice" role="status">
            {signupMode === 'closed' ? t('errSignupClosed') : t('errInviteRequired')}
          </p>
        ) : (
          <form onSubmit={submit} noValidate>
            <FormError error={errors._form} />
            <TextField
              id="email"
              label={t('email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onValue={setEmail}
              error={errors.email}
            />
            <TextField
              id="password"
              label={t('password')}
              type="password"
              autoComplete={signup ? 'new-password' : 'current-password'}
              required
              minLength={signup ? 10 : undefined}
              value={password}
              onValue={setPassword}
              error={errors.password}
              hint={signup ? t('passwordHint') : undefined}
            />
            {!signup && (
              <p class="forgot">
                <Link href="/admin/login/forgot">{t('forgotPassword')}</Link>
              </p>
            )}
            <button type="submit" class="primary wide" disabled={busy}>
              {busy ? t('wait') : signup ? t('createAccount') : t('logIn')}
            </button>
          </form>
        )}
        <p class="switch">
          {signup ? t('haveAccount') : t('noAccount')}{' '}
          <Link href={signup ? '/admin/login' : '/admin/signup'}>
            {signup ? t('logIn') : t('signUp')}
          </Link>
        </p>
      </div>
    </main>
  )
}
