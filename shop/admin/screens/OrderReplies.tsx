import { useEffect, useState } from 'preact/hooks'
import { api, type Order, shopPath } from '../api.ts'
import { errorsFrom, Field } from '../components/Field.tsx'
import { t } from '../i18n.ts'
import '../i18n-replies.ts'
import type { orderReply } from '../../../api/orders/replies.routes.ts'
import { toast } from '../state.ts'

/** One ready reply of `GET …/orders/:code/replies`. */
/**
 * A one-tap reply as the server sends it: `whatsappUrl` is `https://wa.me/<digits>?text=…`, or
 * null when no number is known (the text is copied).
 */
export type Reply = ReturnType<typeof orderReply>

type OrderEvents = NonNullable<Order['events']>

/**
 * What a tap on a one-tap reply reads like on the timeline.
 * @example tappedText({ kind: 'confirm', copied: false }) // 'Confirmation sent from your phone'
 */
export function tappedText(data: unknown): string {
  const { kind, copied } = (data ?? {}) as { kind?: unknown; copied?: unknown }
  const what = t(`tapped_${String(kind)}` as 'tapped_confirm')
  return copied === true ? `${what} (${t('tappedCopied')})` : what
}

/** Opens the merchant's WhatsApp (a new tab, or the app on a phone) on a wa.me link. */
export function openWhatsApp(url: string): void {
  window.open(url, '_blank', 'noopener')
}

/**
 * "Reply on WhatsApp" on an order (tier 0): one button per reply that applies; a tap opens
 * WhatsApp with the ready text, or copies it when no number is known, and records the tap on the
 * timeline (`onTapped` receives the order's events).
 */
export function OrderReplies({
  slug,
  code,
  status,
  onTapped,
}: {
  slug: string
  code: string
  status: string
  onTapped: (events: OrderEvents) => void
}) {
  const [replies, setReplies] = useState<Reply[] | undefined>(undefined)
  const [tracking, setTracking] = useState('')
  const [trackingError, setTrackingError] = useState<string | undefined>(undefined)
  const [copied, setCopied] = useState<string | null>(null)

  const load = (trackingUrl: string) => {
    const query = trackingUrl ? `?trackingUrl=${encodeURIComponent(trackingUrl)}` : ''
    api.get<Reply[]>(shopPath(slug, `/orders/${code}/replies${query}`)).then(
      (list) => {
        setReplies(list)
        setTrackingError(undefined)
      },
      (e) => {
        if (errorsFrom(e).trackingUrl) setTrackingError(t('trackingUrlInvalid'))
        else setReplies([])
      },
    )
  }
  useEffect(() => load(tracking.trim()), [slug, code, status])

  if (!replies || replies.length === 0) return null
  const noNumber = replies.every((r) => r.whatsappUrl === null)
  const trackingUrl = tracking.trim() && !trackingError ? tracking.trim() : undefined

  const tap = async (reply: Reply) => {
    // Opened in the tap itself, before any await, so no pop-up blocker stands in the way.
    if (reply.whatsappUrl) openWhatsApp(reply.whatsappUrl)
    else {
      try {
        await navigator.clipboard.writeText(reply.text)
        setCopied(reply.kind)
        toast(t('replyCopied'))
      } catch {
        toast(t('copyFailed'), 'error')
      }
    }
    try {
      const body = reply.kind === 'shipped' && trackingUrl ? { trackingUrl } : {}
      const answer = await api.post<{ events: OrderEvents }>(
        shopPath(slug, `/orders/${code}/replies/${reply.kind}/tap`),
        body,
      )
      onTapped(answer.events)
    } catch (e) {
      toast(Object.values(errorsFrom(e))[0] ?? t('copyFailed'), 'error')
    }
  }

  return (
    <div class="card order-replies">
      <h2>{t('repliesTitle')}</h2>
      <p class="muted small">{noNumber ? t('repliesNoNumber') : t('repliesLead')}</p>
      <div class="actions">
        {replies.map((r) => (
          <button
            key={r.kind}
            type="button"
            class={r.kind === 'confirm' ? 'primary' : 'secondary'}
            data-reply={r.kind}
            title={r.text}
            onClick={() => tap(r)}
          >
            {copied === r.kind
              ? `✓ ${t('copied')}`
              : r.whatsappUrl
                ? t(`tapReply_${r.kind}` as 'tapReply_confirm')
                : t(`replyCopy_${r.kind}` as 'replyCopy_confirm')}
          </button>
        ))}
      </div>
      {replies.some((r) => r.kind === 'shipped') && (
        <Field
          id="tracking-url"
          label={t('trackingUrl')}
          hint={t('trackingUrlHint')}
          error={trackingError}
        >
          {(describedBy, invalid) => (
            <input
              id="tracking-url"
              type="url"
              inputMode="url"
              placeholder="https://"
              value={tracking}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              onInput={(e) => setTracking(e.currentTarget.value)}
              onChange={(e) => load(e.currentTarget.value.trim())}
            />
          )}
        </Field>
      )}
      <details>
        <summary class="muted small">{t('replyPreview')}</summary>
        {replies.map((r) => (
          <div key={r.kind} class="reply-preview">
            <strong class="small">{t(`tapReply_${r.kind}` as 'tapReply_confirm')}</strong>
            <p class="message-body small" dir="auto">
              {r.text}
            </p>
          </div>
        ))}
      </details>
    </div>
  )
}
