// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { Shop } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { currentQuery } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { orderItemRow, orderJson } from '../testing/server-json.ts'
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
// The server's own JSON of a confirmed order with a code, an area and a slot.
const order = orderJson(
  {
    status: 'confirmed',
    currency: 'BRL',
    locale: 'pt',
    shipping_method_name: 'Entrega',
    subtotal: 3000,
    total: 3200,
    discount_code: 'BEMVINDO',
    discount_total: 300,
    delivery_area: 'Pinheiros',
    slot_starts_at: new Date('2026-12-05T12:00:00.000Z'),
    slot_ends_at: new Date('2026-12-05T13:00:00.000Z'),
  },
  [orderItemRow({ sku: 'TEA', name: 'Chá', quantity: 2, unit_price: 1500, line_total: 3000 })],
)

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
    // The method as the server sends it ({ id, name }), by its name.
    expect(root.textContent).toContain('Entrega')
    expect(root.textContent).not.toContain('[object Object]')
  })
})
