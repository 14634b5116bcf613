import type { Order } from '../../api.ts'
import { money, slotText } from '../../format.ts'
import { t } from '../../i18n.ts'
import { activeShop } from '../../state.ts'

/** The order's lines, then its totals with shipping, discount, delivery area and slot. */
export function ItemsCard({ order }: { order: Order }) {
  return (
    <div class="card">
      <h2>{t('items')}</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('items')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('productName')}</th>
              <th scope="col" class="num">
                {t('qty')}
              </th>
              <th scope="col" class="num">
                {t('total')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((i) => (
              <tr key={i.sku}>
                <td>
                  {i.name}
                  <div class="muted small">
                    {i.sku} · {money(i.unitPrice, order.currency)}
                  </div>
                </td>
                <td class="num">{i.quantity}</td>
                <td class="num">{money(i.lineTotal, order.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OrderTotals order={order} />
    </div>
  )
}

function OrderTotals({ order }: { order: Order }) {
  return (
    <dl class="pairs totals">
      <dt>{t('subtotal')}</dt>
      <dd class="num">{money(order.subtotal, order.currency)}</dd>
      <dt>
        {t('shippingCost')}
        {order.shippingMethod && <div class="muted small">{order.shippingMethod.name}</div>}
      </dt>
      <dd class="num">{money(order.shippingTotal, order.currency)}</dd>
      {order.discountCode && (
        <>
          <dt>{t('orderDiscount', { code: order.discountCode })}</dt>
          <dd class="num" data-discount>
            −{money(order.discountTotal ?? 0, order.currency)}
          </dd>
        </>
      )}
      {order.deliveryArea && (
        <>
          <dt>{t('orderArea')}</dt>
          <dd data-area>{order.deliveryArea}</dd>
        </>
      )}
      {order.slot && (
        <>
          <dt>{t('orderSlot')}</dt>
          <dd data-slot>{slotText(order.slot, activeShop.value?.timezone)}</dd>
        </>
      )}
      <dt>
        <strong>{t('total')}</strong>
      </dt>
      <dd class="num">
        <strong>{money(order.total, order.currency)}</strong>
      </dd>
    </dl>
  )
}
