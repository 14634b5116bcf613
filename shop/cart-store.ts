import { computed, signal } from '@preact/signals'

/** A cart line as the browser keeps it: what was shown when it was added, plus the quantity. */
export interface CartLine {
  sku: string
  name: string
  /** Minor units, as shown; the server prices the order again. */
  price: number
  quantity: number
  /** null means unlimited. */
  stock: number | null
  image: string | null
}

/** Most units of one line the order API accepts. */
export const MAX_QUANTITY = 999

export const cartLines = signal<CartLine[]>([])
export const cartOpen = signal(false)
export const cartCount = computed(() => cartLines.value.reduce((n, l) => n + l.quantity, 0))
export const cartSubtotal = computed(() =>
  cartLines.value.reduce((sum, l) => sum + l.price * l.quantity, 0),
)

let storageKey = ''

function cap(quantity: number, stock: number | null): number {
  const limit = Math.min(MAX_QUANTITY, stock ?? MAX_QUANTITY)
  return Math.max(0, Math.min(Math.floor(quantity), limit))
}

function save(lines: CartLine[]): void {
  cartLines.value = lines
  try {
    localStorage.setItem(storageKey, JSON.stringify(lines))
  } catch {
    // Private mode or a full storage: the cart still works for this page.
  }
}

function isLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false
  const line = value as Record<string, unknown>
  return (
    typeof line.sku === 'string' &&
    typeof line.name === 'string' &&
    Number.isSafeInteger(line.price) &&
    Number.isSafeInteger(line.quantity)
  )
}

/** Loads the cart of one shop from localStorage (one key per shop). */
export function loadCart(shopSlug: string): void {
  storageKey = `chatcart:cart:${shopSlug}`
  let lines: CartLine[] = []
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]')
    if (Array.isArray(parsed)) lines = parsed.filter(isLine)
  } catch {
    lines = []
  }
  cartLines.value = lines
    .map((l) => ({ ...l, quantity: cap(l.quantity, l.stock ?? null) }))
    .filter((l) => l.quantity > 0)
}

/** Adds units of a SKU (merging with its line), never beyond the stock. */
export function addToCart(item: Omit<CartLine, 'quantity'>, quantity = 1): void {
  const lines = cartLines.value
  const existing = lines.find((l) => l.sku === item.sku)
  const wanted = cap((existing?.quantity ?? 0) + quantity, item.stock)
  if (wanted === 0) return
  const line = { ...item, quantity: wanted }
  save(existing ? lines.map((l) => (l.sku === item.sku ? line : l)) : [...lines, line])
}

/** Sets a line's quantity (capped by stock); 0 removes it. */
export function setQuantity(sku: string, quantity: number): void {
  save(
    cartLines.value
      .map((l) => (l.sku === sku ? { ...l, quantity: cap(quantity, l.stock) } : l))
      .filter((l) => l.quantity > 0),
  )
}

/** Empties the cart (after an order was placed). */
export function clearCart(): void {
  save([])
}
