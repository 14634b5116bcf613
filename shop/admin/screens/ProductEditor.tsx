import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { api, type Category, type Product, shopPath, type UploadedImage } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, type FieldErrors, FormError } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { MetaSyncBadge } from '../components/MetaSyncBadge.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import {
  draftFromProduct,
  draftPayload,
  emptyDraft,
  type ProductDraft,
  validateDraft,
} from '../product-form.ts'
import { navigate, setDirty, shopUrl } from '../router.ts'
import { activeShop, toast } from '../state.ts'
import { DetailsCard } from './product-editor/DetailsCard.tsx'
import { PicturesCard } from './product-editor/PicturesCard.tsx'
import { PricingCard } from './product-editor/PricingCard.tsx'
import { VariantsCard } from './product-editor/VariantsCard.tsx'

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
  const [invalidMoney, setInvalidMoney] = useState<Record<string, boolean>>({})
  const formRef = useRef<HTMLFormElement>(null)
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial)

  useEffect(() => setDraft(initial), [initial])
  useEffect(() => {
    setDirty('product', dirty)
    return () => setDirty('product', false)
  }, [dirty])

  const set = (patch: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const { uploading, upload } = useImageUpload(slug, setDraft, setErrors)

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

  const remove = () =>
    product &&
    deleteProduct(
      slug,
      product,
      () => onDeleted?.(),
      (error) => setErrors(errorsFrom(error)),
    )

  return (
    <form ref={formRef} onSubmit={save} noValidate class="editor">
      <FormError error={errors._form} />
      <DetailsCard draft={draft} set={set} errors={errors} categories={categories} />
      <PricingCard
        draft={draft}
        set={set}
        errors={errors}
        currency={currency}
        setInvalidMoney={setInvalidMoney}
      />
      <PicturesCard draft={draft} set={set} errors={errors} uploading={uploading} upload={upload} />
      <VariantsCard
        draft={draft}
        set={set}
        errors={errors}
        currency={currency}
        setDraft={setDraft}
        setInvalidMoney={setInvalidMoney}
      />

      <EditorActions
        busy={busy || uploading > 0}
        label={busy ? t('wait') : product ? t('save') : t('createProduct')}
        remove={product ? remove : undefined}
      />
    </form>
  )
}

/** Save (or create), and delete for a product that exists; they stay in view as it scrolls. */
function EditorActions(props: { busy: boolean; label: string; remove: (() => void) | undefined }) {
  return (
    <div class="actions sticky-actions">
      <button type="submit" class="primary" disabled={props.busy}>
        {props.label}
      </button>
      {props.remove && (
        <button type="button" class="secondary danger-text" onClick={props.remove}>
          {t('delete')}
        </button>
      )}
    </div>
  )
}

/** Pictures uploaded one by one as they are picked, each added to the draft once. */
function useImageUpload(
  slug: string,
  setDraft: (update: (d: ProductDraft) => ProductDraft) => void,
  setErrors: (update: (errors: FieldErrors) => FieldErrors) => void,
) {
  const [uploading, setUploading] = useState(0)
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
  return { uploading, upload }
}

/** Deletes a product once the merchant confirms. */
async function deleteProduct(
  slug: string,
  product: Product,
  onDeleted: () => void,
  onError: (error: unknown) => void,
) {
  const ok = await confirmAction({
    title: t('deleteProductQ', { name: product.name }),
    danger: true,
    confirmLabel: t('delete'),
  })
  if (!ok) return
  try {
    await api.del(shopPath(slug, `/products/${product.id}`))
    setDirty('product', false)
    toast(t('deleted'))
    onDeleted()
  } catch (error) {
    onError(error)
  }
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
