import { Fragment } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api, shopPath, type WhatsAppDiagnostic } from '../api.ts'
import { copyWithToast } from '../clipboard.ts'
import { FormError } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { Loading } from '../components/States.tsx'
import { dateTime, relativeTime } from '../format.ts'
import { t } from '../i18n.ts'
import '../i18n-whatsapp.ts'
import { shopUrl } from '../router.ts'

/** The URL to paste in Meta: this admin's own origin, which is the server's. */
export function callbackUrl(): string {
  return `${location.origin}/webhooks/whatsapp`
}

function Setting({ label, on, optional }: { label: string; on: boolean; optional?: boolean }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class={on ? 'ok' : optional ? 'muted' : 'bad'}>
        {on ? `✓ ${t('isSet')}` : optional ? t('repliesOff') : `✗ ${t('notSet')}`}
      </dd>
    </>
  )
}

/**
 * The shop's WhatsApp diagnostic: the callback URL for Meta, what the server is configured
 * with, the last event received for the shop's number and when, and the message counts.
 */
export function WhatsAppStatus({
  slug,
  phoneNumberId,
}: {
  slug: string
  phoneNumberId: string | null
}) {
  const [data, setData] = useState<WhatsAppDiagnostic | undefined>(undefined)
  const [failed, setFailed] = useState(false)
  const url = callbackUrl()

  useEffect(() => {
    let live = true
    api.get<WhatsAppDiagnostic>(shopPath(slug, '/whatsapp')).then(
      (d) => {
        if (!live) return
        setData(d)
        setFailed(false)
      },
      () => live && setFailed(true),
    )
    return () => {
      live = false
    }
  }, [slug, phoneNumberId])

  const copy = () => copyWithToast(url)

  const states = Object.entries(data?.counts ?? {})
  const replies = Object.entries(data?.outbox ?? {})
  return (
    <section class="card" aria-labelledby="wa-title">
      <h2 id="wa-title">{t('whatsappConnection')}</h2>
      <div class="field">
        <label for="wa-callback">{t('callbackUrl')}</label>
        <div class="copy-row">
          <input
            id="wa-callback"
            readOnly
            value={url}
            aria-describedby="wa-callback-hint"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" class="secondary" onClick={copy}>
            {t('copy')}
          </button>
        </div>
        <p class="hint" id="wa-callback-hint">
          {t('callbackUrlHint')}
        </p>
      </div>
      {failed ? (
        <FormError error={t('diagnosticFailed')} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <h3>{t('lastEvent')}</h3>
          {!data.phoneNumberId ? (
            <p class="muted" data-testid="wa-last">
              {t('noNumberId')}
            </p>
          ) : data.lastEventAt ? (
            <p data-testid="wa-last">
              {t('lastEventValue', {
                type: data.lastEventType ?? '?',
                when: relativeTime(data.lastEventAt),
              })}{' '}
              <span class="muted small">({dateTime(data.lastEventAt)})</span>
            </p>
          ) : (
            <div data-testid="wa-last">
              <p class="bad">{t('nothingYet')}</p>
              <ol class="steps-list">
                <li>{t('nothingYetStep1')}</li>
                <li>{t('nothingYetStep2')}</li>
                <li>{t('nothingYetStep3')}</li>
              </ol>
            </div>
          )}
          <h3>{t('serverSettings')}</h3>
          <dl class="pairs wa-pairs">
            <Setting label={t('cfgVerifyToken')} on={data.configured.verifyToken} />
            <Setting label={t('cfgAppSecret')} on={data.configured.appSecret} />
            <Setting label={t('cfgReplies')} on={data.configured.replies} optional />
          </dl>
          <h3>{t('coexTitle')}</h3>
          <p>{t('coexLead')}</p>
          <p class="muted">{t('coexHow')}</p>
          <p class="muted">{t('coexWhy')}</p>
          {data.echoes?.lastAt ? (
            <p class="ok" data-testid="wa-echoes">
              {t('echoesLast', { when: relativeTime(data.echoes.lastAt) })}{' '}
              <span class="muted small">({dateTime(data.echoes.lastAt)})</span>
            </p>
          ) : (
            <p class="muted" data-testid="wa-echoes">
              {t('echoesNone')}
            </p>
          )}
          {states.length > 0 && (
            <>
              <h3>{t('messageCounts')}</h3>
              <dl class="pairs wa-pairs">
                {states.map(([state, n]) => (
                  <Fragment key={state}>
                    <dt>{t(`state_${state}`)}</dt>
                    <dd class="num">
                      {n}
                      {state === 'unmatched' && n > 0 && (
                        <>
                          {' · '}
                          <Link href={shopUrl(slug, '/inbox')}>{t('openInbox')}</Link>
                        </>
                      )}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </>
          )}
          {replies.length > 0 && (
            <>
              <h3>{t('replyCounts')}</h3>
              <dl class="pairs wa-pairs">
                {replies.map(([status, n]) => (
                  <Fragment key={status}>
                    <dt>{t(`reply_${status}`)}</dt>
                    <dd class="num">{n}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          )}
        </>
      )}
    </section>
  )
}
