import { useEffect, useState } from 'preact/hooks'
import { api } from '../api.ts'
import { authErrors } from '../auth-errors.ts'
import { copyWithToast } from '../clipboard.ts'
import { type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { dateTime } from '../format.ts'
import { t } from '../i18n.ts'
import { toast } from '../state.ts'

/** A failed account action, said in a toast in the admin's words. */
function toastError(error: unknown) {
  toast(Object.values(authErrors(error))[0] ?? t('somethingWrong'), 'error')
}

interface Invite {
  id: string
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/** The signed-in merchant's password, other sessions and the invites they made. */
export function Account() {
  return (
    <div class="card account">
      <h2>{t('account')}</h2>
      <PasswordForm />
      <Invites />
    </div>
  )
}

function PasswordForm() {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      await api.post('/api/auth/password', { currentPassword: current, newPassword: next })
      setCurrent('')
      setNext('')
      toast(t('passwordChanged'))
    } catch (error) {
      setErrors(authErrors(error))
    } finally {
      setBusy(false)
    }
  }

  const logOutOthers = async () => {
    try {
      const res = await api.post<{ endedSessions: number }>('/api/auth/sessions/revoke-others')
      toast(t('loggedOutOthers', { n: res.endedSessions }))
    } catch (error) {
      toastError(error)
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t('changePassword')}>
      <h3>{t('changePassword')}</h3>
      <FormError error={errors._form} />
      <TextField
        id="a-current"
        label={t('currentPassword')}
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onValue={setCurrent}
        error={errors.currentPassword}
      />
      <TextField
        id="a-new"
        label={t('newPassword')}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        value={next}
        onValue={setNext}
        error={errors.newPassword}
        hint={t('passwordHint')}
      />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !current || !next}>
          {busy ? t('wait') : t('changePassword')}
        </button>
        <button type="button" class="secondary" onClick={logOutOthers}>
          {t('logOutOthers')}
        </button>
      </div>
    </form>
  )
}

function Invites() {
  const [invites, setInvites] = useState<Invite[] | null>(null)
  const [fresh, setFresh] = useState<string | null>(null)

  const load = () =>
    api
      .get<{ invites: Invite[] }>('/api/auth/invites')
      .then((res) => setInvites(res.invites))
      .catch(() => setInvites([]))
  useEffect(() => {
    void load()
  }, [])

  const create = async () => {
    try {
      const made = await api.post<Invite & { url: string }>('/api/auth/invites')
      setFresh(made.url)
      await load()
    } catch (error) {
      toastError(error)
    }
  }
  const revoke = async (id: string) => {
    setInvites((list) => list?.filter((i) => i.id !== id) ?? null)
    try {
      await api.del(`/api/auth/invites/${encodeURIComponent(id)}`)
    } catch (error) {
      toastError(error)
    }
    await load()
  }

  return (
    <div class="invites">
      <h3>{t('invites')}</h3>
      <p class="muted">{t('invitesLead')}</p>
      {fresh && (
        <div class="invite-fresh" role="status">
          <p>{t('inviteReady')}</p>
          <input
            readOnly
            value={fresh}
            aria-label={t('invites')}
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={() => copyWithToast(fresh)}>
            {t('copyLink')}
          </button>
        </div>
      )}
      {invites && invites.length === 0 && <p class="muted">{t('noInvites')}</p>}
      {invites && invites.length > 0 && (
        <ul class="invite-list">
          {invites.map((invite) => (
            <li key={invite.id}>
              <span>
                {dateTime(invite.createdAt)} ·{' '}
                {invite.usedAt
                  ? t('inviteUsed')
                  : t('inviteExpires', { date: dateTime(invite.expiresAt) })}
              </span>
              {!invite.usedAt && (
                <button type="button" class="linkish" onClick={() => revoke(invite.id)}>
                  {t('revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="secondary" onClick={create}>
        {t('createInvite')}
      </button>
    </div>
  )
}
