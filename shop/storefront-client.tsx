import { hydrate } from 'preact'
import { addToCart, cartCount, loadCart } from './cart-store.ts'
import { CartIsland } from './components/CartIsland.tsx'
import { ProductBuy, type ProductBuyProps } from './components/ProductBuy.tsx'
import type { ShopClientData } from './page-data.ts'

// The storefront's only script: hydrates the islands (cart, buy box) and wires the small
// behaviours of server-rendered markup (search, categories, quick add, share, order status).

const $$ = <T extends Element = HTMLElement>(selector: string) =>
  Array.from(document.querySelectorAll<T>(selector))

function setupIslands(data: ShopClientData): void {
  for (const el of $$('[data-island]')) {
    if (el.dataset.island === 'cart') hydrate(<CartIsland shop={data} />, el)
    if (el.dataset.island === 'buy' && el.dataset.props) {
      const props = JSON.parse(el.dataset.props) as ProductBuyProps
      hydrate(<ProductBuy {...props} />, el)
    }
  }
}

function setupGrid(data: ShopClientData): void {
  // Search and categories are links and a form the server answers over the whole catalog. When
  // this page holds every product, the search also filters as the shopper types.
  const search = document.querySelector<HTMLInputElement>('[data-search]')
  const complete = document.querySelector('[data-grid][data-complete]') !== null
  const cards = $$('.card[data-name]')
  const empty = document.querySelector<HTMLElement>('[data-empty]')
  const category = document.querySelector<HTMLElement>('.cats [aria-current]')?.dataset.cat ?? ''
  const filter = () => {
    const words = (search?.value ?? '').toLowerCase().trim().split(/\s+/).filter(Boolean)
    let shown = 0
    for (const card of cards) {
      const name = card.dataset.name ?? ''
      const visible =
        (category === '' || card.dataset.cat === category) && words.every((w) => name.includes(w))
      card.hidden = !visible
      if (visible) shown++
    }
    if (empty) empty.hidden = shown > 0
  }
  if (complete) search?.addEventListener('input', filter)
  const status = document.querySelector<HTMLElement>('[data-cart-status]')
  for (const button of $$<HTMLButtonElement>('[data-add]')) {
    button.addEventListener('click', () => {
      const stock = button.dataset.addStock
      addToCart({
        sku: button.dataset.add ?? '',
        name: button.dataset.addName ?? '',
        price: Number(button.dataset.addPrice),
        stock: stock ? Number(stock) : null,
        image: button.dataset.addImage || null,
      })
      if (status)
        status.textContent = `${data.strings.added}: ${button.dataset.addName} (${cartCount.value})`
    })
  }
}

function setupShare(data: ShopClientData): void {
  for (const button of $$('[data-share]')) {
    button.addEventListener('click', async () => {
      const url = button.dataset.share ?? location.href
      const status = button.parentElement?.querySelector<HTMLElement>('[data-share-status]')
      if (navigator.share) {
        try {
          await navigator.share({ title: button.dataset.title ?? document.title, url })
          return
        } catch (error) {
          if ((error as Error).name === 'AbortError') return
        }
      }
      try {
        await navigator.clipboard.writeText(url)
        if (status) status.textContent = data.strings.linkCopied
      } catch {
        if (status) status.textContent = url
      }
    })
  }
}

const POLL_MS = 4000
const POLL_FOR_MS = 15 * 60_000

function setupOrderPage(data: ShopClientData): void {
  const main = document.querySelector<HTMLElement>('[data-order]')
  if (!main) return
  const wa = main.querySelector<HTMLAnchorElement>('[data-wa]')
  // Checkout lands here with #wa when the browser refused to open WhatsApp in a new tab.
  if (location.hash === '#wa' && wa) {
    history.replaceState(null, '', location.pathname)
    location.href = wa.href
  }
  // The message's copy button and one per payment code: `data-copy` is the selector of the field
  // to copy; each says "copied" in the status beside it.
  for (const button of main.querySelectorAll<HTMLElement>('[data-copy]')) {
    button.addEventListener('click', async () => {
      const field = main.querySelector<HTMLTextAreaElement>(button.dataset.copy as string)
      try {
        await navigator.clipboard.writeText(field?.value ?? '')
        // The status beside the button (server-rendered markup has no whitespace between them).
        ;(button.nextSibling as Element).textContent = data.strings.copied
      } catch {
        const details = main.querySelector('details')
        if (details) details.open = true
        field?.select()
      }
    })
  }
  const statusText = main.querySelector<HTMLElement>('[data-status-text]')
  const hint = main.querySelector<HTMLElement>('[data-status-hint]')
  const started = Date.now()
  const poll = async () => {
    if (main.dataset.status !== 'pending' || Date.now() - started > POLL_FOR_MS) return
    if (document.visibilityState === 'visible') {
      try {
        const res = await fetch(`/api/orders/${main.dataset.order}`, { cache: 'no-store' })
        const body = res.ok ? await res.json() : null
        const status = body?.status as keyof ShopClientData['strings']['statuses'] | undefined
        if (status && status !== main.dataset.status && data.strings.statuses[status]) {
          main.dataset.status = status
          if (statusText) statusText.textContent = data.strings.statuses[status]
          if (hint)
            hint.textContent =
              status === 'expired' ? data.strings.expiredHint : data.strings.confirmedHint
          main.querySelector('[data-expires]')?.remove()
        }
      } catch {
        // Offline for a moment: try again on the next tick.
      }
    }
    setTimeout(poll, POLL_MS)
  }
  setTimeout(poll, POLL_MS)
}

const dataElement = document.getElementById('cc-data')
if (dataElement?.textContent) {
  const data = JSON.parse(dataElement.textContent) as ShopClientData
  setupIslands(data)
  // After hydration: the server rendered an empty cart, the browser knows better.
  loadCart(data.slug)
  setupGrid(data)
  setupShare(data)
  setupOrderPage(data)
}
