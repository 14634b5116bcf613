import { formatMoney } from '../core/money.ts'
import type { MiniCart } from './mini-cart.ts'
import type { WidgetStrings } from './strings.ts'

export interface CartFormProps {
  cart: MiniCart
  strings: WidgetStrings
  locale: string
  currency: string
  onCheckout: (name: string) => void
}

/** The mini cart: lines with quantities, the total, the customer's name and the checkout button. */
export function CartForm({ cart, strings: t, locale, currency, onCheckout }: CartFormProps) {
  const lines = cart.lines.value
  if (lines.length === 0) return null
  const money = (amount: number) => formatMoney(amount, currency, locale)
  return (
    <form
      class="cart"
      aria-label={t.cart}
      onSubmit={(event) => {
        event.preventDefault()
        const input = event.currentTarget.elements.namedItem('name')
        const name = input instanceof HTMLInputElement ? input.value.trim() : ''
        if (name) onCheckout(name)
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
      <p class="tt">
        {t.total}: <b>{money(cart.total.value)}</b>
      </p>
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
