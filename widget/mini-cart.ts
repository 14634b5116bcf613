import { computed, signal } from '@preact/signals'

/** An orderable SKU as `GET /api/widget/{slug}/skus` lists it. */
export interface SkuInfo {
  sku: string
  name: string
  price: number
  inStock: boolean
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
  /** Fetches the price list; called once, on the first add. */
  fetchSkus: () => Promise<SkuInfo[]>
}) {
  const key = `chatcart:cart:${options.shop}`
  let saved: CartItem[] = []
  try {
    saved = JSON.parse(options.storage?.getItem(key) ?? '[]')
  } catch {
    saved = []
  }
  const items = signal<CartItem[]>(Array.isArray(saved) ? saved : [])
  const skus = signal<Map<string, SkuInfo> | null>(null)
  let fetching: Promise<Map<string, SkuInfo>> | undefined

  const catalog = () => {
    fetching ??= options.fetchSkus().then((list) => {
      const map = new Map(list.map((info) => [info.sku, info]))
      skus.value = map
      return map
    })
    fetching.catch(() => {
      fetching = undefined
    })
    return fetching
  }
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

  const lines = computed(() =>
    items.value.flatMap((item) => {
      const info = skus.value?.get(item.sku)
      return info
        ? [{ ...item, name: info.name, price: info.price, lineTotal: info.price * item.quantity }]
        : []
    }),
  )

  return {
    items,
    lines,
    total: computed(() => lines.value.reduce((sum, line) => sum + line.lineTotal, 0)),
    count: computed(() => items.value.reduce((sum, item) => sum + item.quantity, 0)),
    catalog,
    /** Adds a SKU after checking it is sold and in stock; false when it is not. */
    async add(sku: string, quantity: number): Promise<boolean> {
      const info = (await catalog()).get(sku)
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
