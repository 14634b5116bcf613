import { computed, signal } from '@preact/signals'
import { api, type Me, type Shop } from './api.ts'

/** undefined while loading, null when signed out. */
export const me = signal<Me | null | undefined>(undefined)
export const shops = signal<Shop[] | undefined>(undefined)
export const activeSlug = signal<string | undefined>(undefined)
export const activeShop = computed(() => shops.value?.find((s) => s.slug === activeSlug.value))

export interface Toast {
  id: number
  text: string
  kind: 'ok' | 'error'
}
export const toasts = signal<Toast[]>([])
let toastId = 0

/** Shows a short message in the polite live region for a few seconds. */
export function toast(text: string, kind: Toast['kind'] = 'ok'): void {
  const id = ++toastId
  toasts.value = [...toasts.value, { id, text, kind }]
  setTimeout(() => {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }, 4000)
}

/** Loads who is signed in and their shops. */
export async function loadSession(): Promise<void> {
  try {
    const session = await api.get<{ merchant: Me | null }>('/api/admin/session')
    me.value = session.merchant
    if (session.merchant) await reloadShops()
    else shops.value = undefined
  } catch {
    me.value = null
    shops.value = undefined
  }
}

/** Fetches the merchant's shops again. */
export async function reloadShops(): Promise<void> {
  const res = await api.get<{ shops: Shop[] }>('/api/shops')
  shops.value = res.shops
}

/** Replaces one shop in the list after an edit. */
export function replaceShop(shop: Shop): void {
  shops.value = (shops.value ?? []).map((s) => (s.id === shop.id ? shop : s))
}
