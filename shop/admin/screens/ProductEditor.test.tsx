// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Product } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle, type } from '../test-dom.ts'
import { productJsonOf, shopJson, uploadedImageJson, variantRow } from '../testing/server-json.ts'
import { ProductEditor, ProductEditorScreen } from './ProductEditor.tsx'

const saved: Product[] = []
const editor = (product: Product | null = null) => (
  <ProductEditor
    slug="shop"
    currency="EUR"
    product={product}
    categories={[]}
    onSaved={(p) => saved.push(p)}
  />
)

afterEach(() => {
  saved.length = 0
  shops.value = undefined
  activeSlug.value = undefined
  setDirty('product', false)
})
setAdminLanguage('en')

describe('ProductEditor', () => {
  it('should show what is missing beside each field and send nothing', async () => {
    const sent = fakeServer(() => undefined)
    const root = await mount(editor())
    await click(button(root, 'Create product'))
    expect(errorOf(byLabel(root, 'Product'))).toBe('Required')
    expect(errorOf(byLabel(root, 'SKU'))).toBe('Required')
    expect(errorOf(byLabel(root, 'Price'))).toBe('Required')
    expect(sent).toEqual([])
  })

  it('should refuse a SKU with spaces and a compare-at price not above the price', async () => {
    fakeServer(() => undefined)
    const root = await mount(editor())
    await type(byLabel(root, 'SKU'), 'my sku')
    await type(byLabel(root, 'Price'), '10')
    await type(byLabel(root, 'Compare-at price'), '9.99')
    await click(button(root, 'Create product'))
    expect(errorOf(byLabel(root, 'SKU'))).toMatch(/Use 1 to 64/)
    expect(errorOf(byLabel(root, 'Compare-at price'))).toBe('Must be higher than the price')
  })

  it('should make one variant per option value with SKUs built from the product SKU', async () => {
    fakeServer(() => undefined)
    const root = await mount(editor())
    await type(byLabel(root, 'SKU'), 'TEE')
    await click(button(root, 'Add an option'))
    await type(byLabel(root, 'Option'), 'Size')
    await type(byLabel(root, 'Values, separated by commas'), 'S, M, L')
    const skus = [...root.querySelectorAll<HTMLInputElement>('[id^="v-sku-"]')].map((i) => i.value)
    expect(skus).toEqual(['TEE-S', 'TEE-M', 'TEE-L'])
  })

  it('should send the price typed with a comma in cents, with variants and stock', async () => {
    const sent = fakeServer((req) =>
      req.method === 'POST'
        ? {
            status: 201,
            body: productJsonOf(
              {
                sku: 'TEE',
                name: 'Linen tee',
                price: 1990,
                options: [{ name: 'Size', values: ['S'] }],
              },
              [variantRow({ sku: 'TEE-S', options: { Size: 'S' }, stock: 3 })],
            ),
          }
        : undefined,
    )
    const root = await mount(editor())
    await type(byLabel(root, 'Product'), 'Linen tee')
    await type(byLabel(root, 'SKU'), 'TEE')
    await type(byLabel(root, 'Price'), '19,90')
    await click(button(root, 'Add an option'))
    await type(byLabel(root, 'Option'), 'Size')
    await type(byLabel(root, 'Values, separated by commas'), 'S')
    await type(byLabel(root, 'Stock of S'), '3')
    await click(button(root, 'Create product'))
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: '/api/shops/shop/products',
      body: {
        sku: 'TEE',
        name: 'Linen tee',
        price: 1990,
        stock: null,
        options: [{ name: 'Size', values: ['S'] }],
        variants: [{ sku: 'TEE-S', options: { Size: 'S' }, price: null, stock: 3, active: true }],
      },
    })
    expect(saved.map((p) => [p.sku, p.variants.map((v) => v.sku)])).toEqual([['TEE', ['TEE-S']]])
  })

  it("should show the server's error beside the variant field it names", async () => {
    fakeServer(() => ({
      status: 409,
      body: {
        error: {
          code: 'sku_taken',
          message: 'Another product has this SKU',
          field: 'variants.0.sku',
        },
      },
    }))
    const root = await mount(editor())
    await type(byLabel(root, 'Product'), 'Cap')
    await type(byLabel(root, 'SKU'), 'CAP')
    await type(byLabel(root, 'Price'), '8')
    await click(button(root, 'Add an option'))
    await type(byLabel(root, 'Option'), 'Size')
    await type(byLabel(root, 'Values, separated by commas'), 'S')
    await click(button(root, 'Create product'))
    await settle()
    expect(errorOf(byLabel(root, 'SKU of S'))).toBe('Another product has this SKU')
    expect(saved).toEqual([])
  })

  it("should show amounts with the admin language's decimal mark, and an unpriced variant the product's price", async () => {
    fakeServer(() => undefined)
    setAdminLanguage('fr')
    try {
      const root = await mount(
        editor(
          productJsonOf(
            {
              sku: 'OIL',
              name: 'Huile',
              price: 2490,
              options: [{ name: 'Taille', values: ['25 cl', '75 cl'] }],
            },
            [
              variantRow({
                id: 'v1',
                sku: 'OIL-25',
                options: { Taille: '25 cl' },
                price: 990,
                stock: 3,
              }),
              variantRow({
                id: 'v2',
                sku: 'OIL-75',
                options: { Taille: '75 cl' },
                stock: 2,
                position: 1,
              }),
            ],
          ),
        ),
      )
      const input = (label: string) => byLabel(root, label) as HTMLInputElement | null
      expect(input('Prix')?.value).toBe('24,90')
      expect(input('Prix de 25 cl')?.value).toBe('9,90')
      const inherited = input('Prix de 75 cl')
      expect([inherited?.value, inherited?.placeholder]).toEqual(['', '24,90'])
    } finally {
      setAdminLanguage('en')
    }
  })

  it('should show an uploaded picture by its thumbnail and send the product with its hash', async () => {
    const hash = 'b'.repeat(32)
    const sent = fakeServer((req) =>
      req.url === '/api/shops/shop/images'
        ? { status: 201, body: uploadedImageJson(hash) }
        : { status: 201, body: productJsonOf({ images: [hash] }) },
    )
    const root = await mount(editor())
    await type(byLabel(root, 'Product'), 'Mug')
    await type(byLabel(root, 'SKU'), 'MUG')
    await type(byLabel(root, 'Price'), '15')
    const input = byLabel(root, 'Add pictures') as HTMLInputElement
    const file = new File([new Uint8Array(8)], 'mug.png', { type: 'image/png' })
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    await act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await settle()
    const thumb = root.querySelector<HTMLImageElement>('.images img')
    expect(thumb?.getAttribute('src')).toBe(`https://chatcart.example/media/${hash}-thumb.webp`)
    await click(button(root, 'Create product'))
    expect(sent.at(-1)).toMatchObject({ method: 'POST', body: { images: [hash] } })
    expect(saved.map((p) => p.images.map((i) => i.hash))).toEqual([[hash]])
  })

  it("should show why Meta refused a product, as the server's sync state says it", async () => {
    const failed = productJsonOf({}, [], {
      state: 'failed',
      error: 'Image could not be downloaded',
    })
    fakeServer((req) =>
      req.url === '/api/shops/shop/products/p1'
        ? { status: 200, body: failed }
        : { status: 200, body: { categories: [] } },
    )
    shops.value = [shopJson({ slug: 'shop' })]
    activeSlug.value = 'shop'
    const root = await mount(<ProductEditorScreen slug="shop" id="p1" />)
    await settle()
    expect(root.querySelector('.badge.inactive')?.textContent).toBe('Meta: failed')
    expect(root.querySelector('.error')?.textContent).toBe('Image could not be downloaded')
  })

  it('should say an amount is wrong when it cannot be read in the currency', async () => {
    fakeServer(() => undefined)
    const root = await mount(editor())
    const price = byLabel(root, 'Price')
    await type(price, 'twelve')
    price?.dispatchEvent(new Event('blur'))
    await settle()
    expect(errorOf(price)).toBe('Enter an amount in EUR, e.g. 19.90')
  })
})
