import { describe, expect, it } from 'vitest'
import { createMiniCart, type ShippingOption, type SkuInfo } from './mini-cart.ts'

const SKUS: SkuInfo[] = [
  { sku: 'MUG', name: 'Mug', price: 1200, inStock: true },
  { sku: 'TEE-L', name: 'T-shirt (L)', price: 2200, inStock: true },
  { sku: 'TEE-M', name: 'T-shirt (M)', price: 2000, inStock: false },
]

const SHIPPING: ShippingOption[] = [
  { id: 'pickup', name: 'Pick-up', price: 0, freeOver: null, requiresAddress: false },
  { id: 'post', name: 'Post', price: 500, freeOver: 3000, requiresAddress: true },
]

/** A Storage over a Map, as the browser's localStorage behaves. */
function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  }
}

function cart(storage: Storage | null = memoryStorage()) {
  const requests: string[][] = []
  const miniCart = createMiniCart({
    storage,
    shop: 'acme',
    fetchSkus: async (skus) => {
      requests.push([...skus])
      return { skus: SKUS.filter((info) => skus.includes(info.sku)), shipping: SHIPPING }
    },
  })
  return { miniCart, storage, fetches: () => requests.length, requests }
}

describe('createMiniCart', () => {
  it('should add a SKU from the catalog with its name, price and line total', async () => {
    const { miniCart } = cart()
    expect(await miniCart.add('TEE-L', 2)).toBe(true)
    expect(miniCart.lines.value).toEqual([
      { sku: 'TEE-L', quantity: 2, name: 'T-shirt (L)', price: 2200, lineTotal: 4400 },
    ])
    expect(miniCart.total.value).toBe(4400)
  })

  it('should add to the quantity of a SKU already in the cart', async () => {
    const { miniCart } = cart()
    await miniCart.add('MUG', 1)
    await miniCart.add('MUG', 2)
    expect(miniCart.items.value).toEqual([{ sku: 'MUG', quantity: 3 }])
    expect(miniCart.count.value).toBe(3)
  })

  it('should refuse an unknown or sold-out SKU and a quantity below one', async () => {
    const { miniCart } = cart()
    expect(await miniCart.add('NOPE', 1)).toBe(false)
    expect(await miniCart.add('TEE-M', 1)).toBe(false)
    expect(await miniCart.add('MUG', 0)).toBe(false)
    expect(await miniCart.add('MUG', Number.NaN)).toBe(false)
    expect(miniCart.items.value).toEqual([])
  })

  it('should fetch the price of each SKU it adds once, never the whole catalog', async () => {
    const { miniCart, fetches, requests } = cart()
    expect(fetches()).toBe(0)
    await miniCart.add('MUG', 1)
    await miniCart.add('TEE-L', 1)
    await miniCart.add('MUG', 1)
    expect(requests).toEqual([['MUG'], ['TEE-L']])
  })

  it('should ask only for the SKUs of a saved cart when it comes back', async () => {
    const { miniCart, storage } = cart()
    await miniCart.add('TEE-L', 2)
    const next = cart(storage)
    await next.miniCart.catalog()
    expect(next.requests).toEqual([['TEE-L']])
    expect(next.miniCart.total.value).toBe(4400)
  })

  it('should store nothing until something is added, then keep the cart for the next page', async () => {
    const { miniCart, storage } = cart()
    expect(storage?.length).toBe(0)
    await miniCart.add('MUG', 2)
    const next = cart(storage).miniCart
    expect(next.items.value).toEqual([{ sku: 'MUG', quantity: 2 }])
  })

  it('should change and remove quantities, and forget an empty cart', async () => {
    const { miniCart, storage } = cart()
    await miniCart.add('MUG', 2)
    miniCart.setQuantity('MUG', 5)
    expect(miniCart.total.value).toBe(6000)
    miniCart.setQuantity('MUG', 0)
    expect(miniCart.items.value).toEqual([])
    expect(storage?.length).toBe(0)
  })

  it('should cap a line at 999 units', async () => {
    const { miniCart } = cart()
    await miniCart.add('MUG', 5000)
    expect(miniCart.items.value).toEqual([{ sku: 'MUG', quantity: 999 }])
  })

  it('should work without storage', async () => {
    const { miniCart } = cart(null)
    expect(await miniCart.add('MUG', 1)).toBe(true)
  })

  it("should price shipping with the shop's methods, free over the threshold", async () => {
    const { miniCart } = cart()
    await miniCart.add('MUG', 1)
    expect(miniCart.shipping.value.map((m) => m.id)).toEqual(['pickup', 'post'])
    expect(miniCart.totals('post')).toEqual({ subtotal: 1200, shippingTotal: 500, total: 1700 })
    expect(miniCart.totals('')).toEqual({ subtotal: 1200, shippingTotal: 0, total: 1200 })
    miniCart.setQuantity('MUG', 3)
    expect(miniCart.totals('post')).toEqual({ subtotal: 3600, shippingTotal: 0, total: 3600 })
  })
})
