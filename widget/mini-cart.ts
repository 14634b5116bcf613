import { orderTotals } from '../core/cart.ts'

/** An orderable SKU as `GET /api/widget/{slug}/skus` lists it. */
export interface SkuInfo {
  sku: string
  name: string
  price: number
  inStock: boolean
}

/** A shipping method as the storefront's checkout offers it; amounts in minor units. */
export interface ShippingOption {
  id: string
  name: string
  price: number
  freeOver: number | null
  requiresAddress: boolean
}

/** What `GET /api/widget/{slug}/skus` answers. */
export interface SkuAnswer {
  skus: SkuInfo[]
  /** The shop's shipping methods (sent with every answer: only a cart needs them). */
  shipping?: ShippingOption[] | undefined
}

export interface CartItem {
  sku: string
  quantity: number
}

const MAX_QUANTITY = 999

/**
 * The mini cart: SKUs and quantities checked against the shop's price list, kept in
 * localStorage (only once the visitor adds something) so it follows them across the site.
 */
export function createMiniCart(options: {
  storage: Storage | null
  shop: string
  /** Fetches the prices of these SKUs only (never the whole catalog); once per SKU. */
  fetchSkus: (skus: readonly string[]) => Promise<SkuAnswer>
}) {
  const key = `chatcart:cart:${options.shop}`
  let saved: CartItem[] = []
  try {
    saved = JSON.parse(options.storage?.getItem(key) ?? '[]')
  } catch {
    saved = []
  }
  // Plain values and listeners told of every change: no signals library in the widget's chunks.
  const listeners = new Set<() => void>()
  const state = <T>(initial: T) => {
    let current = initial
    return {
      get value() {
        return current
      },
      set value(next: T) {
        current = next
        for (const listener of listeners) listener()
      },
    }
  }
  const derived = <T>(read: () => T) => ({
    get value() {
      return read()
    },
  })
  const items = state<CartItem[]>(Array.isArray(saved) ? saved : [])
  const skus = state<Map<string, SkuInfo>>(new Map())
  const shipping = state<ShippingOption[]>([])
  // One request per batch of SKUs not yet asked for; a failed one may be asked again.
  const asked = new Map<string, Promise<unknown>>()

  const lookup = async (list: readonly string[]) => {
    const missing = [...new Set(list)].filter((sku) => !asked.has(sku)).slice(0, 100)
    if (missing.length > 0) {
      const request = options.fetchSkus(missing).then((answer) => {
        const next = new Map(skus.value)
        for (const info of answer.skus) next.set(info.sku, info)
        skus.value = next
        if (answer.shipping) shipping.value = answer.shipping
      })
      for (const sku of missing) asked.set(sku, request)
      request.catch(() => {
        for (const sku of missing) if (asked.get(sku) === request) asked.delete(sku)
      })
    }
    await Promise.all(list.map((sku) => asked.get(sku)))
    return skus.value
  }
  const catalog = () => lookup(items.value.map((item) => item.sku))
  if (items.value.length > 0) catalog().catch(() => {})

  const save = (next: CartItem[]) => {
    items.value = next
    try {
      if (next.length) options.storage?.setItem(key, JSON.stringify(next))
      else options.storage?.removeItem(key)
    } catch {
      // Storage full or blocked: the cart still works on this page.
    }
  }

  const lines = derived(() =>
    items.value.flatMap((item) => {
      const info = skus.value.get(item.sku)
      return info
        ? [{ ...item, name: info.name, price: info.price, lineTotal: info.price * item.quantity }]
        : []
    }),
  )

  const subtotal = derived(() => lines.value.reduce((sum, line) => sum + line.lineTotal, 0))

  return {
    items,
    lines,
    shipping,
    total: subtotal,
    /** Subtotal, shipping and total with a shipping method, priced as the server prices them. */
    totals: (methodId: string) =>
      orderTotals(subtotal.value, shipping.value.find((m) => m.id === methodId) ?? null),
    count: derived(() => items.value.reduce((sum, item) => sum + item.quantity, 0)),
    /** Calls `listener` after every change of the cart, its prices or its shipping; returns the unsubscribe. */
    subscribe(listener: () => void) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    catalog,
    /** Adds a SKU after checking it is sold and in stock; false when it is not. */
    async add(sku: string, quantity: number): Promise<boolean> {
      const info = (await lookup([sku])).get(sku)
      if (!info?.inStock || !(quantity >= 1)) return false
      const current = items.value.find((item) => item.sku === sku)?.quantity ?? 0
      const next = Math.min(MAX_QUANTITY, current + Math.floor(quantity))
      save(
        current
          ? items.value.map((item) => (item.sku === sku ? { sku, quantity: next } : item))
          : [...items.value, { sku, quantity: next }],
      )
      return true
    },
    setQuantity(sku: string, quantity: number) {
      save(
        quantity < 1
          ? items.value.filter((item) => item.sku !== sku)
          : items.value.map((item) =>
              item.sku === sku ? { sku, quantity: Math.min(MAX_QUANTITY, quantity) } : item,
            ),
      )
    },
    clear: () => save([]),
  }
}

export type MiniCart = ReturnType<typeof createMiniCart>
