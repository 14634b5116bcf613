/**
 * The order message: the one text that shop, widget and server put in the WhatsApp link, and
 * that the webhook reads back when the customer sends it (possibly edited).
 *
 * Layout (English; every supported locale has the same shape):
 *
 * ```
 * Hello Acme! I'd like to order:
 * Order #K7Q2M9
 *
 * 2 × T-shirt (M) — €39.80
 * 1 × Mug — €12.00
 *
 * Subtotal: €51.80
 * Shipping (Colissimo): €5.00
 * Total: €56.80
 *
 * Name: Jane Doe
 * Phone: 33612345678
 * Address: 1 rue de Rivoli, 75001 Paris
 * Note: Ring twice
 *
 * Order page: https://shop.example/o/…
 * ```
 *
 * Amounts always use Latin digits (Arabic messages are formatted with `ar-u-nu-latn`): the
 * webhook, merchants' spreadsheets and the customer's edits then all read the same numbers,
 * and Latin digits are usual in Arabic commerce and WhatsApp chats.
 */

import { pickLocale, SUPPORTED_LOCALES } from './locale.ts'
import { formatMoney, parseMoney } from './money.ts'
import { findOrderCodeMatches, normalizeOrderCode } from './order-code.ts'
import { ORDER_MESSAGE_STRINGS, type OrderMessageStrings } from './order-message-strings.ts'
import { formatSlot } from './time-slots.ts'

/** One item line of an order message; `lineTotal` in minor units. */
export type OrderMessageItem = { name: string; quantity: number; lineTotal: number }

/** Everything an order message shows; amounts in minor units of `currency`. */
export type OrderMessageInput = {
  shopName: string
  currency: string
  locale: string
  code?: string | null
  items: OrderMessageItem[]
  subtotal: number
  shippingTotal: number
  shippingName?: string | null
  /** The saving of a discount code, shown under the subtotal when above 0. */
  discountTotal?: number
  discountCode?: string | null
  total: number
  customer: { name: string; phone?: string | null; address?: string | null }
  /** The delivery area chosen at checkout. */
  deliveryArea?: string | null
  /** The time slot chosen at checkout, written in the shop's time zone. */
  slot?: { startsAt: Date | string; endsAt: Date | string; timeZone: string } | null
  note?: string | null
  orderUrl?: string | null
  /**
   * The types of the shop's payment methods (`pix`, `cash`, `stripe`, …): the order page link
   * then says how to pay, e.g. "How to pay (Pix, cash): https://…/o/…".
   */
  paymentMethods?: readonly string[]
}

/** An item read back from a message; `lineTotal` is `null` when the customer removed it. */
export type ParsedOrderItem = { name: string; quantity: number; lineTotal: number | null }

/** What {@link parseOrderMessage} recovers from a message. */
export type ParsedOrderMessage = {
  code: string | null
  items: ParsedOrderItem[]
  /** Items the message summarised as "… and N more items" because the link was too long. */
  omittedItems: number
  subtotal: number | null
  shippingTotal: number | null
  total: number | null
  currency: string
}

/** How much of the message to keep, from everything down to the bare minimum. */
type RenderOptions = {
  maxNameLength: number
  visibleItems: number
  note: boolean
  address: boolean
  details: boolean
}

const FULL: RenderOptions = {
  maxNameLength: Number.POSITIVE_INFINITY,
  visibleItems: Number.POSITIVE_INFINITY,
  note: true,
  address: true,
  details: true,
}

const LINE_BREAKS = /[\r\n\u2028\u2029]+/g
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Makes user text safe for one message line: no line breaks, no broken UTF-16, trimmed. */
function toLine(text: string, joiner = ' '): string {
  return text
    .replace(LONE_SURROGATES, '\ufffd')
    .split(LINE_BREAKS)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join(joiner)
}

let segmenter: Intl.Segmenter | undefined

/** Shortens text to `max` graphemes (emoji and accents are not cut in half), ending with `…`. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  if (segmenter === undefined && typeof Intl.Segmenter === 'function') {
    segmenter = new Intl.Segmenter()
  }
  const graphemes = segmenter
    ? segmenter.segment(text)
    : Array.from(text, (segment) => ({ segment }))
  // Walk only as far as needed: segmenting whole long names is the slow part of shortening.
  let kept = ''
  let count = 0
  for (const { segment } of graphemes) {
    if (count === max) return `${kept.trimEnd()}…`
    if (count < Math.max(1, max - 1)) kept += segment
    count++
  }
  return text
}

const moneyLocales = new Map<string, string>()

/** The locale amounts are formatted in: the requested one when valid, always with Latin digits. */
function moneyLocale(locale: string): string {
  let tag = moneyLocales.get(locale)
  if (tag === undefined) {
    try {
      tag = new Intl.Locale(locale, { numberingSystem: 'latn' }).toString()
    } catch {
      tag = new Intl.Locale(pickLocale(locale, 'en'), { numberingSystem: 'latn' }).toString()
    }
    // Every order composes a message: read each locale once (a few hundred at most are kept).
    if (moneyLocales.size >= 256) moneyLocales.clear()
    moneyLocales.set(locale, tag)
  }
  return tag
}

/** Renders an order at any level of detail, reusing item lines between renders. */
function createRenderer(input: OrderMessageInput): (options: RenderOptions) => string {
  const strings = ORDER_MESSAGE_STRINGS[pickLocale(input.locale, 'en')]
  const locale = moneyLocale(input.locale)
  const money = (amount: number) => formatMoney(amount, input.currency, locale)
  const names = input.items.map((item) => toLine(item.name) || '?')
  const amounts = input.items.map((item) => money(item.lineTotal))
  const itemLineCache = new Map<number, string[]>()
  const itemLines = (maxNameLength: number): string[] => {
    let lines = itemLineCache.get(maxNameLength)
    if (lines === undefined) {
      lines = input.items.map(
        (item, i) =>
          `${item.quantity} × ${truncate(names[i] ?? '?', maxNameLength)} — ${amounts[i] ?? ''}`,
      )
      itemLineCache.set(maxNameLength, lines)
    }
    return lines
  }
  return (options) => renderOrderMessage(input, options, strings, money, itemLines)
}

function renderOrderMessage(
  input: OrderMessageInput,
  options: RenderOptions,
  strings: OrderMessageStrings,
  money: (amount: number) => string,
  itemLines: (maxNameLength: number) => string[],
): string {
  const label = (name: string, value: string) => `${name}${strings.colon}${value}`
  const details = options.details
  const blocks: string[][] = []

  const shop = toLine(input.shopName)
  const head = [strings.greeting(details ? shop : truncate(shop, 40))]
  const code = input.code ? normalizeOrderCode(input.code) : null
  if (code !== null) head.push(`${strings.order} #${code}`)
  blocks.push(head)

  const lines = itemLines(options.maxNameLength).slice(0, options.visibleItems)
  const hidden = input.items.length - lines.length
  const orderUrl = toLine(input.orderUrl ?? '')
  if (hidden > 0) {
    const more = strings.moreItems(hidden)
    lines.push(details && orderUrl !== '' ? `${more} (${strings.allOnOrderPage})` : more)
  }
  blocks.push(lines)

  const totals: string[] = []
  const shippingName = toLine(input.shippingName ?? '')
  const showShipping = shippingName !== '' || input.shippingTotal !== 0
  if (details && (showShipping || input.subtotal !== input.total)) {
    totals.push(label(strings.subtotal, money(input.subtotal)))
  }
  if (input.discountTotal) {
    const code = toLine(input.discountCode ?? '')
    const name = details && code !== '' ? `${strings.discount} (${code})` : strings.discount
    totals.push(label(name, `-${money(input.discountTotal)}`))
  }
  if (showShipping) {
    const shipping =
      details && shippingName !== '' ? `${strings.shipping} (${shippingName})` : strings.shipping
    const cost = input.shippingTotal === 0 ? strings.free : money(input.shippingTotal)
    totals.push(label(shipping, cost))
  }
  totals.push(label(strings.total, money(input.total)))
  blocks.push(totals)

  const customer: string[] = []
  const customerName = toLine(input.customer.name)
  if (customerName !== '') {
    customer.push(label(strings.name, details ? customerName : truncate(customerName, 40)))
  }
  const phone = input.customer.phone ? printablePhone(input.customer.phone) : ''
  if (details && phone !== '') customer.push(label(strings.phone, phone))
  const address = toLine(input.customer.address ?? '', ', ')
  if (options.address && address !== '') customer.push(label(strings.address, address))
  const area = toLine(input.deliveryArea ?? '')
  if (area !== '') customer.push(label(strings.deliveryArea, area))
  if (input.slot) {
    customer.push(label(strings.slot, formatSlot(input.slot, input.locale, input.slot.timeZone)))
  }
  const note = toLine(input.note ?? '')
  if (options.note && note !== '') customer.push(label(strings.note, note))
  blocks.push(customer)

  if (details && orderUrl !== '') {
    blocks.push([orderPageLine(strings, input.paymentMethods ?? [], orderUrl)])
  }

  return blocks
    .filter((block) => block.length > 0)
    .map((block) => block.join('\n'))
    .join('\n\n')
}

/** A payment method's name in the message: the rails keep their brand names. */
/** "How to pay (Pix, cash): <order page>", or "Order page: <url>" when the shop offers none. */
function orderPageLine(strings: OrderMessageStrings, methods: readonly string[], url: string) {
  const pay = methods.map((type) => paymentMethodWord(type, strings))
  const name = pay.length > 0 ? `${strings.howToPay} (${pay.join(', ')})` : strings.orderPage
  return `${name}${strings.colon}${url}`
}

/**
 * The order message's line on how to pay, in `locale`: the methods' names and the order page,
 * where the QR codes and instructions are. The merchant's one-tap payment reply says the same.
 * @example howToPayLine('en', ['pix', 'cash'], 'https://x/o/t') // 'How to pay (Pix, cash): https://x/o/t'
 */
export function howToPayLine(locale: string, methods: readonly string[], url: string): string {
  return orderPageLine(ORDER_MESSAGE_STRINGS[pickLocale(locale, 'en')], methods, url)
}

function paymentMethodWord(type: string, strings: OrderMessageStrings): string {
  const brands: Record<string, string> = {
    pix: 'Pix',
    upi: 'UPI',
    sepa: 'SEPA',
    paynow: 'PayNow',
    promptpay: 'PromptPay',
  }
  if (type === 'cash' || type === 'bank') return strings.payMethods[type]
  if (type === 'stripe') return strings.payMethods.card
  return brands[type] ?? type
}

/**
 * A phone number's digits without `+` (WhatsApp.md §1.4: a literal `+` may turn into a space)
 * nor the `00` exit prefix. The server stores numbers already normalised; this module stays free
 * of phone metadata because the widget and the storefront load it too.
 */
function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^00/, '')
}

/** A typed number as digits; anything else as typed, on one line and without `+`. */
function printablePhone(phone: string): string {
  return /^[+\d\s./()-]+$/.test(phone) ? phoneDigits(phone) : toLine(phone).replace(/\+/g, '')
}

/**
 * Writes the order message in the input's locale (en, fr, es, it, pt, de, ar; others fall back
 * to English) with amounts formatted for that locale in Latin digits. User-supplied text (names,
 * note, address) is put on single lines; the template itself never writes a `+`.
 *
 * @example
 * formatOrderMessage({ shopName: 'Acme', currency: 'EUR', locale: 'en', code: 'K7Q2M9',
 *   items: [{ name: 'Mug', quantity: 1, lineTotal: 1200 }], subtotal: 1200, shippingTotal: 0,
 *   total: 1200, customer: { name: 'Jane' } })
 * // "Hello Acme! I'd like to order:\nOrder #K7Q2M9\n\n1 × Mug — €12.00\n\nTotal: €12.00\n\nName: Jane"
 */
export function formatOrderMessage(input: OrderMessageInput): string {
  return createRenderer(input)(FULL)
}

/**
 * A click-to-chat link: `https://wa.me/<digits>?text=<encodeURIComponent(text)>`, or the
 * share form `https://wa.me/?text=…` without a phone. The phone may be typed in any format
 * (`+33 6 12…`): only its digits are kept.
 *
 * @example buildWhatsAppUrl('+33 6 12 34 56 78', 'Hi & bye') // 'https://wa.me/33612345678?text=Hi%20%26%20bye'
 */
export function buildWhatsAppUrl(phone: string | null, text: string): string {
  const digits = phone === null ? '' : phoneDigits(phone)
  // encodeURIComponent throws on lone surrogates; replace them rather than fail a checkout.
  return `https://wa.me/${digits}?text=${encodeURIComponent(text.replace(LONE_SURROGATES, '\ufffd'))}`
}

/** Longest item name a shortened message keeps whole; longer ones end with `…`. */
const READABLE_NAME = 60

/**
 * The order message and its WhatsApp link, shortened until the whole URL is at most `maxLength`
 * characters. A long cart keeps readable lines: names up to 60 characters, as many item lines
 * as fit, then "… and N more items (all on the order page)" above the order page link. If even
 * no item line fits, the note and then the address are dropped, then the details (phone,
 * subtotal, shipping name, order page link). The code and the total are never dropped; if even
 * the shortest message is too long, it is returned anyway.
 *
 * @example composeOrderWhatsAppUrl('33612345678', input).url // 'https://wa.me/33612345678?text=Hello%20…'
 */
export function composeOrderWhatsAppUrl(
  phone: string | null,
  input: OrderMessageInput,
  maxLength = 2000,
): { text: string; url: string } {
  const render = createRenderer(input)
  const attempt = (options: RenderOptions) => {
    const text = render(options)
    return { text, url: buildWhatsAppUrl(phone, text) }
  }
  const fits = (result: { url: string }) => result.url.length <= maxLength

  const full = attempt(FULL)
  if (fits(full)) return full
  const readable = { ...FULL, maxNameLength: READABLE_NAME }
  const whole = attempt(readable)
  if (fits(whole)) return whole

  // The longest prefix of items that fits, by binary search: lengths grow with the item count.
  let low = 1
  let high = input.items.length - 1
  let best: { text: string; url: string } | null = null
  while (low <= high) {
    const visibleItems = Math.floor((low + high) / 2)
    const result = attempt({ ...readable, visibleItems })
    if (fits(result)) {
      best = result
      low = visibleItems + 1
    } else {
      high = visibleItems - 1
    }
  }
  if (best !== null) return best

  const short = { ...readable, maxNameLength: 12, visibleItems: 0 }
  const steps: RenderOptions[] = [
    { ...short, note: false },
    { ...short, note: false, address: false },
  ]
  for (const options of steps) {
    const result = attempt(options)
    if (fits(result)) return result
  }
  return attempt({ ...short, note: false, address: false, details: false })
}

type LabelKind = 'subtotal' | 'shipping' | 'total' | 'other'

const ALL_STRINGS: OrderMessageStrings[] = SUPPORTED_LOCALES.map(
  (locale) => ORDER_MESSAGE_STRINGS[locale],
)

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function labelPattern(words: string[]): RegExp {
  const alternatives = [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')
  // The label must end at a boundary, so "Total" does not match "Totale".
  return new RegExp(`^(?:${alternatives})(?=$|[\\s:：(])`, 'iu')
}

const LABELS: [LabelKind, RegExp][] = [
  ['subtotal', labelPattern(ALL_STRINGS.map((s) => s.subtotal))],
  ['shipping', labelPattern(ALL_STRINGS.map((s) => s.shipping))],
  ['total', labelPattern(ALL_STRINGS.map((s) => s.total))],
  [
    'other',
    labelPattern(
      ALL_STRINGS.flatMap((s) => [
        s.name,
        s.phone,
        s.address,
        s.note,
        s.orderPage,
        s.howToPay,
        s.discount,
        s.deliveryArea,
        s.slot,
      ]),
    ),
  ],
]
const ORDER_LABEL = labelPattern(ALL_STRINGS.map((s) => s.order))
const FREE_WORDS: ReadonlySet<string> = new Set([
  ...ALL_STRINGS.map((s) => s.free.toLowerCase()),
  'gratuit',
  'gratuite',
  'gratuito',
  'gratis',
])
const LEADING_MARKS = /^[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/
const ITEM_LINE = /^([0-9\u0660-\u0669\u06f0-\u06f9]{1,9})\s*[×xX*]\s*(.+)$/u
const ITEM_AMOUNT = /^(.*\S)\s+[—–]\s+(.+)$/u
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g

function parseItemLine(line: string, currency: string): ParsedOrderItem | null {
  const match = ITEM_LINE.exec(line)
  if (!match) return null
  const [, quantityText = '', rest = ''] = match
  // U+0660 and U+06F0 are both multiples of 16, so the low nibble is the digit's value.
  const quantity = Number(
    quantityText.replace(EASTERN_DIGITS, (digit) => String(digit.charCodeAt(0) % 16)),
  )
  if (quantity <= 0) return null
  const split = ITEM_AMOUNT.exec(rest)
  const lineTotal = split ? parseMoney(split[2] ?? '', currency) : null
  if (split && lineTotal !== null) {
    return { name: (split[1] ?? '').trim(), quantity, lineTotal }
  }
  return { name: rest.trim(), quantity, lineTotal: null }
}

function parseAmountValue(value: string, currency: string): number | null {
  const word = value
    .replace(/[\u200e\u200f\u061c.!]/g, '')
    .trim()
    .toLowerCase()
  if (FREE_WORDS.has(word)) return 0
  return parseMoney(value, currency)
}

/**
 * Reads an order message back, in any supported locale, tolerating a customer's edits:
 * the code (from the "Order #…" line, else any `#CODE` outside item lines and links), the item
 * lines (`2 × name — amount`; quantity separators `×`, `x`, `*`), subtotal, shipping and total,
 * amounts parsed as minor units of `currency`. Returns `null` when nothing order-like is found.
 *
 * @example parseOrderMessage('Order #K7Q2M9\n2 × Mug — €24.00\nTotal: €24.00', 'EUR')
 * // { code: 'K7Q2M9', items: [{ name: 'Mug', quantity: 2, lineTotal: 2400 }], total: 2400, … }
 */
export function parseOrderMessage(text: string, currency: string): ParsedOrderMessage | null {
  const result: ParsedOrderMessage = {
    code: null,
    items: [],
    omittedItems: 0,
    subtotal: null,
    shippingTotal: null,
    total: null,
    currency,
  }
  let inItems = true
  const otherLines: string[] = []
  for (const rawLine of text.split(/\r\n|[\n\r\u2028\u2029]/)) {
    const line = rawLine.replace(LEADING_MARKS, '').trimEnd()
    if (line === '') continue
    if (inItems) {
      const item = parseItemLine(line, currency)
      if (item !== null) {
        result.items.push(item)
        continue
      }
      const more = /^(?:…|\.\.\.)\D*(\d+)/u.exec(line)
      if (more && result.items.length > 0) {
        result.omittedItems = Number(more[1])
        continue
      }
    }
    const label = LABELS.find(([, pattern]) => pattern.test(line))
    if (label !== undefined) {
      inItems = false
      const [kind, pattern] = label
      const rest = line.replace(pattern, '')
      if (kind === 'other') {
        otherLines.push(rest)
        continue
      }
      // "Shipping (Colissimo): €5.00": the name in brackets may itself hold brackets.
      const value = /^\s*(?:\(.*\))?\s*[:：]?\s*(.*)$/u.exec(rest)?.[1] ?? ''
      const amount = parseAmountValue(value, currency)
      if (kind === 'subtotal') result.subtotal ??= amount
      if (kind === 'shipping') result.shippingTotal ??= amount
      if (kind === 'total') result.total ??= amount
      continue
    }
    if (result.code === null && ORDER_LABEL.test(line)) {
      const candidate = line.replace(ORDER_LABEL, '').replace(/^\s*[:：]?\s*/, '')
      const code = normalizeOrderCode(candidate)
      if (code !== null) {
        result.code = code
        continue
      }
    }
    otherLines.push(line)
  }
  if (result.code === null) {
    const fallback = otherLines
      .filter((line) => !line.includes('://'))
      .flatMap((line) => findOrderCodeMatches(line))
      .find((match) => match.hashed)
    result.code = fallback?.code ?? null
  }
  const found =
    result.code !== null ||
    result.items.length > 0 ||
    result.total !== null ||
    result.subtotal !== null
  return found ? result : null
}
