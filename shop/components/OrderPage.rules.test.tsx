// @vitest-environment happy-dom
import { renderToString } from 'preact-render-to-string'
import { describe, expect, it } from 'vitest'
import { shopStrings } from '../strings.ts'
import { OrderPage, type ViewOrder } from './OrderPage.tsx'

const order = (locale: string, extra: Partial<ViewOrder>): ViewOrder => ({
  code: 'A1B2',
  status: 'pending',
  items: [{ name: 'Chá verde', quantity: 2, lineTotal: 3000 }],
  subtotal: 3000,
  shippingTotal: 500,
  shippingName: 'Entrega',
  total: 3200,
  currency: 'BRL',
  locale,
  message: '',
  whatsappUrl: 'https://wa.me/5511',
  expiresAt: null,
  shop: { slug: 'loja', name: 'Loja', timezone: 'America/Sao_Paulo' },
  ...extra,
})

const page = (o: ViewOrder) => {
  const root = document.createElement('div')
  root.innerHTML = renderToString(
    <OrderPage order={o} token="t" strings={shopStrings(o.locale)} qrSvg="" />,
  )
  return (selector: string) => root.querySelector(selector)?.textContent?.replace(/\s/g, ' ')
}

describe('order page: saving, area and slot', () => {
  it('should show the saving, the area and the slot in the shop language and zone', () => {
    const text = page(
      order('pt', {
        discountCode: 'BEMVINDO',
        discountTotal: 300,
        deliveryArea: 'Pinheiros',
        slot: { startsAt: '2026-12-05T12:00:00.000Z', endsAt: '2026-12-05T13:00:00.000Z' },
      }),
    )
    expect(text('[data-discount]')).toBe('Desconto (BEMVINDO)−R$ 3,00')
    expect(text('[data-area]')).toBe('Área de entregaPinheiros')
    // 12:00 UTC is 09:00 in São Paulo.
    expect(text('[data-slot]')).toMatch(/^Horário.*5 de dez.*09:00–10:00$/)
  })

  it('should show none of them for an order without', () => {
    const text = page(order('ar', {}))
    expect(text('[data-discount]')).toBeUndefined()
    expect(text('[data-area]')).toBeUndefined()
    expect(text('[data-slot]')).toBeUndefined()
  })
})
