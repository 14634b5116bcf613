/**
 * Deep links that open a conversation with a prefilled message on every channel the widget and
 * the storefront offer. Text is encoded as UTF-8 exactly like
 * `encodeURIComponent`, so `&`, `#`, `+`, line breaks and emoji survive.
 */

/** Channels a visitor can be sent to. */
export const CHANNELS = [
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'sms',
  'email',
  'phone',
] as const

export type Channel = (typeof CHANNELS)[number]

export interface ChannelLinkOptions {
  /** WhatsApp only: open WhatsApp Web directly (desktop) instead of the `wa.me` universal link. */
  web?: boolean
  /** E-mail only: the subject line. */
  subject?: string
}

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** `encodeURIComponent` that never throws: a lone surrogate becomes U+FFFD. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATES, '\ufffd'))
}

/**
 * The digits of an international number (`+33 6 12…` or `0033 6 12…` → `33612…`). Numbers are
 * stored normalised (core/phone.ts), so this stays small enough for the widget.
 */
function digits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^00/, '')
}

/** A user name or page name as given by a merchant: `@acme`, `acme` or a full profile URL. */
function handle(value: string): string {
  const trimmed = value.trim().replace(/^@/, '')
  const path = /^(?:https?:\/\/)?[^/]+\.(?:me|com)\/(?:m\/)?([^/?#]+)/i.exec(trimmed)
  return encode(path?.[1] ?? trimmed)
}

/**
 * WhatsApp: `https://wa.me/<digits>?text=…`, or `https://web.whatsapp.com/send?phone=…&text=…`
 * with `web`. Without a number, the visitor picks the contact.
 *
 * @example whatsappLink('+33 6 12 34 56 78', 'Hi & bye') // 'https://wa.me/33612345678?text=Hi%20%26%20bye'
 */
export function whatsappLink(phone: string | null, text: string, web = false): string {
  const number = phone ? digits(phone) : ''
  if (web) {
    const query = number ? `phone=${number}&` : ''
    return `https://web.whatsapp.com/send?${query}text=${encode(text)}`
  }
  return `https://wa.me/${number}${text ? `?text=${encode(text)}` : ''}`
}

/**
 * Opens a conversation on `channel` with `target` (a phone number, a user or page name, or an
 * e-mail address) and, where the channel takes one, a prefilled `text`. Instagram (`ig.me`) and
 * phone calls take no text.
 *
 * @example channelLink('telegram', '@acme', 'Hello #1') // 'https://t.me/acme?text=Hello%20%231'
 * @example channelLink('email', 'shop@example.com', 'a\nb', { subject: 'Order' })
 * // 'mailto:shop@example.com?subject=Order&body=a%0D%0Ab'
 */
export function channelLink(
  channel: Channel,
  target: string,
  text = '',
  options: ChannelLinkOptions = {},
): string {
  const withText = (base: string, name = 'text') =>
    text ? `${base}?${name}=${encode(text)}` : base
  switch (channel) {
    case 'whatsapp':
      return whatsappLink(target, text, options.web)
    case 'messenger':
      return withText(`https://m.me/${handle(target)}`)
    case 'instagram':
      return `https://ig.me/m/${handle(target)}`
    case 'telegram':
      return withText(`https://t.me/${handle(target)}`)
    case 'sms':
      // The `+` keeps the number international: without it phones dial `33612…` as a national
      // number. `?&body=` is read by iOS (which wants `&body=`) and Android (`?body=`) alike.
      return text ? `sms:+${digits(target)}?&body=${encode(text)}` : `sms:+${digits(target)}`
    case 'email': {
      const query: string[] = []
      if (options.subject) query.push(`subject=${encode(options.subject)}`)
      // RFC 6068: line breaks in a body are CRLF.
      if (text) query.push(`body=${encode(text.replace(/\r?\n|\r/g, '\r\n'))}`)
      const address = encodeURI(target.trim()).replace(/[?#&]/g, encodeURIComponent)
      return `mailto:${address}${query.length ? `?${query.join('&')}` : ''}`
    }
    case 'phone':
      return `tel:+${digits(target)}`
  }
}
