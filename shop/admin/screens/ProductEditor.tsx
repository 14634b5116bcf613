import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { api, type Category, type Product, shopPath, type UploadedImage } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { MetaSyncBadge } from '../components/MetaSyncBadge.tsx'
import { MoneyInput } from '../components/MoneyInput.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import {
  draftFromProduct,
  draftPayload,
  emptyDraft,
  generateVariants,
  moveItem,
  type ProductDraft,
  validateDraft,
} from '../product-form.ts'
import { navigate, setDirty, shopUrl } from '../router.ts'
import { activeShop, toast } from '../state.ts'

interface EditorProps {
  slug: string
  currency: string
  product: Product | null
  categories: Category[]
  onSaved: (product: Product) => void
  onDeleted?: () => void
}

/** The product editor: details, pricing, stock, pictures, options and variants. */
export function ProductEditor({
  slug,
  currency,
  product,
  categories,
  onSaved,
  onDeleted,
}: EditorProps) {
  const initial = useMemo(() => (product ? draftFromProduct(product) : emptyDraft()), [product])
  const [draft, setDraft] = useState<ProductDraft>(initial)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(0)
  const [invalidMoney, setInvalidMoney] = useState<Record<string, boolean>>({})
  const dragFrom = useRef<number | null>(null)
  const formRef = useRef<HTMLFormElement>(null)
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial)

  useEffect(() => setDraft(initial), [initial])
  useEffect(() => {
    setDirty('product', dirty)
    return () => setDirty('product', false)
  }, [dirty])

  const set = (patch: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...patch }))
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

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    )

  const save = async (e: Event) => {
    e.preventDefault()
    const found = validateDraft(draft)
    for (const [field, bad] of Object.entries(invalidMoney))
      if (bad) found[field] = t('invalidAmount', { currency })
    setErrors(found)
    if (Object.keys(found).length > 0) return focusFirstError()
    setBusy(true)
    try {
      const body = draftPayload(draft)
      const saved = product
        ? await api.patch<Product>(shopPath(slug, `/products/${product.id}`), body)
        : await api.post<Product>(shopPath(slug, '/products'), body)
      setDirty('product', false)
      toast(t('saved'))
      onSaved(saved)
    } catch (error) {
      setErrors(errorsFrom(error))
      focusFirstError()
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    if (!product) return
    if (
      !(await confirmAction({
        title: t('deleteProductQ', { name: product.name }),
        danger: true,
        confirmLabel: t('delete'),
      }))
    )
      return
    try {
      await api.del(shopPath(slug, `/products/${product.id}`))
      setDirty('product', false)
      toast(t('deleted'))
      onDeleted?.()
    } catch (error) {
      setErrors(errorsFrom(error))
    }
  }

  const upload = async (files: FileList) => {
    setErrors((x) => ({ ...x, images: '' }))
    for (const file of Array.from(files)) {
      setUploading((n) => n + 1)
      try {
        const form = new FormData()
        form.append('file', file)
        const image = await api.post<UploadedImage>(shopPath(slug, '/images'), form)
        setDraft((d) =>
          d.images.some((i) => i.hash === image.hash) ? d : { ...d, images: [...d.images, image] },
        )
      } catch (error) {
        setErrors((x) => ({
          ...x,
          images: `${file.name}: ${Object.values(errorsFrom(error))[0] ?? ''}`,
        }))
      } finally {
        setUploading((n) => n - 1)
      }
    }
  }

  const moveImage = (from: number, to: number) => set({ images: moveItem(draft.images, from, to) })
  const imageError = Object.entries(errors).find(
    ([k]) => k === 'images' || k.startsWith('images.'),
  )?.[1]

  return (
    <form ref={formRef} onSubmit={save} noValidate class="editor">
      <FormError error={errors._form} />
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

      <div class="card">
        <h2>{t('pictures')}</h2>
        {draft.images.length > 0 && (
          <ul class="images" aria-label={t('pictures')}>
            {draft.images.map((image, i) => (
              <li
                key={image.hash}
                draggable
                onDragStart={() => {
                  dragFrom.current = i
                }}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault()
                  if (dragFrom.current !== null) moveImage(dragFrom.current, i)
                  dragFrom.current = null
                }}
              >
                <img
                  src={image.thumbUrl}
                  alt={t('pictureN', { n: i + 1 })}
                  width={94}
                  height={94}
                />
                <div class="image-actions">
                  <button
                    type="button"
                    aria-label={t('moveEarlier', { n: i + 1 })}
                    disabled={i === 0}
                    onClick={() => moveImage(i, i - 1)}
                  >
                    ◀
                  </button>
                  <button
                    type="button"
                    aria-label={t('removePicture', { n: i + 1 })}
                    onClick={() => set({ images: draft.images.filter((_, j) => j !== i) })}
                  >
                    ✕
                  </button>
                  <button
                    type="button"
                    aria-label={t('moveLater', { n: i + 1 })}
                    disabled={i === draft.images.length - 1}
                    onClick={() => moveImage(i, i + 1)}
                  >
                    ▶
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <Field
          id="p-images"
          label={t('addPictures')}
          error={imageError}
          hint={uploading ? t('uploading', { n: uploading }) : t('picturesHint')}
        >
          {(describedBy) => (
            <input
              id="p-images"
              type="file"
              multiple
              accept="image/png,image/jpeg,image/webp,image/gif"
              aria-describedby={describedBy}
              onChange={(e) => {
                const files = e.currentTarget.files
                if (files?.length) void upload(files)
                e.currentTarget.value = ''
              }}
            />
          )}
        </Field>
      </div>

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

      <div class="actions sticky-actions">
        <button type="submit" class="primary" disabled={busy || uploading > 0}>
          {busy ? t('wait') : product ? t('save') : t('createProduct')}
        </button>
        {product && (
          <button type="button" class="secondary danger-text" onClick={remove}>
            {t('delete')}
          </button>
        )}
      </div>
    </form>
  )
}

/** The editor's screen: loads the product (or starts a new one) and the categories. */
export function ProductEditorScreen({ slug, id }: { slug: string; id: string }) {
  const shop = activeShop.value
  const [product, setProduct] = useState<Product | null | undefined>(
    id === 'new' ? null : undefined,
  )
  const [categories, setCategories] = useState<Category[] | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)

  useEffect(() => {
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setCategories(r.categories),
      () => setCategories([]),
    )
    if (id !== 'new') {
      api
        .get<Product>(shopPath(slug, `/products/${id}`))
        .then(setProduct, (e: Error) => setError(e.message))
    } else setProduct(null)
  }, [slug, id])

  if (error) return <FormError error={error} />
  if (product === undefined || categories === undefined || !shop) return <Loading />
  return (
    <section aria-labelledby="editor-title">
      <p>
        <Link href={shopUrl(slug, '/products')}>← {t('navProducts')}</Link>
      </p>
      <h1 id="editor-title">{product ? product.name : t('newProduct')}</h1>
      {product?.metaSync && <MetaSyncBadge sync={product.metaSync} detailed />}
      <ProductEditor
        slug={slug}
        currency={shop.currency}
        product={product}
        categories={categories}
        onSaved={(saved) => {
          if (!product)
            navigate(shopUrl(slug, `/products/${saved.id}`), { replace: true, force: true })
          else setProduct(saved)
        }}
        onDeleted={() => navigate(shopUrl(slug, '/products'), { force: true })}
      />
    </section>
  )
}
