// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { WhatsAppDiagnostic } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { byLabel, fakeServer, mount, settle } from '../test-dom.ts'
import { whatsappDiagnosticJsonOf } from '../testing/server-json.ts'
import { WhatsAppStatus } from './WhatsAppStatus.tsx'

setAdminLanguage('en')

async function render(d: WhatsAppDiagnostic) {
  fakeServer((req) =>
    req.url === '/api/shops/shop/whatsapp' ? { status: 200, body: d } : undefined,
  )
  const root = await mount(<WhatsAppStatus slug="shop" phoneNumberId={d.phoneNumberId} />)
  await settle()
  return root
}

describe('WhatsAppStatus', () => {
  it("should offer this server's callback URL to paste in Meta", async () => {
    const root = await render(whatsappDiagnosticJsonOf())
    const input = byLabel(root, 'Callback URL') as HTMLInputElement
    expect(input.value).toBe(`${location.origin}/webhooks/whatsapp`)
  })

  it('should guide the merchant step by step when nothing has arrived yet', async () => {
    const root = await render(whatsappDiagnosticJsonOf())
    const last = root.querySelector('[data-testid="wa-last"]')
    expect(last?.textContent).toContain('Nothing has arrived for this number yet.')
    expect(last?.querySelectorAll('li')).toHaveLength(3)
  })

  it('should show the last event and how long ago it came, with the counts', async () => {
    const root = await render(
      whatsappDiagnosticJsonOf({
        last: { receivedAt: new Date(Date.now() - 3 * 60_000), kind: 'message', type: 'text' },
        counts: { matched: 4, unmatched: 2 },
        outbox: { sent: 3 },
      }),
    )
    expect(root.querySelector('[data-testid="wa-last"]')?.textContent).toMatch(
      /^message:text, 3 minutes ago/,
    )
    const pairs = [...root.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`,
    )
    expect(pairs).toContain('Matched to an order=4')
    expect(pairs).toContain('Waiting in the inbox=2 · Open the inbox')
    expect(pairs).toContain('Sent=3')
    expect(pairs).toContain('Confirmation replies (WHATSAPP_ACCESS_TOKEN)=off (optional)')
  })

  it('should explain that coexistence goes through a Tech Provider or a BSP and that no echo arrived', async () => {
    const root = await render(whatsappDiagnosticJsonOf({ echoes: { lastAt: null, count: 0 } }))
    expect(root.textContent).toContain('WhatsApp Business app on the same number')
    expect(root.textContent).toContain('Embedded Signup, run by a Tech Provider or a Business')
    expect(root.querySelector('[data-testid="wa-echoes"]')?.textContent).toContain(
      'No message from the app has arrived yet',
    )
  })

  it('should show when the last message from the WhatsApp Business app arrived', async () => {
    const lastAt = new Date(Date.now() - 5 * 60_000)
    const root = await render(
      whatsappDiagnosticJsonOf({ echoes: { lastAt, count: 3 }, outbox: { skipped: 1 } }),
    )
    expect(root.querySelector('[data-testid="wa-echoes"]')?.textContent).toMatch(
      /^Last message from the app: 5 minutes ago/,
    )
    const pairs = [...root.querySelectorAll('dt')].map(
      (dt) => `${dt.textContent}=${dt.nextElementSibling?.textContent}`,
    )
    expect(pairs).toContain('Not sent: you were writing to them from the app=1')
  })

  it('should ask for the phone number ID when the shop has none', async () => {
    const root = await render(whatsappDiagnosticJsonOf({ phoneNumberId: null }))
    expect(root.querySelector('[data-testid="wa-last"]')?.textContent).toContain(
      'Enter the phone number ID above and save',
    )
  })
})
