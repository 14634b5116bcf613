/** A price with its crossed-out "was" price when there is a higher one. */
export function Price(props: {
  amount: number
  compareAt?: number | null
  /** The amount as the shop writes it (formatMoney, or texts the server formatted). */
  format: (amount: number) => string
  wasLabel: string
}) {
  const { amount, compareAt, format } = props
  const onSale = compareAt !== null && compareAt !== undefined && compareAt > amount
  return (
    <span class={onSale ? 'price sale' : 'price'}>
      {format(amount)}
      {onSale && (
        <s class="was">
          <span class="sr">{props.wasLabel.replace('{amount}', '')}</span>
          {format(compareAt)}
        </s>
      )}
    </span>
  )
}
