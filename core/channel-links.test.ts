import { describe, expect, it } from 'vitest'
import { channelLink, whatsappLink } from './channel-links.ts'

const tricky = 'A&B #1 + 2\nnext 😀'
const encoded = 'A%26B%20%231%20%2B%202%0Anext%20%F0%9F%98%80'

describe('whatsappLink', () => {
  it('should build a wa.me link with the digits of the number and the encoded text', () => {
    expect(whatsappLink('+33 6 12 34 56 78', tricky)).toBe(
      `https://wa.me/33612345678?text=${encoded}`,
    )
  })

  it('should build a WhatsApp Web link for desktop', () => {
    expect(whatsappLink('33612345678', tricky, true)).toBe(
      `https://web.whatsapp.com/send?phone=33612345678&text=${encoded}`,
    )
  })

  it('should let the visitor pick the contact when there is no number', () => {
    expect(whatsappLink(null, 'Hi')).toBe('https://wa.me/?text=Hi')
  })

  it('should leave out the text parameter when the text is empty', () => {
    expect(whatsappLink('33612345678', '')).toBe('https://wa.me/33612345678')
  })

  it('should replace a lone surrogate instead of throwing', () => {
    expect(whatsappLink('33612345678', 'a\ud800b')).toBe(
      'https://wa.me/33612345678?text=a%EF%BF%BDb',
    )
  })
})

describe('channelLink', () => {
  it('should open Messenger on the page with the text', () => {
    expect(channelLink('messenger', 'acme.shop', tricky)).toBe(
      `https://m.me/acme.shop?text=${encoded}`,
    )
  })

  it('should accept a full profile URL or an @name as the handle', () => {
    expect(channelLink('messenger', 'https://m.me/acme', 'Hi')).toBe('https://m.me/acme?text=Hi')
    expect(channelLink('telegram', '@acme_bot', 'Hi')).toBe('https://t.me/acme_bot?text=Hi')
    expect(channelLink('instagram', 'https://www.instagram.com/acme/')).toBe('https://ig.me/m/acme')
  })

  it('should open Instagram without text, which ig.me does not take', () => {
    expect(channelLink('instagram', '@acme', tricky)).toBe('https://ig.me/m/acme')
  })

  it('should open Telegram with the text', () => {
    expect(channelLink('telegram', 'acme', tricky)).toBe(`https://t.me/acme?text=${encoded}`)
  })

  it('should write an SMS link that both iOS and Android read', () => {
    expect(channelLink('sms', '+44 7700 900123', tricky)).toBe(`sms:+447700900123?&body=${encoded}`)
  })

  it('should keep the + of the international number in an SMS link', () => {
    expect(channelLink('sms', '+33 6 12 34 56 78')).toBe('sms:+33612345678')
    expect(channelLink('sms', '0033612345678', 'Hi')).toBe('sms:+33612345678?&body=Hi')
  })

  it('should write e-mail line breaks as CRLF and encode subject and body', () => {
    expect(channelLink('email', 'shop@example.com', tricky, { subject: 'Order #1 & more' })).toBe(
      `mailto:shop@example.com?subject=Order%20%231%20%26%20more&body=${encoded.replace('%0A', '%0D%0A')}`,
    )
  })

  it('should not double a CRLF that is already there in an e-mail body', () => {
    expect(channelLink('email', 'a@b.co', 'x\r\ny')).toBe('mailto:a@b.co?body=x%0D%0Ay')
  })

  it('should call the international number', () => {
    expect(channelLink('phone', '+33 6 12 34 56 78')).toBe('tel:+33612345678')
  })

  it('should dispatch WhatsApp with the web option', () => {
    expect(channelLink('whatsapp', '33612345678', 'Hi', { web: true })).toBe(
      'https://web.whatsapp.com/send?phone=33612345678&text=Hi',
    )
  })
})
