// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, fakeServer, mount, settle, type } from '../test-dom.ts'
import { methodJson, shopJson } from '../testing/server-json.ts'
import { Shipping } from './Shipping.tsx'

const shop = shopJson({ name: 'Loja', currency: 'EUR', locale: 'fr' })

afterEach(() => setDirty('shipping', false))

describe('Shipping: minimum, areas and slots', () => {
  it('should send a method with its minimum, an area and slot settings', async () => {
    setAdminLanguage('en')
    shops.value = [shop]
    activeSlug.value = 'shop'
    const sent = fakeServer((req) =>
      req.method === 'GET'
        ? { status: 200, body: { shippingMethods: [] } }
        : { status: 201, body: methodJson({ name: (req.body as { name: string }).name }) },
    )
    const root = await mount(<Shipping slug="shop" />)
    await settle()
    await click(button(root, 'Add a method') ?? root.querySelector('.title-row button.primary'))
    await type(root.querySelector('#sh-name'), 'Delivery')
    await type(root.querySelector('#sh-price'), '5')
    await type(byLabel(root, 'Minimum order for this method (optional)'), '20')
    await click(button(root, 'Add an area'))
    await type(root.querySelector('#ar-0-name'), 'Centre')
    await type(root.querySelector('#ar-0-postal'), '750, 751,')
    await type(root.querySelector('#ar-0-fee'), '3.50')
    const slots = [...root.querySelectorAll('label.check')].find(
      (l) => l.textContent === 'Offer time slots',
    )
    await click(slots?.querySelector('input') ?? null)
    await type(root.querySelector('#sl-capacity'), '2')
    expect(root.querySelector<HTMLInputElement>('#ar-0-postal')?.value).toBe('750, 751,')
    await click(button(root, 'Save'))
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({
      name: 'Delivery',
      price: 500,
      minOrderAmount: 2000,
      areas: [{ name: 'Centre', postalPrefixes: ['750', '751'], districts: [], fee: 350 }],
      slots: {
        durationMinutes: 60,
        leadMinutes: 120,
        capacity: 2,
        weekly: { mon: [['09:00', '18:00']] },
      },
    })
  })

  it('should leave the rules out of a method that never had them', async () => {
    setAdminLanguage('en')
    shops.value = [shop]
    activeSlug.value = 'shop'
    const sent = fakeServer((req) =>
      req.method === 'GET'
        ? { status: 200, body: { shippingMethods: [] } }
        : { status: 201, body: methodJson({ name: (req.body as { name: string }).name }) },
    )
    const root = await mount(<Shipping slug="shop" />)
    await settle()
    await click(root.querySelector('.title-row button.primary'))
    await type(root.querySelector('#sh-name'), 'Pickup')
    await type(root.querySelector('#sh-price'), '0')
    await click(button(root, 'Save'))
    const body = sent.find((r) => r.method === 'POST')?.body as object
    expect(Object.keys(body).sort()).toEqual([
      'active',
      'freeOver',
      'name',
      'price',
      'requiresAddress',
    ])
  })
})
