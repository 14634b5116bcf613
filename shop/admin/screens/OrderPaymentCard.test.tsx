// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { Order, Shop } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { activeSlug, shops } from '../state.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { OrderPaymentCard, type PaymentOrder } from './OrderPaymentCard.tsx'

afterEach(() => {
  setAdminLanguage('en')
  shops.value = undefined
})

const ORDER = {
  id: 'o1',
  code: 'K7Q2M9',
  status: 'pending',
  currency: 'BRL',
  total: 2500,
  payment: { status: 'unpaid' },
  paymentMismatch: false,
} as unknown as PaymentOrder

function withShop(payments: { type: string }[]) {
  shops.value = [{ slug: 'shop', payments } as unknown as Shop]
  activeSlug.value = 'shop'
}

describe('order payment card', () => {
  it('should list the offered methods and mark paid with the method, reference and amount', async () => {
    withShop([{ type: 'pix' }, { type: 'cash' }])
    const paid = {
      ...ORDER,
      status: 'paid',
      payment: {
        status: 'paid',
        method: 'pix',
        reference: 'E1',
        amount: 2000,
        paidAt: '2026-11-28T10:00:00.000Z',
      },
      paymentMismatch: true,
    }
    const sent = fakeServer((req) =>
      req.method === 'POST' && req.url === '/api/shops/shop/orders/K7Q2M9/payment'
        ? { status: 200, body: paid }
        : undefined,
    )
    const updates: Order[] = []
    let root = await mount(
      <OrderPaymentCard slug="shop" order={ORDER} onPaid={(o) => updates.push(o)} />,
    )
    expect(root.textContent).toContain('Offered on the order page: Pix, cash')
    const options = [...root.querySelectorAll('option')].map((o) => o.textContent)
    expect(options).toEqual(['Pix', 'cash', 'bank transfer', 'other'])
    const reference = root.querySelector<HTMLInputElement>('#pay-reference')
    if (!reference) throw new Error('no reference field')
    reference.value = 'E1'
    reference.dispatchEvent(new Event('input', { bubbles: true }))
    const amount = root.querySelector<HTMLInputElement>('#pay-amount')
    if (!amount) throw new Error('no amount field')
    amount.value = '20,00'
    amount.dispatchEvent(new Event('input', { bubbles: true }))
    await settle()
    root
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await settle()
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { method: 'pix', reference: 'E1', amount: 2000 },
    ])
    expect(updates).toHaveLength(1)

    root = await mount(
      <OrderPaymentCard slug="shop" order={paid as PaymentOrder} onPaid={() => {}} />,
    )
    expect(root.querySelector('[data-paid-method]')?.textContent).toBe('Pix')
    expect(root.querySelector('[data-payment-mismatch]')?.textContent).toContain(
      'not the order total',
    )
    expect(root.querySelector('form')).toBeNull()
  })

  it('should say in French when the shop offers no methods', async () => {
    withShop([])
    setAdminLanguage('fr')
    const root = await mount(<OrderPaymentCard slug="shop" order={ORDER} onPaid={() => {}} />)
    expect(root.textContent).toContain('Cette boutique ne propose encore aucun moyen de paiement')
    expect(root.querySelector('[data-payment]')?.textContent).toContain('Marquer payée')
  })
})
