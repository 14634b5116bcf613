import { formatMoney } from '../../core/money.ts'

/** A price with its crossed-out "was" price when there is a higher one. */
export function Price(props: {
  amount: number
  compareAt?: number | null
  currency: string
  locale: string
  wasLabel: string
}) {
  const { amount, compareAt, currency, locale } = props
  const onSale = compareAt !== null && compareAt !== undefined && compareAt > amount
  return (
    <span class={onSale ? 'price sale' : 'price'}>
      {formatMoney(amount, currency, locale)}
      {onSale && (
        <s class="was">
          <span class="sr">{props.wasLabel.replace('{amount}', '')}</span>
          {formatMoney(compareAt, currency, locale)}
        </s>
      )}
    </span>
  )
}
