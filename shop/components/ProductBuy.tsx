import { useState } from 'preact/hooks'
import { addToCart, cartOpen, MAX_QUANTITY } from '../cart-store.ts'
import { fill } from '../fill.ts'
import { type BuyProduct, type BuyVariant, variantName } from '../page-data.ts'
import type { ShopStrings } from '../strings.ts'
import { Price } from './Price.tsx'

export interface ProductBuyProps {
  product: BuyProduct
  /**
   * Every price the box can show, formatted by the server: hydrating then builds no Intl
   * formatter, which takes tens of milliseconds on a phone the first time.
   */
  priceTexts: Record<number, string>
  strings: Pick<
    ShopStrings,
    'addToCart' | 'soldOut' | 'onlyLeft' | 'quantity' | 'decrease' | 'increase' | 'wasPrice'
  >
}

const available = (stock: number | null) => stock === null || stock > 0

function initialChoice(product: BuyProduct): Record<string, string> {
  const first = product.variants.find((v) => available(v.stock)) ?? product.variants[0]
  return first ? { ...first.options } : {}
}

function findVariant(variants: BuyVariant[], choice: Record<string, string>) {
  return variants.find((v) => Object.entries(v.options).every(([k, val]) => choice[k] === val))
}

/** The product page's buy box: option chips, live price and stock, quantity, add to cart. */
export function ProductBuy({ product, priceTexts, strings }: ProductBuyProps) {
  const [choice, setChoice] = useState(() => initialChoice(product))
  const [quantity, setQuantity] = useState(1)
  const hasVariants = product.variants.length > 0
  const variant = hasVariants ? findVariant(product.variants, choice) : undefined
  const price = variant?.price ?? product.price
  const compareAt = hasVariants ? (variant?.compareAtPrice ?? null) : product.compareAtPrice
  const stock = hasVariants ? (variant ? variant.stock : 0) : product.stock
  const limit = Math.min(MAX_QUANTITY, stock ?? MAX_QUANTITY)
  const soldOut = !available(stock)
  const qty = Math.max(1, Math.min(quantity, limit))
  // Only options that some variant actually uses are offered.
  const options = product.options.filter((o) => o.values.length > 0)

  const add = () => {
    if (soldOut) return
    addToCart(
      {
        sku: variant?.sku ?? product.sku,
        name: variant ? variantName(product.name, variant.options) : product.name,
        price,
        stock,
        image: product.image,
      },
      qty,
    )
    cartOpen.value = true
  }

  return (
    <form
      class="buy"
      onSubmit={(e) => {
        e.preventDefault()
        add()
      }}
    >
      <p>
        <Price
          amount={price}
          compareAt={compareAt}
          format={(amount) => priceTexts[amount] ?? ''}
          wasLabel={strings.wasPrice}
        />
      </p>
      {hasVariants &&
        options.map((option) => (
          <fieldset key={option.name}>
            <legend>{option.name}</legend>
            <div class="chips">
              {option.values.map((value) => {
                const next = { ...choice, [option.name]: value }
                const match = findVariant(product.variants, next)
                return (
                  <label key={value}>
                    <input
                      type="radio"
                      name={`opt-${option.name}`}
                      value={value}
                      checked={choice[option.name] === value}
                      disabled={!match}
                      onChange={() => setChoice(next)}
                    />
                    <span>{value}</span>
                  </label>
                )
              })}
            </div>
          </fieldset>
        ))}
      <p class="badge" aria-live="polite">
        {soldOut
          ? strings.soldOut
          : stock !== null && stock <= 5
            ? fill(strings.onlyLeft, { n: stock })
            : ''}
      </p>
      <div class="row">
        <div class="qty">
          <button
            type="button"
            aria-label={strings.decrease}
            onClick={() => setQuantity(qty - 1)}
            disabled={qty <= 1}
          >
            −
          </button>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={limit}
            value={qty}
            aria-label={strings.quantity}
            onInput={(e) => setQuantity(Number(e.currentTarget.value) || 1)}
          />
          <button
            type="button"
            aria-label={strings.increase}
            onClick={() => setQuantity(qty + 1)}
            disabled={qty >= limit}
          >
            +
          </button>
        </div>
        <button class="btn primary" type="submit" disabled={soldOut}>
          {soldOut ? strings.soldOut : strings.addToCart}
        </button>
      </div>
    </form>
  )
}
