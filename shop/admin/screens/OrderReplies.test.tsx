// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { fakeServer, mount, settle } from '../test-dom.ts'
import { eventText } from './OrderDetail.tsx'
import { OrderReplies, type Reply, tappedText } from './OrderReplies.tsx'

afterEach(() => {
  setAdminLanguage('en')
  vi.restoreAllMocks()
})

const CONFIRM: Reply = {
  kind: 'confirm',
  text: 'Hi Ana! Your order #K7Q2M9 is confirmed.',
  whatsappUrl: 'https://wa.me/33611223344?text=Hi',
}
const TAPPED = {
  type: 'reply_tapped',
  fromStatus: null,
  toStatus: null,
  actor: 'merchant:m',
  data: { kind: 'confirm', copied: false },
  createdAt: '2026-11-28T10:00:00.000Z',
}

describe('one-tap replies', () => {
  it('should say a tap on the timeline in the admin language', () => {
    setAdminLanguage('en')
    expect(eventText({ ...TAPPED })).toEqual({
      what: 'Confirmation sent from your phone',
      who: null,
    })
    expect(tappedText({ kind: 'nudge', copied: true })).toBe('Nudge sent from your phone (copied)')
    setAdminLanguage('fr')
    expect(tappedText({ kind: 'confirm' })).toBe('Confirmation envoyée depuis votre téléphone')
  })

  it('should open WhatsApp on a tap and record it, then hand the events to the order', async () => {
    const sent = fakeServer((req) => {
      if (req.method === 'GET' && req.url === '/api/shops/shop/orders/K7Q2M9/replies')
        return { status: 200, body: [CONFIRM, { ...CONFIRM, kind: 'nudge' }] }
      if (req.method === 'POST' && req.url === '/api/shops/shop/orders/K7Q2M9/replies/confirm/tap')
        return { status: 201, body: { ...CONFIRM, events: [TAPPED] } }
      return undefined
    })
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const tapped: unknown[] = []
    const root = await mount(
      <OrderReplies slug="shop" code="K7Q2M9" status="pending" onTapped={(e) => tapped.push(e)} />,
    )
    await settle()
    const buttons = [...root.querySelectorAll('button')].map((b) => b.textContent)
    expect(buttons).toEqual(['Confirm on WhatsApp', 'Nudge: the order never arrived'])
    root.querySelector<HTMLButtonElement>('[data-reply="confirm"]')?.click()
    await settle()
    expect(open).toHaveBeenCalledWith(CONFIRM.whatsappUrl, '_blank', 'noopener')
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([
      '/api/shops/shop/orders/K7Q2M9/replies/confirm/tap',
    ])
    expect(tapped).toEqual([[TAPPED]])
  })

  it('should offer to copy when no number is known', async () => {
    fakeServer((req) =>
      req.method === 'GET' ? { status: 200, body: [{ ...CONFIRM, whatsappUrl: null }] } : undefined,
    )
    const root = await mount(
      <OrderReplies slug="shop" code="K7Q2M9" status="pending" onTapped={() => {}} />,
    )
    await settle()
    expect(root.querySelector('button')?.textContent).toBe('Copy the confirmation')
    expect(root.textContent).toContain('No number is known for this customer')
  })
})
