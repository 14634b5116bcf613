import { TextField } from '../../components/Field.tsx'
import { MoneyInput } from '../../components/MoneyInput.tsx'
import { t } from '../../i18n.ts'
import type { CardProps, MoneyValidity } from './card-props.ts'

/** Price, the price before a sale, and stock. */
export function PricingCard(
  props: CardProps & { currency: string; setInvalidMoney: MoneyValidity },
) {
  const { draft, set, errors, currency, setInvalidMoney } = props
  return (
    <div class="card">
      <h2>{t('pricing')}</h2>
      <div class="row">
        <MoneyInput
          id="p-price"
          label={t('price')}
          currency={currency}
          value={draft.price}
          onValue={(price) => set({ price })}
          onValidity={(ok) => setInvalidMoney((m) => ({ ...m, price: !ok }))}
          error={errors.price}
          required
        />
        <MoneyInput
          id="p-compare"
          label={t('compareAtPrice')}
          currency={currency}
          value={draft.compareAtPrice}
          onValue={(compareAtPrice) => set({ compareAtPrice })}
          onValidity={(ok) => setInvalidMoney((m) => ({ ...m, compareAtPrice: !ok }))}
          error={errors.compareAtPrice}
          hint={t('compareAtHint')}
        />
        <TextField
          id="p-stock"
          label={t('stock')}
          value={draft.stock}
          onValue={(stock) => set({ stock })}
          error={errors.stock}
          inputMode="numeric"
          hint={t('stockHint')}
        />
      </div>
    </div>
  )
}
