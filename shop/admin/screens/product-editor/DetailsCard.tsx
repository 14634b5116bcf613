import type { Category } from '../../api.ts'
import { Field, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import type { CardProps } from './card-props.ts'

/** Name, SKU, category, description and whether the product is on sale. */
export function DetailsCard({
  draft,
  set,
  errors,
  categories,
}: CardProps & { categories: Category[] }) {
  return (
    <div class="card">
      <h2>{t('details')}</h2>
      <TextField
        id="p-name"
        label={t('productName')}
        value={draft.name}
        onValue={(name) => set({ name })}
        error={errors.name}
        maxLength={200}
        required
      />
      <div class="row">
        <TextField
          id="p-sku"
          label="SKU"
          value={draft.sku}
          onValue={(sku) => set({ sku })}
          error={errors.sku}
          maxLength={64}
          autoComplete="off"
          spellcheck={false}
          hint={t('skuHint')}
          required
        />
        <Field id="p-category" label={t('category')} error={errors.categoryId}>
          {(describedBy) => (
            <select
              id="p-category"
              value={draft.categoryId}
              aria-describedby={describedBy}
              onChange={(e) => set({ categoryId: e.currentTarget.value })}
            >
              <option value="">{t('noCategory')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="p-description" label={t('description')} error={errors.description}>
        {(describedBy) => (
          <textarea
            id="p-description"
            rows={4}
            maxLength={5000}
            value={draft.description}
            aria-describedby={describedBy}
            onInput={(e) => set({ description: e.currentTarget.value })}
          />
        )}
      </Field>
      <label class="check">
        <input
          type="checkbox"
          checked={draft.active}
          onChange={(e) => set({ active: e.currentTarget.checked })}
        />
        {t('activeHint')}
      </label>
    </div>
  )
}
