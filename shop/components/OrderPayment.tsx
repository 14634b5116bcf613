import { type PaymentStrings, paymentMethodName } from '../payment-strings.ts'

/** One way to pay the order, as GET /api/orders/{token} gives it, with its QR when it has one. */
export type ViewPaymentMethod =
  | { type: 'cash' }
  | { type: 'bank'; instructions: string }
  | { type: 'stripe'; checkoutUrl: string }
  | { type: 'pix' | 'upi' | 'sepa' | 'paynow' | 'promptpay'; code: string; qrSvg: string }

/** The order's payment: how it was paid, or the ways to pay it. */
export type ViewPayment =
  | { status: 'paid'; method: string | null }
  | { status: 'unpaid'; methods: ViewPaymentMethod[] }

/** The transfer code of a method: what its QR encodes and its copy button copies. */
export function transferCode(method: object): string | null {
  const fields = method as Record<string, unknown>
  for (const field of ['brCode', 'upiUrl', 'epcQr', 'emvQr']) {
    if (typeof fields[field] === 'string') return fields[field] as string
  }
  return null
}

/** "How to pay" on the order page: a QR and a copy button per transfer, a pay button, instructions. */
export function OrderPayment(props: { payment: ViewPayment; strings: PaymentStrings }) {
  const { payment, strings: t } = props
  if (payment.status === 'paid') {
    return payment.method ? (
      <p class="paid" data-paid>
        {t.paidWith.replace('{method}', paymentMethodName(payment.method, t))}
      </p>
    ) : null
  }
  if (payment.methods.length === 0) return null
  return (
    <section class="pay" aria-labelledby="pay-heading">
      <h2 id="pay-heading">{t.heading}</h2>
      {payment.methods.map((method) => {
        switch (method.type) {
          case 'cash':
            return (
              <p key="cash" data-pay="cash">
                {t.cash}
              </p>
            )
          case 'bank':
            return (
              <div key="bank" data-pay="bank">
                <h3>{t.methods.bank}</h3>
                <p>{t.bank}</p>
                <p dir="auto" style="white-space: pre-line">
                  {method.instructions}
                </p>
              </div>
            )
          case 'stripe':
            return (
              <p key="stripe" data-pay="stripe">
                <a class="btn primary" href={method.checkoutUrl} rel="noopener noreferrer">
                  {t.payByCard}
                </a>
              </p>
            )
          default: {
            const id = `pay-${method.type}`
            return (
              <figure key={method.type} class="pay-qr" data-pay={method.type}>
                <h3>{method.type === 'sepa' ? t.sepa : paymentMethodName(method.type, t)}</h3>
                <div data-pay-qr dangerouslySetInnerHTML={{ __html: method.qrSvg }} />
                <figcaption>{t.scan}</figcaption>
                <label class="sr" for={id}>
                  {t.copyCode}
                </label>
                <textarea id={id} class="wide" readOnly rows={3} dir="ltr" style="width: 100%">
                  {method.code}
                </textarea>
                <button type="button" class="btn" data-copy={`#${id}`}>
                  {t.copyCode}
                </button>
                <span role="status" />
              </figure>
            )
          }
        }
      })}
    </section>
  )
}
