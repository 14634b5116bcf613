import QRCode from 'qrcode'
import {
  transferCode,
  type ViewPayment,
  type ViewPaymentMethod,
} from '../../shop/components/OrderPayment.tsx'
import type { OrderPayment } from '../orders/order-payment.ts'

/**
 * The order page's payment: each transfer code with its QR as inline SVG (no script, no
 * request), in the order the shop lists its methods.
 */
export async function viewPayment(payment: OrderPayment): Promise<ViewPayment> {
  if (payment.status === 'paid') return { status: 'paid', method: payment.method }
  const methods = await Promise.all(
    payment.methods.map(async (method): Promise<ViewPaymentMethod> => {
      const code = transferCode(method)
      if (code === null) return method as ViewPaymentMethod
      // Medium correction: banking apps read these from screens, often at an angle.
      const qrSvg = await QRCode.toString(code, {
        type: 'svg',
        margin: 2,
        errorCorrectionLevel: 'M',
      })
      return { type: method.type as 'pix', code, qrSvg }
    }),
  )
  return { status: 'unpaid', methods }
}
