import { Component } from 'preact'
import { shippingCost } from '../core/cart.ts'
import { formatMoney } from '../core/money.ts'
import type { MiniCart } from './mini-cart.ts'
import type { WidgetStrings } from './strings.ts'
import { prefetchOfflineOrder, type WidgetCheckoutForm } from './widget-checkout.ts'

export interface CartFormProps {
  cart: MiniCart
  strings: WidgetStrings
  locale: string
  currency: string
  onCheckout: (form: WidgetCheckoutForm) => void
}

/**
 * The mini cart: lines with quantities, the shop's shipping methods (the first one chosen, as
 * at the storefront's checkout), the address when the method needs one, the totals, the
 * customer's name and the checkout button. A class, like the bubble's dialog, so the widget's
 * chunks carry no hooks runtime.
 */
export class CartForm extends Component<CartFormProps, { picked: string }> {
  override state = { picked: '' }
  private stop: (() => void) | undefined

  // Drawn again whenever the cart, its prices or its shipping methods change (and once when it
  // starts listening, for a change between the first drawing and then).
  private listen() {
    this.stop?.()
    this.stop = this.props.cart.subscribe(() => this.forceUpdate())
    this.forceUpdate()
  }

  override componentDidMount() {
    this.listen()
    // The message for when the API cannot be reached is fetched now, while the network is there.
    prefetchOfflineOrder()
  }

  override componentDidUpdate(previous: CartFormProps) {
    if (previous.cart !== this.props.cart) this.listen()
  }

  override componentWillUnmount() {
    this.stop?.()
  }

  override render() {
    const { cart, strings: t, locale, currency, onCheckout } = this.props
    const picked = this.state.picked
    const lines = cart.lines.value
    if (lines.length === 0) return null
    const money = (amount: number) => formatMoney(amount, currency, locale)
    const methods = cart.shipping.value
    const method = methods.find((m) => m.id === picked) ?? methods[0]
    const totals = cart.totals(method?.id ?? '')
    return (
      <form
        class="cart"
        aria-label={t.cart}
        onSubmit={(event) => {
          event.preventDefault()
          const field = (name: string) => {
            const el = event.currentTarget.elements.namedItem(name)
            return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
              ? el.value
              : ''
          }
          const name = field('name').trim()
          if (name)
            onCheckout({ name, shippingMethodId: method?.id ?? '', address: field('address') })
        }}
      >
        <h3>{t.cart}</h3>
        <ul>
          {lines.map((line) => (
            <li key={line.sku}>
              <span class="nm">{line.name}</span>
              <button
                type="button"
                aria-label={`${t.remove} 1 × ${line.name}`}
                onClick={() => cart.setQuantity(line.sku, line.quantity - 1)}
              >
                −
              </button>
              <span class="q">{line.quantity}</span>
              <button
                type="button"
                aria-label={`+1 × ${line.name}`}
                onClick={() => cart.setQuantity(line.sku, line.quantity + 1)}
              >
                +
              </button>
              <span class="am">{money(line.lineTotal)}</span>
            </li>
          ))}
        </ul>
        {methods.length > 0 && (
          <fieldset>
            <legend>{t.shippingMethod}</legend>
            {methods.map((m) => {
              const cost = shippingCost(m, totals.subtotal)
              return (
                <label key={m.id} class="sm">
                  <input
                    type="radio"
                    name="shipping"
                    value={m.id}
                    checked={m === method}
                    onChange={() => this.setState({ picked: m.id })}
                  />
                  <span class="nm">{m.name}</span>
                  <span class="am">{cost === 0 ? t.free : money(cost)}</span>
                </label>
              )
            })}
          </fieldset>
        )}
        {method?.requiresAddress && (
          <label>
            {t.address}
            <textarea
              name="address"
              required
              maxLength={500}
              rows={2}
              autoComplete="street-address"
            />
          </label>
        )}
        <dl class="tt">
          {method && (
            <>
              <dt>{t.subtotal}</dt>
              <dd>{money(totals.subtotal)}</dd>
              <dt>{t.shipping}</dt>
              <dd>{totals.shippingTotal === 0 ? t.free : money(totals.shippingTotal)}</dd>
            </>
          )}
          <dt>{t.total}</dt>
          <dd>
            <b>{money(totals.total)}</b>
          </dd>
        </dl>
        <label>
          {t.name}
          <input name="name" required maxLength={100} autoComplete="name" />
        </label>
        <button type="submit" class="pr">
          {t.send}
        </button>
      </form>
    )
  }
}
