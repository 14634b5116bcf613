// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { eventText, stepsTo } from './OrderDetail.tsx'

afterEach(() => setAdminLanguage('en'))

describe('order status steps', () => {
  it('should take a pending order straight to paid, not through "On WhatsApp"', () => {
    expect(stepsTo('pending', 'paid')).toEqual(['paid'])
    expect(stepsTo('pending', 'shipped')).toEqual(['paid', 'shipped'])
    expect(stepsTo('confirmed', 'shipped')).toEqual(['paid', 'shipped'])
    expect(stepsTo('paid', 'confirmed')).toBeNull()
  })
})

describe('order timeline', () => {
  it('should say what the merchant did by hand', () => {
    setAdminLanguage('en')
    const paid = { type: 'status_changed', toStatus: 'paid', actor: 'merchant:m1' }
    expect(eventText(paid)).toEqual({ what: 'Marked paid by you', who: null })
    setAdminLanguage('fr')
    expect(eventText(paid)).toEqual({ what: 'Marquée payée par vous', who: null })
  })

  it('should say an order arrived only when its WhatsApp message did', () => {
    setAdminLanguage('en')
    const arrived = { type: 'confirmed', toStatus: 'confirmed', actor: 'whatsapp' }
    expect(eventText(arrived)).toEqual({ what: 'Arrived on WhatsApp', who: null })
    const byHand = { type: 'status_changed', toStatus: 'confirmed', actor: 'merchant:m1' }
    expect(eventText(byHand).what).toBe('Marked arrived by you')
  })
})
