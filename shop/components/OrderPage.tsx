import { formatMoney } from '../../core/money.ts'
import { paymentStrings } from '../payment-strings.ts'
import { formatSlot, rulesStrings } from '../rules-strings.ts'
import type { ShopStrings } from '../strings.ts'
import { OrderPayment, type ViewPayment } from './OrderPayment.tsx'

/** The order as the shopper holding its token sees it. */
export interface ViewOrder {
  code: string
  status: keyof ShopStrings['statuses']
  items: { name: string; quantity: number; lineTotal: number }[]
  subtotal: number
  shippingTotal: number
  shippingName: string | null
  total: number
  currency: string
  locale: string
  message: string
  whatsappUrl: string
  /** When a pending order lapses if never sent (ISO time), else null. */
  expiresAt: string | null
  shop: { slug: string; name: string; timezone: string }
  /** The discount code applied and its saving (minor units), if any. */
  discountCode?: string | null
  discountTotal?: number
  /** The delivery area the shopper chose, if the method has areas. */
  deliveryArea?: string | null
  /** The time slot chosen, if the method offers slots. */
  slot?: { startsAt: string; endsAt: string } | null
  /** How it was paid, or the ways to pay it (none when the shop offers none). */
  payment?: ViewPayment
}

/** The deadline in the shopper's language and the shop's time zone: `12 Mar, 14:05 CET`. */
function formatDeadline(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso)
  try {
    return new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(date)
  } catch {
    return date.toISOString()
  }
}

/** `/o/{token}`: summary, status (polled live), WhatsApp again, copy message, QR on desktop. */
export function OrderPage(props: {
  order: ViewOrder
  token: string
  strings: ShopStrings
  qrSvg: string
}) {
  const { order, strings: t } = props
  const money = (amount: number) => formatMoney(amount, order.currency, order.locale)
  const hint =
    order.status === 'pending'
      ? t.pendingHint
      : order.status === 'expired'
        ? t.expiredHint
        : t.confirmedHint
  return (
    <div class="wrap">
      <header class="head">
        <p class="price">
          <a href={`/${order.shop.slug}`}>{order.shop.name}</a>
        </p>
      </header>
      <main id="main" class="order" data-order={props.token} data-status={order.status}>
        <h1>
          {t.order} #{order.code}
        </h1>
        <p>
          {t.status}:{' '}
          <span class="status" role="status" data-status-text>
            {t.statuses[order.status]}
          </span>
        </p>
        <p data-status-hint>{hint}</p>
        {order.status === 'pending' && order.expiresAt && (
          <p class="lapse" data-expires>
            {t.expiresOn.replace(
              '{date}',
              formatDeadline(order.expiresAt, order.locale, order.shop.timezone),
            )}
          </p>
        )}
        <div class="actions">
          <a
            class="btn primary"
            href={order.whatsappUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-wa
          >
            {t.openWhatsApp}
          </a>
          <button type="button" class="btn" data-copy="[data-message]">
            {t.copyMessage}
          </button>
          <span role="status" data-copy-status />
        </div>
        {order.payment && (
          <OrderPayment payment={order.payment} strings={paymentStrings(order.locale)} />
        )}
        <figure class="qr">
          <div dangerouslySetInnerHTML={{ __html: props.qrSvg }} />
          <figcaption>{t.scanQr}</figcaption>
        </figure>
        <ul class="lines">
          {order.items.map((item, index) => (
            <li key={index} class="row">
              <span class="grow">
                {item.quantity} × {item.name}
              </span>
              <span>{money(item.lineTotal)}</span>
            </li>
          ))}
        </ul>
        <p class="row">
          <span>{t.subtotal}</span>
          <span>{money(order.subtotal)}</span>
        </p>
        {(order.shippingName || order.shippingTotal > 0) && (
          <p class="row">
            {/* The method on a line of its own: "Shipping (Home delivery (Colissimo))" read badly. */}
            <span>
              {t.shipping}
              {order.shippingName && (
                <>
                  <br />
                  <small>{order.shippingName}</small>
                </>
              )}
            </span>
            <span>{order.shippingTotal === 0 ? t.free : money(order.shippingTotal)}</span>
          </p>
        )}
        {order.discountCode && (order.discountTotal ?? 0) > 0 && (
          <p class="row" data-discount>
            <span>{rulesStrings(order.locale).discount.replace('{code}', order.discountCode)}</span>
            <span dir="ltr">−{money(order.discountTotal ?? 0)}</span>
          </p>
        )}
        {order.deliveryArea && (
          <p class="row" data-area>
            <span>{rulesStrings(order.locale).deliveryArea}</span>
            <span>{order.deliveryArea}</span>
          </p>
        )}
        {order.slot && (
          <p class="row" data-slot>
            <span>{rulesStrings(order.locale).slot}</span>
            <span>{formatSlot(order.slot, order.locale, order.shop.timezone)}</span>
          </p>
        )}
        <p class="row">
          <strong>{t.total}</strong>
          <strong>{money(order.total)}</strong>
        </p>
        <details>
          <summary>{t.showMessage}</summary>
          <label class="sr" for="message">
            {t.showMessage}
          </label>
          <textarea id="message" class="wide" readOnly rows={10} style="width: 100%" data-message>
            {order.message}
          </textarea>
        </details>
      </main>
    </div>
  )
}
