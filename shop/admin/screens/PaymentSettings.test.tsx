// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { Shop } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { PaymentSettings, typesFor } from './PaymentSettings.tsx'

afterEach(() => setAdminLanguage('en'))

const SHOP = {
  id: 's1',
  slug: 'shop',
  currency: 'BRL',
  payments: [{ type: 'cash' }],
} as unknown as Shop

function type(root: HTMLElement, selector: string, value: string) {
  const input = root.querySelector<HTMLInputElement>(selector)
  if (!input) throw new Error(`no ${selector}`)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

describe('payment methods settings', () => {
  it('should offer each transfer method only for its currency', () => {
    expect(typesFor('BRL')).toEqual(['cash', 'bank', 'pix', 'stripe'])
    expect(typesFor('EUR')).toEqual(['cash', 'bank', 'sepa', 'stripe'])
  })

  it('should add Pix, send its settings, and show a refusal under its field', async () => {
    let answer: { status: number; body: unknown } = {
      status: 400,
      body: {
        error: {
          code: 'invalid',
          message: 'payments.1.key: not a Pix key',
          field: 'payments.1.key',
        },
      },
    }
    const sent = fakeServer((req) => (req.method === 'PATCH' ? answer : undefined))
    const root = await mount(<PaymentSettings slug="shop" shop={SHOP} />)
    const add = root.querySelector<HTMLSelectElement>('#pay-add')
    if (!add) throw new Error('no add select')
    expect([...add.options].map((o) => o.value)).toEqual(['', 'bank', 'pix', 'stripe'])
    add.value = 'pix'
    add.dispatchEvent(new Event('change', { bubbles: true }))
    await settle()
    type(root, '#pay-pix-key', 'nope')
    type(root, '#pay-pix-merchantName', 'Padaria')
    type(root, '#pay-pix-merchantCity', 'Recife')
    await settle()
    root
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await settle()
    expect(sent.at(-1)?.body).toEqual({
      payments: [
        { type: 'cash' },
        { type: 'pix', key: 'nope', merchantName: 'Padaria', merchantCity: 'Recife' },
      ],
    })
    expect(root.querySelector('[data-method="pix"] .error')?.textContent).toBe('not a Pix key')

    answer = { status: 200, body: { ...SHOP, payments: sent.at(-1)?.body } }
    root
      .querySelector('[data-method="cash"] button')
      ?.dispatchEvent(new Event('click', { bubbles: true }))
    await settle()
    root
      .querySelector('form')
      ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await settle()
    expect(sent.at(-1)?.body).toEqual({
      payments: [{ type: 'pix', key: 'nope', merchantName: 'Padaria', merchantCity: 'Recife' }],
    })
  })
})
