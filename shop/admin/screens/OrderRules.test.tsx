// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Order, Shop } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { currentQuery } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { OrderDetail } from './OrderDetail.tsx'
import { Orders } from './Orders.tsx'

const shop = {
  id: 's1',
  slug: 'shop',
  name: 'Loja',
  currency: 'BRL',
  locale: 'pt',
  timezone: 'America/Sao_Paulo',
} as Shop
const order = {
  id: 'o1',
  code: 'K7Q2M9',
  status: 'confirmed',
  source: 'storefront',
  items: [{ sku: 'TEA', name: 'Chá', quantity: 2, unitPrice: 1500, lineTotal: 3000 }],
  subtotal: 3000,
  shippingTotal: 500,
  total: 3200,
  currency: 'BRL',
  customer: { name: 'Ana', phone: '+5511999999999', waId: null, address: 'Rua A' },
  shippingMethod: 'Entrega',
  match: null,
  events: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  confirmedAt: null,
  discountCode: 'BEMVINDO',
  discountTotal: 300,
  deliveryArea: 'Pinheiros',
  slot: { startsAt: '2026-12-05T12:00:00.000Z', endsAt: '2026-12-05T13:00:00.000Z' },
} as Order

describe('orders with discounts, areas and slots', () => {
  shops.value = [shop]
  activeSlug.value = 'shop'
  setAdminLanguage('en')

  it('should show the slot in the shop zone and ask for one day', async () => {
    currentQuery.value = '?day=2026-12-05'
    const sent = fakeServer(() => ({ status: 200, body: { orders: [order], nextCursor: null } }))
    const root = await mount(<Orders slug="shop" />)
    await settle()
    expect(sent[0]?.url).toContain('day=2026-12-05')
    // Written as the order's WhatsApp message writes it (core/time-slots.ts).
    expect(root.querySelector('[data-slot]')?.textContent).toMatch(
      /Time slot: Sat, Dec 5, 09:00–10:00$/,
    )
    currentQuery.value = ''
  })

  it('should show the discount, the area and the slot on the order', async () => {
    fakeServer((req) =>
      req.url.endsWith('/orders/K7Q2M9')
        ? { status: 200, body: order }
        : { status: 200, body: { messages: [] } },
    )
    const root = await mount(<OrderDetail slug="shop" code="K7Q2M9" />)
    await settle()
    expect(root.querySelector('[data-discount]')?.textContent).toMatch(/−R\$\s?3\.00/)
    expect(root.querySelector('[data-area]')?.textContent).toBe('Pinheiros')
    expect(root.querySelector('[data-slot]')?.textContent).toMatch(/Dec 5, 09:00/)
  })
})
