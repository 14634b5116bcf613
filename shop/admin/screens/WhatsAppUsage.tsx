import { Fragment } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api, type Shop, shopPath } from '../api.ts'
import { errorsFrom, Field, FormError } from '../components/Field.tsx'
import { t } from '../i18n.ts'
import '../i18n-replies.ts'
import type { messageUsage } from '../../../api/whatsapp/message-costs.ts'
import { replaceShop, toast } from '../state.ts'

/** `GET /api/shops/:slug/whatsapp/usage`: the server's own type. */
export type WhatsAppUsageData = Awaited<ReturnType<typeof messageUsage>>

/** `2026-11` in the admin's words, e.g. "November 2026". */
function monthName(month: string): string {
  const [year, m] = month.split('-').map(Number)
  const date = new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1))
  return new Intl.DateTimeFormat(document.documentElement.lang || 'en', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

/**
 * What Chatcart's automatic messages cost the shop: this month's count by Meta's pricing
 * category and type, and the switch and monthly cap that limit them.
 */
export function WhatsAppUsage({ slug }: { slug: string }) {
  const [usage, setUsage] = useState<WhatsAppUsageData | undefined>(undefined)
  const [auto, setAuto] = useState(true)
  const [cap, setCap] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [saving, setSaving] = useState(false)

  const load = () =>
    api.get<WhatsAppUsageData>(shopPath(slug, '/whatsapp/usage')).then(
      (u) => {
        setUsage(u)
        setAuto(u.autoConfirmReply)
        setCap(u.monthlyMessageCap === null ? '' : String(u.monthlyMessageCap))
      },
      () => setUsage(undefined),
    )
  useEffect(() => {
    void load()
  }, [slug])

  if (!usage) return null

  const save = async (e: Event) => {
    e.preventDefault()
    const trimmed = cap.trim()
    const value = trimmed === '' ? null : Number(trimmed)
    if (value !== null && (!Number.isInteger(value) || value < 0)) {
      setErrors({ monthlyMessageCap: t('monthlyMessageCapHint') })
      return
    }
    setSaving(true)
    setErrors({})
    try {
      const shop = await api.patch<Shop>(shopPath(slug, ''), {
        autoConfirmReply: auto,
        monthlyMessageCap: value,
      })
      replaceShop(shop)
      toast(t('sendingSaved'))
      await load()
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setSaving(false)
    }
  }

  const month = monthName(usage.month)
  return (
    <section class="card whatsapp-usage" aria-labelledby="usage-title">
      <h2 id="usage-title">{t('usageTitle')}</h2>
      <p class="muted small">{t('usageLead')}</p>
      <p>
        <strong>
          {usage.monthlyMessageCap === null
            ? t('usageSent', { count: usage.sent, month })
            : t('usageSentCap', { count: usage.sent, cap: usage.monthlyMessageCap, month })}
        </strong>
      </p>
      {usage.byPricing.length === 0 ? (
        <p class="muted">{t('usageNone')}</p>
      ) : (
        <dl class="pairs wa-pairs">
          {usage.byPricing.map((row) => (
            <Fragment key={`${row.category}/${row.type}`}>
              <dt>
                {row.category === null ? (
                  <span class="muted">{t('usagePending')}</span>
                ) : (
                  `${t('usageCategory')}: ${row.category} · ${t('usageType')}: ${row.type ?? '—'}`
                )}
              </dt>
              <dd class="num">{row.count}</dd>
            </Fragment>
          ))}
        </dl>
      )}
      {usage.skipped.autoConfirmOff > 0 && (
        <p class="muted small">{t('usageSkippedOff', { count: usage.skipped.autoConfirmOff })}</p>
      )}
      {usage.skipped.monthlyCapReached > 0 && (
        <p class="bad small">{t('usageSkippedCap', { count: usage.skipped.monthlyCapReached })}</p>
      )}
      <form onSubmit={save} noValidate>
        <FormError error={errors._form} />
        <div class="field">
          <label>
            <input
              type="checkbox"
              checked={auto}
              onChange={(e) => setAuto(e.currentTarget.checked)}
            />{' '}
            {t('autoConfirmReply')}
          </label>
          <p class="hint">{t('autoConfirmReplyHint')}</p>
        </div>
        <Field
          id="monthly-cap"
          label={t('monthlyMessageCap')}
          hint={t('monthlyMessageCapHint')}
          error={errors.monthlyMessageCap}
        >
          {(describedBy, invalid) => (
            <input
              id="monthly-cap"
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={cap}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(e) => setCap(e.currentTarget.value)}
            />
          )}
        </Field>
        <button type="submit" class="secondary" disabled={saving}>
          {t('saveSending')}
        </button>
      </form>
    </section>
  )
}
