import { Field, TextField } from '../../components/Field.tsx'
import { MoneyInput } from '../../components/MoneyInput.tsx'
import { CurrencyField, ShopLanguageField } from '../../components/ShopLocaleFields.tsx'
import { t } from '../../i18n.ts'
import type { SectionProps } from './settings-form.ts'

/** The shop's name and description. */
export function NameFields({ draft, set, errors }: SectionProps) {
  return (
    <>
      <TextField
        id="s-name"
        label={t('shopName')}
        value={draft.name}
        onValue={(name) => set({ name })}
        error={errors.name}
        maxLength={100}
        required
      />
      <Field id="s-description" label={t('description')} error={errors.description}>
        {(describedBy) => (
          <textarea
            id="s-description"
            rows={3}
            maxLength={2000}
            value={draft.description}
            aria-describedby={describedBy}
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
        )}
      </Field>
    </>
  )
}

/** Currency and the shop's language, side by side. */
export function MoneyFields({ draft, set, errors }: SectionProps) {
  return (
    <div class="row">
      <CurrencyField
        id="s-currency"
        value={draft.currency}
        error={errors.currency}
        onValue={(currency) => set({ currency })}
      />
      <ShopLanguageField
        id="s-locale"
        value={draft.locale}
        error={errors.locale}
        onValue={(locale) => set({ locale })}
      />
    </div>
  )
}

/** The address, how long unsent orders last, the minimum order and whether the shop is public. */
export function OrderFields({ draft, set, errors }: SectionProps) {
  return (
    <>
      <TextField
        id="s-address"
        label={t('address')}
        value={draft.address}
        onValue={(address) => set({ address })}
        error={errors.address}
        maxLength={500}
      />
      <TextField
        id="s-order-expiry"
        label={t('orderExpiryHours')}
        hint={t('orderExpiryHint')}
        type="number"
        inputMode="numeric"
        value={draft.orderExpiryHours}
        onValue={(orderExpiryHours) => set({ orderExpiryHours })}
        error={errors.orderExpiryHours}
      />
      <MoneyInput
        id="s-min-order"
        label={t('shopMinOrder')}
        hint={t('shopMinOrderHint')}
        currency={draft.currency}
        value={draft.minOrderAmount}
        onValue={(minOrderAmount) => set({ minOrderAmount })}
        error={errors.minOrderAmount}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={draft.published}
          onChange={(e) => set({ published: e.currentTarget.checked })}
        />
        {t('published')}
      </label>
    </>
  )
}
