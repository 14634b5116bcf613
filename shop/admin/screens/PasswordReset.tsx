import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { ApiError, confirmPasswordReset, requestPasswordReset } from '../api.ts'
import { authErrors } from '../auth-errors.ts'
import { type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { locale, t } from '../i18n.ts'
import { currentQuery, navigate } from '../router.ts'
import { loadSession, me, toast } from '../state.ts'

function AuthCard({
  title,
  lead,
  children,
}: {
  title: string
  lead: string
  children: ComponentChildren
}) {
  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark" />
          Chatcart
        </p>
        <h1>{title}</h1>
        {lead && <p class="muted">{lead}</p>}
        {children}
      </div>
    </main>
  )
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** `/admin/login/forgot`: asks for a reset link by e-mail. */
export function ForgotPassword() {
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  // After sending: whether this instance mails links (else its owner prints them).
  const [sent, setSent] = useState<{ mail: boolean; email: string } | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    const typed = email.trim()
    if (!EMAIL.test(typed)) {
      setErrors({ email: t('errEmailInvalid') })
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const answer = await requestPasswordReset(typed, locale.value === 'fr' ? 'fr' : 'en')
      setSent({ mail: answer.mail, email: typed })
    } catch (error) {
      const found = authErrors(error)
      setErrors(found.email ? { email: t('errEmailInvalid') } : found)
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard title={t('forgotTitle')} lead={t('forgotLead')}>
      {sent ? (
        <p class="notice" role="status">
          {t(sent.mail ? 'resetMailSent' : 'resetNoMail', { email: sent.email })}
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
          <button type="submit" class="primary wide" disabled={busy}>
            {busy ? t('wait') : t('sendResetLink')}
          </button>
        </form>
      )}
      <p class="switch">
        <Link href="/admin/login">{t('backToLogin')}</Link>
      </p>
    </AuthCard>
  )
}

/** `/admin/login/reset?token=…`: the page a reset link opens; sets the new password. */
export function ResetPassword() {
  const token = new URLSearchParams(currentQuery.value).get('token') ?? ''
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [linkDead, setLinkDead] = useState(token === '')

  const submit = async (e: Event) => {
    e.preventDefault()
    if (password.length < 10) {
      setErrors({ password: t('errPasswordShort') })
      return
    }
    setBusy(true)
    setErrors({})
    try {
      me.value = await confirmPasswordReset(token, password)
      await loadSession()
      toast(t('passwordChanged'))
      navigate('/admin', { replace: true, force: true })
    } catch (error) {
      if (error instanceof ApiError && error.field === 'token') setLinkDead(true)
      else setErrors(authErrors(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard title={t('resetTitle')} lead={linkDead ? '' : t('resetLead')}>
      {linkDead ? (
        <p class="notice" role="alert">
          {t('errResetLink')} <Link href="/admin/login/forgot">{t('askNewLink')}</Link>
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError error={errors._form} />
          <TextField
            id="new-password"
            label={t('newPassword')}
            type="password"
            autoComplete="new-password"
            required
            minLength={10}
            value={password}
            onValue={setPassword}
            error={errors.password}
            hint={t('passwordHint')}
          />
          <button type="submit" class="primary wide" disabled={busy}>
            {busy ? t('wait') : t('saveAndLogIn')}
          </button>
        </form>
      )}
      <p class="switch">
        <Link href="/admin/login">{t('backToLogin')}</Link>
      </p>
    </AuthCard>
  )
}
