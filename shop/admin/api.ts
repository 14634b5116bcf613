/** The admin's only door to the server: JSON in, JSON out, errors as `ApiError`. */

import type { merchantJson } from '../../api/auth/merchant-json.ts'
import type {
  categoryJson,
  imageJson,
  ownerProductJson,
  shippingMethodJson,
} from '../../api/catalog/catalog-json.ts'
import type { ProductOptionInput, VariantInput } from '../../api/catalog/catalog-schema.ts'
import type { MetaSyncJson } from '../../api/catalog-sync/sync-state.ts'
import type { orderEventJson, orderItemJson, ownerOrderJson } from '../../api/orders/order-json.ts'
import type { ownerShopJson } from '../../api/shops/shop-json.ts'
import type {
  inboundMessageJson,
  inboxMessageJson,
  whatsappDiagnosticJson,
} from '../../api/whatsapp/inbox-json.ts'
import type { DeliveryArea } from '../../core/cart.ts'
import { CHANNELS, type Channel } from '../../core/channel-links.ts'
import type { OrderStatus } from '../../core/order-status.ts'
import type { Weekday } from '../../core/schedule.ts'
import type { SlotSettings } from '../../core/time-slots.ts'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Listener = () => void
const unauthenticatedListeners = new Set<Listener>()

/** Called whenever the server says the session is gone. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      error?: { code?: string; message?: string; field?: string }
    }
    const e = body.error ?? {}
    return new ApiError(res.status, e.code ?? 'error', e.message ?? res.statusText, e.field)
  } catch {
    return new ApiError(res.status, 'error', res.statusText || 'Request failed')
  }
}

/** Sends a request and returns the parsed JSON body (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} }
  if (body instanceof FormData) init.body = body
  else if (typeof body === 'string') {
    init.body = body
    init.headers = { 'content-type': 'text/csv; charset=utf-8' }
  } else if (body !== undefined) {
    init.body = JSON.stringify(body)
    init.headers = { 'content-type': 'application/json' }
  }
  let res: Response
  try {
    res = await fetch(path, init)
  } catch {
    throw new ApiError(0, 'offline', 'The server cannot be reached; check your connection')
  }
  if (!res.ok) {
    const error = await toApiError(res)
    if (res.status === 401 && !path.startsWith('/api/auth/')) {
      for (const listener of unauthenticatedListeners) listener()
    }
    throw error
  }
  if (res.status === 204) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  return (type.includes('json') ? await res.json() : await res.text()) as T
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
}

/** Asks for a password-reset link by e-mail; `mail` is false when this instance sends none. */
export function requestPasswordReset(email: string, locale: string) {
  return api.post<{ mail: boolean }>('/api/auth/password-reset', { email, locale })
}

/** Sets a new password with a reset link's token; answers with the merchant, now signed in. */
export function confirmPasswordReset(token: string, password: string) {
  return api.post<Me>('/api/auth/password-reset/confirm', { token, password })
}

/**
 * Uploads a body with progress (fetch cannot report upload progress). Resolves with the parsed
 * JSON answer, or rejects with an `ApiError` carrying the server's error body in `details`.
 */
export function uploadWithProgress<T>(
  path: string,
  body: Blob | FormData,
  onProgress: (fraction: number) => void,
  contentType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    if (contentType) xhr.setRequestHeader('content-type', contentType)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new ApiError(0, 'offline', 'The server cannot be reached'))
    xhr.onload = () => {
      let parsed: unknown
      try {
        parsed = JSON.parse(xhr.responseText)
      } catch {
        parsed = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(parsed as T)
        return
      }
      const e = (parsed as { error?: { code?: string; message?: string; field?: string } })?.error
      const error = new ApiError(
        xhr.status,
        e?.code ?? 'error',
        e?.message ?? 'Upload failed',
        e?.field,
      )
      Object.assign(error, { details: parsed })
      reject(error)
    }
    xhr.send(body)
  })
}

// ---- API shapes the admin reads ----

/** The signed-in merchant, as the auth routes and the session probe send it. */
export type Me = ReturnType<typeof merchantJson>

/** A day of a shop's weekly hours: core's `Weekday`, which the opening hours are read with. */
export type ShopWeekday = Weekday
/** The shop's other channels, as the settings API names them. */
export const SHOP_CHANNELS = CHANNELS.filter(
  (c): c is Exclude<Channel, 'whatsapp'> => c !== 'whatsapp',
)
export type ShopChannel = Exclude<Channel, 'whatsapp'>

/** A shop as its owner's routes send it: the server's mapper's type, like `Order`. */
export type Shop = ReturnType<typeof ownerShopJson>

/** A category as the owner's routes send it: the server's mapper's type. */
export type Category = ReturnType<typeof categoryJson>

/** A product's option as the admin sends it: the server's input schema's type. */
export type ProductOption = ProductOptionInput

/** A variant as the admin sends it: the server's input schema's type (no id: the SKU names it). */
export type Variant = VariantInput

/**
 * A product as the owner's routes send it: the server's mapper's type, like `Order`, with where it
 * stands in the shop's Meta catalog (`metaSync`, null when the shop does not sync).
 */
export type Product = ReturnType<typeof ownerProductJson>

/** Where a product stands in the shop's Meta catalog, as the server computes it. */
export type MetaSync = MetaSyncJson

/**
 * A shipping method as the owner's routes send it: the server's mapper's type, like `Order`.
 * Its areas and slots are core's `DeliveryArea` and `SlotSettings`, which the checkout reads.
 */
export type ShippingMethod = ReturnType<typeof shippingMethodJson>
export type { DeliveryArea, OrderStatus, SlotSettings }

/** A line of an order, as shoppers and merchants see it: the server's mapper's type. */
export type OrderItem = ReturnType<typeof orderItemJson>

/**
 * An order as the owner's routes send it: the server's own mapper's type, so a field renamed
 * there fails the admin's type check instead of showing `undefined`.
 */
export type Order = ReturnType<typeof ownerOrderJson> & {
  /** Its history, on the one-order routes. */
  events?: ReturnType<typeof orderEventJson>[]
}

/** An uploaded image as `POST /images` answers it: its hash, size and URLs. */
export type UploadedImage = ReturnType<typeof imageJson>

/**
 * A WhatsApp message that matched no order, waiting in the inbox (`inboxMessageJson`), or one the
 * merchant sent from the WhatsApp Business app, listed beside it (`fromApp`, with no suggested
 * order): the server's mappers' types.
 */
export type InboxMessage = ReturnType<typeof inboundMessageJson> &
  Partial<Pick<ReturnType<typeof inboxMessageJson>, 'suggestedOrderCode'>>

/** How the shop's WhatsApp link is doing: the server's mapper's type. */
export type WhatsAppDiagnostic = ReturnType<typeof whatsappDiagnosticJson>

/** Path of a shop's API resource. */
export function shopPath(slug: string, rest = ''): string {
  return `/api/shops/${encodeURIComponent(slug)}${rest}`
}
