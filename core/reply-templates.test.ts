import { describe, expect, it } from 'vitest'
import { SUPPORTED_LOCALES } from './locale.ts'
import { ORDER_STATUSES } from './order-status.ts'
import {
  REPLY_KINDS,
  type ReplyInput,
  replyKindsFor,
  replyText,
  replyWhatsAppUrl,
} from './reply-templates.ts'

const base: Omit<ReplyInput, 'kind' | 'locale'> = {
  code: 'K7Q2M9',
  customerName: 'Ana',
  shopName: 'Acme',
  total: 4930,
  currency: 'EUR',
  orderUrl: 'https://shop.example/o/tok_123',
}

describe('replyText', () => {
  it('should say each kind in English with the code, and the total and link where they belong', () => {
    const text = (kind: ReplyInput['kind'], extra: Partial<ReplyInput> = {}) =>
      replyText({ ...base, kind, locale: 'en', ...extra })
    expect(text('confirm')).toBe(
      'Hi Ana! Your order #K7Q2M9 is confirmed. Total: €49.30.\nOrder page: https://shop.example/o/tok_123',
    )
    expect(text('payment')).toBe(
      'Hi Ana! To complete order #K7Q2M9 (€49.30):\nPayment details are on your order page: https://shop.example/o/tok_123',
    )
    expect(text('payment', { howToPay: 'Bank transfer to IBAN FR76 1234' })).toBe(
      'Hi Ana! To complete order #K7Q2M9 (€49.30):\nBank transfer to IBAN FR76 1234',
    )
    expect(text('ready')).toBe('Hi Ana! Your order #K7Q2M9 is ready for pickup at Acme.')
    expect(text('shipped')).toBe('Hi Ana! Your order #K7Q2M9 is on its way.')
    expect(text('shipped', { trackingUrl: 'https://track.example/1Z' })).toBe(
      'Hi Ana! Your order #K7Q2M9 is on its way.\nTracking: https://track.example/1Z',
    )
    expect(text('cancelled')).toContain('#K7Q2M9 has been cancelled')
    expect(text('nudge')).toContain('never reached us')
    expect(text('confirm', { customerName: '  ' })).toMatch(/^Hi! Your order/)
  })

  it('should speak every supported locale, with Latin digits and the code in every text', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const texts = REPLY_KINDS.map((kind) => replyText({ ...base, kind, locale }))
      for (const t of texts) expect(t).toContain('#K7Q2M9')
      // Each kind reads differently, and no locale falls back to English.
      expect(new Set(texts).size).toBe(REPLY_KINDS.length)
      if (locale !== 'en') expect(texts[0]).not.toContain('Your order')
      expect(texts[0]).toMatch(/49[.,]30/)
      expect(texts[0]).toContain(base.orderUrl)
    }
    expect(replyText({ ...base, kind: 'confirm', locale: 'fr' })).toBe(
      'Bonjour Ana\u00a0! Votre commande #K7Q2M9 est confirmée. Total\u00a0: 49,30\u00a0€.\nSuivi de commande\u00a0: https://shop.example/o/tok_123',
    )
    expect(replyText({ ...base, kind: 'ready', locale: 'ar' })).toBe(
      'مرحبًا Ana! طلبك #K7Q2M9 جاهز للاستلام من Acme.',
    )
    expect(replyText({ ...base, kind: 'ready', locale: 'pt-BR' })).toContain('pronto para retirada')
    expect(replyText({ ...base, kind: 'ready', locale: 'ja' })).toContain('ready for pickup')
  })

  it('should keep a multi-line name on one line', () => {
    expect(replyText({ ...base, kind: 'ready', locale: 'en', customerName: 'Ana\n\nMaria' })).toBe(
      'Hi Ana Maria! Your order #K7Q2M9 is ready for pickup at Acme.',
    )
  })
})

describe('replyKindsFor', () => {
  it('should nudge only orders that never arrived and offer only the cancellation when cancelled', () => {
    expect(replyKindsFor('pending')).toContain('nudge')
    expect(replyKindsFor('pending')).toContain('confirm')
    for (const status of ORDER_STATUSES) {
      if (status !== 'pending' && status !== 'expired')
        expect(replyKindsFor(status)).not.toContain('nudge')
    }
    expect(replyKindsFor('cancelled')).toEqual(['cancelled'])
    expect(replyKindsFor('shipped')).toEqual(['shipped'])
  })
})

describe('replyWhatsAppUrl', () => {
  it('should keep the digits of the number and encode the text', () => {
    expect(replyWhatsAppUrl('+34 600-123 456', 'Hi Ana!\n#K7Q2M9 & more')).toBe(
      'https://wa.me/34600123456?text=Hi%20Ana!%0A%23K7Q2M9%20%26%20more',
    )
  })

  it('should be null without a number', () => {
    expect(replyWhatsAppUrl(null, 'Hi')).toBeNull()
    expect(replyWhatsAppUrl('', 'Hi')).toBeNull()
    expect(replyWhatsAppUrl(undefined, 'Hi')).toBeNull()
  })
})
