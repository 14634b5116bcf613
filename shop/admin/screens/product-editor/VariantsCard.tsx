import type { StateUpdater } from 'preact/hooks'
import { TextField } from '../../components/Field.tsx'
import { MoneyInput } from '../../components/MoneyInput.tsx'
import { t } from '../../i18n.ts'
import { generateVariants, type ProductDraft } from '../../product-form.ts'
import type { CardProps, MoneyValidity } from './card-props.ts'

/** Up to three options, and the variants they make, each with its SKU, price, stock and switch. */
export function VariantsCard(
  props: CardProps & {
    currency: string
    setDraft: (update: StateUpdater<ProductDraft>) => void
    setInvalidMoney: MoneyValidity
  },
) {
  const { draft, set, errors, currency, setDraft, setInvalidMoney } = props
  const setOption = (i: number, patch: Partial<ProductDraft['options'][number]>) =>
    setDraft((d) => {
      const options = d.options.map((o, j) => (j === i ? { ...o, ...patch } : o))
      const next = { ...d, options }
      return { ...next, variants: generateVariants(next) }
    })
  const setVariant = (i: number, patch: Partial<ProductDraft['variants'][number]>) =>
    setDraft((d) => ({
      ...d,
      variants: d.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)),
    }))
  return (
    <div class="card">
      <h2>{t('optionsVariants')}</h2>
      <p class="muted small">{t('optionsHint')}</p>
      {errors.options && <p class="error">{errors.options}</p>}
      {draft.options.map((option, i) => (
        <div class="option-row" key={i}>
          <TextField
            id={`o-name-${i}`}
            label={t('optionName')}
            value={option.name}
            onValue={(name) => setOption(i, { name })}
            error={errors[`options.${i}.name`]}
            placeholder={t('optionNamePlaceholder')}
            maxLength={50}
          />
          <TextField
            id={`o-values-${i}`}
            label={t('optionValues')}
            value={option.values}
            onValue={(values) => setOption(i, { values })}
            error={errors[`options.${i}.values`]}
            placeholder={t('optionValuesPlaceholder')}
          />
          <div class="field">
            <button
              type="button"
              class="secondary"
              onClick={() =>
                setDraft((d) => {
                  const next = { ...d, options: d.options.filter((_, j) => j !== i) }
                  return { ...next, variants: generateVariants(next) }
                })
              }
            >
              {t('removeOption')}
            </button>
          </div>
        </div>
      ))}
      {draft.options.length < 3 && (
        <button
          type="button"
          class="secondary"
          onClick={() => set({ options: [...draft.options, { name: '', values: '' }] })}
        >
          {t('addOption')}
        </button>
      )}
      {draft.variants.length > 0 && (
        <div class="table-wrap variants">
          <table>
            <caption class="visually-hidden">{t('variants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('variant')}</th>
                <th scope="col">SKU</th>
                <th scope="col">{t('price')}</th>
                <th scope="col">{t('stock')}</th>
                <th scope="col">{t('active')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.variants.map((v, i) => {
                const label = Object.values(v.options).join(' / ')
                return (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    <td class="cell">
                      <TextField
                        id={`v-sku-${i}`}
                        label={t('skuOf', { label })}
                        value={v.sku}
                        onValue={(sku) => setVariant(i, { sku })}
                        error={errors[`variants.${i}.sku`]}
                        spellcheck={false}
                      />
                    </td>
                    <td class="cell">
                      <MoneyInput
                        id={`v-price-${i}`}
                        label={t('priceOf', { label })}
                        currency={currency}
                        value={v.price}
                        placeholder={draft.price ?? undefined}
                        onValue={(price) => setVariant(i, { price })}
                        onValidity={(ok) =>
                          setInvalidMoney((m) => ({ ...m, [`variants.${i}.price`]: !ok }))
                        }
                        error={errors[`variants.${i}.price`]}
                      />
                    </td>
                    <td class="cell">
                      <TextField
                        id={`v-stock-${i}`}
                        label={t('stockOf', { label })}
                        value={v.stock}
                        onValue={(stock) => setVariant(i, { stock })}
                        error={errors[`variants.${i}.stock`]}
                        inputMode="numeric"
                      />
                    </td>
                    <td class="cell">
                      {/* The word shows on phones, where the table's header is hidden. */}
                      <label class="variant-active">
                        <input
                          type="checkbox"
                          aria-label={t('activeOf', { label })}
                          checked={v.active}
                          onChange={(e) => setVariant(i, { active: e.currentTarget.checked })}
                        />
                        <span aria-hidden="true">{t('active')}</span>
                      </label>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      {errors.variants && <p class="error">{errors.variants}</p>}
    </div>
  )
}
