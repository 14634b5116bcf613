// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ShippingMethod } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { activeSlug, shops } from '../state.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { methodJson, shopJson } from '../testing/server-json.ts'
import { Shipping } from './Shipping.tsx'

const shop = shopJson({ name: 'Maison Test', currency: 'EUR', locale: 'fr' })
const methods: ShippingMethod[] = [
  methodJson({ id: 'm1', name: 'Retrait en boutique', price: 0, requires_address: false }),
  methodJson({ id: 'm2', name: 'Colissimo', price: 490, free_over: 6000, position: 1 }),
]

describe('Shipping', () => {
  it('should say a method costing nothing is free, in the admin language', async () => {
    shops.value = [shop]
    activeSlug.value = 'shop'
    setAdminLanguage('fr')
    try {
      fakeServer(() => ({ status: 200, body: { shippingMethods: methods } }))
      const root = await mount(<Shipping slug="shop" />)
      await settle()
      const prices = [...root.querySelectorAll('.list-cards .muted')].map((p) => p.textContent)
      expect(prices[0]).toBe('Offerte')
      expect(prices[1]).toMatch(/^4,90\s€ · offerte dès 60,00\s€/)
    } finally {
      setAdminLanguage('en')
    }
  })
})
