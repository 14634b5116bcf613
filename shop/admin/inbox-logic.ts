import { normalizeOrderCode } from '../../core/order-code.ts'
import type { InboxMessage } from './api.ts'
import { type StringKey, t } from './i18n.ts'
import './i18n-whatsapp.ts'
import { formatPhone } from '../../core/phone.ts'

/** The order code the merchant typed, normalised, or the reason it is not one. */
export function checkOrderCode(input: string): { code: string } | { error: string } {
  if (input.trim() === '') return { error: t('required') }
  const code = normalizeOrderCode(input)
  return code ? { code } : { error: t('orderCodeInvalid') }
}

export interface ItemLine {
  sku: string
  quantity: number
}

const LINE = /^(\S+?)(?:\s*[x×*]\s*(\d+))?$/i
const MAX_QUANTITY = 999

/**
 * Items typed one per line as `SKU` or `SKU × 2` (also `x 2`, `* 2`); blank lines are skipped.
 * @example parseItemLines('MUG\nTEE-M x 2') // { items: [{sku:'MUG',quantity:1}, {sku:'TEE-M',quantity:2}] }
 */
export function parseItemLines(text: string): { items: ItemLine[] } | { error: string } {
  const items: ItemLine[] = []
  const lines = text.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (!line) continue
    const match = LINE.exec(line)
    const quantity = match?.[2] === undefined ? 1 : Number(match[2])
    if (!match?.[1] || quantity < 1 || quantity > MAX_QUANTITY) {
      return { error: t('itemLineInvalid', { n: i + 1 }) }
    }
    items.push({ sku: match[1], quantity })
  }
  if (items.length === 0) return { error: t('required') }
  return { items }
}

/** The server's error for `items.N.sku` says which line; the merchant counts lines from 1. */
export function itemsErrorText(field: string, message: string, text: string): string {
  const index = /^items\.(\d+)/.exec(field)?.[1]
  if (index === undefined) return message
  // Server indexes count typed items, which skip blank lines.
  const typed = text.split('\n').flatMap((line, i) => (line.trim() ? [i + 1] : []))
  const line = typed[Number(index)] ?? Number(index) + 1
  return `${t('lineN', { n: line })}: ${message}`
}

const TYPE_KEYS: Record<string, StringKey> = {
  image: 'msgImage',
  video: 'msgVideo',
  audio: 'msgAudio',
  document: 'msgDocument',
  sticker: 'msgSticker',
  location: 'msgLocation',
  contacts: 'msgContacts',
  order: 'msgCart',
  button: 'msgButton',
  interactive: 'msgButton',
  reaction: 'msgReaction',
}

/** What kind of message it is, in words, for anything that is not plain text; null for text. */
export function messageKind(message: Pick<InboxMessage, 'type'>): string | null {
  if (message.type === 'text') return null
  const key = message.type ? TYPE_KEYS[message.type] : undefined
  return t(key ?? 'msgOther')
}

/** Whether the message is a native WhatsApp cart, which becomes an order on its own. */
export function isCart(message: Pick<InboxMessage, 'type'>): boolean {
  return message.type === 'order'
}

/** Who sent it: the WhatsApp profile name and number, as far as they are known. */
export function senderOf(
  message: Pick<InboxMessage, 'profileName' | 'from' | 'userId'> & { username?: string | null },
): {
  name: string
  number: string | null
} {
  // A customer who hides their number is shown by username (else their business-scoped id).
  const number = message.from
    ? formatPhone(message.from)
    : message.username
      ? `@${message.username}`
      : null
  return {
    name: message.profileName?.trim() || number || message.userId || t('customer'),
    number: message.profileName?.trim() ? number : null,
  }
}
