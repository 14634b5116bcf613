// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { click, fakeServer, mount, settle, type } from './admin/test-dom.ts'
import type { CartLine } from './cart-store.ts'
import { CheckoutRules, type RulesChoice } from './checkout-rules.tsx'
import type { ShopClientData } from './page-data.ts'

const shop = {
  slug: 'loja',
  name: 'Loja',
  currency: 'BRL',
  locale: 'pt',
  phone: '',
  shippingMethods: [],
  strings: {},
  timezone: 'America/Sao_Paulo',
} as unknown as ShopClientData & { timezone: string }
const lines = [{ sku: 'TEA', name: 'Chá', price: 1500, quantity: 2 }] as CartLine[]
const quote = (extra: object) => ({
  subtotal: 3000,
  discountTotal: 0,
  shippingTotal: 500,
  total: 3500,
  discountCode: null,
  missingForMinimum: null,
  ...extra,
})

function render(method: Parameters<typeof CheckoutRules>[0]['method']) {
  const seen: { choice: RulesChoice; block: string | null } = { choice: {}, block: null }
  return {
    seen,
    node: (
      <CheckoutRules
        shop={shop}
        lines={lines}
        method={method}
        onChange={(c) => {
          seen.choice = c
        }}
        onBlock={(b) => {
          seen.block = b
        }}
      />
    ),
  }
}

describe('checkout rules', () => {
  it('should apply a code through the quote, show the saving and pass code and slot on', async () => {
    const sent = fakeServer((req) => {
      if (req.url.includes('/slots?from='))
        return {
          status: 200,
          body: [
            {
              id: 'sl1',
              startsAt: '2026-12-05T12:00:00Z',
              endsAt: '2026-12-05T13:00:00Z',
              remaining: 2,
            },
          ],
        }
      const body = req.body as { discountCode?: string }
      return {
        status: 200,
        body: quote(body.discountCode ? { discountTotal: 300, discountCode: 'BEMVINDO' } : {}),
      }
    })
    const { seen, node } = render({ id: 'm1', hasSlots: true })
    const root = await mount(node)
    await settle()
    await type(root.querySelector('#cc-code'), 'bemvindo')
    await click(
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Aplicar') ?? null,
    )
    expect(root.querySelector('[data-saving]')?.textContent).toBe('Você economiza R$\u00a03,00')
    expect(
      sent.some((r) => (r.body as { discountCode?: string })?.discountCode === 'bemvindo'),
    ).toBe(true)
    expect(root.querySelector('label.choice')?.textContent).toMatch(
      /09:00\u2060–\u206010:00restam 2$/,
    )
    await click(root.querySelector('input[name=cc-slot]'))
    expect(seen.choice).toEqual({ discountCode: 'bemvindo', slotId: 'sl1' })
  })

  it('should say a refused code in the shop language and apply nothing', async () => {
    fakeServer((req) =>
      (req.body as { discountCode?: string })?.discountCode
        ? {
            status: 400,
            body: { error: { code: 'invalid', message: 'expired', field: 'discountCode' } },
          }
        : { status: 200, body: quote({}) },
    )
    const { seen, node } = render({ id: 'm1' })
    const root = await mount(node)
    await settle()
    await type(root.querySelector('#cc-code'), 'VELHO')
    await click(
      [...root.querySelectorAll('button')].find((b) => b.textContent === 'Aplicar') ?? null,
    )
    expect(root.querySelector('#cc-code-error')?.textContent).toBe('Este cupom não é válido agora')
    expect(seen.choice).toEqual({})
  })

  it('should say how much is missing below a minimum and block sending', async () => {
    fakeServer(() => ({ status: 200, body: quote({ missingForMinimum: 2000 }) }))
    const { seen, node } = render({ id: 'm1' })
    const _root = await mount(node)
    await settle()
    expect(seen.block).toBe('Adicione mais R$\u00a020,00 para atingir o pedido mínimo')
  })
})
