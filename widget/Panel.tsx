import { Component, type ComponentChild } from 'preact'
import { type Channel, channelLink, whatsappLink } from '../core/channel-links.ts'
import { inSpans } from '../core/schedule.ts'
import type { WidgetStrings } from './strings.ts'
import type { PublicWidget } from './widget-context.ts'

/** What the dialog shows: the main view, the consent step or the QR code. */
export type PanelView = 'main' | 'consent' | 'qr'

export interface PanelProps {
  open: boolean
  /**
   * The view, shared with the bubble: a signal in the admin's preview, a plain box that redraws
   * the dialog in the bubble (which leaves @preact/signals to the mini cart's chunk).
   */
  view: { value: PanelView }
  settings: PublicWidget | null
  strings: WidgetStrings
  rtl: boolean
  desktop: boolean
  /** The prefilled message for this page. */
  text: string
  /** Channels to offer, in order. */
  channels: { type: string; value: string }[]
  notice: string
  /** The mini cart, once its chunk is there. */
  cart: ComponentChild
  /** Runs an action now, or after the visitor accepts the consent text; true when it ran. */
  guard: (action: () => void) => boolean
  accept: () => void
  onChannel: (channel: string) => void
  onClose: () => void
}

const LABELS: Record<string, keyof WidgetStrings | undefined> = {
  whatsapp: 'start',
  phone: 'call',
  email: 'email',
  sms: 'sms',
}
const BRANDS: Record<string, string> = {
  messenger: 'Messenger',
  instagram: 'Instagram',
  telegram: 'Telegram',
}

/**
 * The QR code of a link, drawn by a chunk fetched only now. The widget's components are classes
 * or plain functions, so its chunks carry no hooks runtime.
 */
class QrCode extends Component<
  { url: string; label: string },
  { code?: { size: number; d: string } }
> {
  private draw() {
    const url = this.props.url
    import('./qr-matrix.ts').then((m) => {
      if (url === this.props.url) this.setState({ code: m.qrPath(url) })
    })
  }

  override componentDidMount() {
    this.draw()
  }

  override componentDidUpdate(previous: { url: string }) {
    if (previous.url !== this.props.url) this.draw()
  }

  override render() {
    const code = this.state.code
    const box = (code?.size ?? 21) + 8
    return (
      <svg class="qr" viewBox={`-4 -4 ${box} ${box}`} role="img" aria-label={this.props.label}>
        <rect x="-4" y="-4" width={box} height={box} fill="#fff" />
        {code && <path d={code.d} fill="#000" />}
      </svg>
    )
  }
}

/**
 * The bubble's dialog: greeting, teams, cart, channels, consent and the QR code. The bubble moves
 * the focus into it when it opens or changes view (the admin's preview leaves it where the
 * merchant is typing).
 */
export function Panel(props: PanelProps) {
  const { strings: t, settings: s, view, text } = props
  if (!props.open) return null

  const link = (channel: string, href: string, label: ComponentChild, cls = 'ch') => (
    <a
      class={cls}
      href={href}
      {...(href.startsWith('http') ? { target: '_blank', rel: 'noopener' } : {})}
      onClick={(event) => {
        // Without consent yet, the click waits; the link opens once the visitor accepts.
        const ran = props.guard(() => {
          props.onChannel(channel)
          if (event.defaultPrevented) window.open(href, '_blank', 'noopener')
        })
        if (!ran) event.preventDefault()
      }}
    >
      {label}
    </a>
  )

  let body: ComponentChild
  if (view.value === 'consent' && s) {
    body = (
      <div class="cs">
        <p>{s.consent.text}</p>
        {s.consent.url && (
          <a href={s.consent.url} target="_blank" rel="noopener">
            {t.more}
          </a>
        )}
        <button type="button" class="pr" onClick={props.accept}>
          {t.accept}
        </button>
      </div>
    )
  } else if (view.value === 'qr') {
    const phone = props.channels.find((c) => c.type === 'whatsapp')?.value ?? null
    body = (
      <div class="cs">
        <QrCode url={whatsappLink(phone, text)} label={t.phone} />
        <p>{t.scan}</p>
        <button type="button" class="ch" onClick={() => (view.value = 'main')}>
          {t.back}
        </button>
      </div>
    )
  } else {
    const now = Date.now()
    body = (
      <>
        <p class="g">{s?.greeting || t.greeting}</p>
        {props.notice && (
          <p class="n" role="status">
            {props.notice}
          </p>
        )}
        {s?.teams.map((agent) => {
          const online = !agent.open || inSpans(agent.open, now)
          return link(
            agent.channel,
            channelLink(agent.channel as Channel, agent.value, text),
            <>
              {agent.photoUrl ? (
                <img src={agent.photoUrl} alt="" />
              ) : (
                <i aria-hidden="true">{agent.name.slice(0, 1)}</i>
              )}
              <span>
                <b>{agent.name}</b>
                {agent.role && <small>{agent.role}</small>}
                <small class={online ? 'on' : 'off'}>{online ? t.online : t.offline}</small>
              </span>
            </>,
            'ch ag',
          )
        })}
        {props.cart}
        {props.channels.map((channel) =>
          channel.type === 'whatsapp' && props.desktop ? (
            <div class="wa">
              {link('whatsapp', whatsappLink(channel.value, text, true), t.web, 'ch pr')}
              {link('whatsapp', whatsappLink(channel.value, text), t.app)}
              <button type="button" class="ch" onClick={() => (view.value = 'qr')}>
                {t.phone}
              </button>
            </div>
          ) : (
            link(
              channel.type,
              channelLink(channel.type as Channel, channel.value, text),
              BRANDS[channel.type] ?? t[LABELS[channel.type] ?? 'start'],
              channel.type === 'whatsapp' ? 'ch pr' : 'ch',
            )
          ),
        )}
      </>
    )
  }

  return (
    <section
      class="p"
      role="dialog"
      aria-modal="false"
      aria-labelledby="cc-t"
      dir={props.rtl ? 'rtl' : 'ltr'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose()
      }}
    >
      <header>
        {s?.avatarUrl && <img src={s.avatarUrl} alt="" />}
        <div>
          <h2 id="cc-t">{s?.shop.name ?? t.start}</h2>
          {s?.replyTime && <p>{s.replyTime}</p>}
        </div>
        <button type="button" class="x" aria-label={t.close} onClick={props.onClose}>
          ×
        </button>
      </header>
      <div class="b">{body}</div>
    </section>
  )
}
