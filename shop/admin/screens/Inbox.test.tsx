// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { InboxMessage } from '../api.ts'
import { DialogHost } from '../components/Dialogs.tsx'
import { setAdminLanguage } from '../i18n.ts'
import { inboxCount } from '../inbox-count.ts'
import { currentPath } from '../router.ts'
import {
  button,
  byLabel,
  click,
  errorOf,
  fakeServer,
  mount,
  type SentRequest,
  settle,
  type,
} from '../test-dom.ts'
import { appMessageJsonOf, inboxMessageJsonOf, orderSummaryJsonOf } from '../testing/server-json.ts'
import { Inbox } from './Inbox.tsx'

setAdminLanguage('en')

const text = inboxMessageJsonOf()
const cart = inboxMessageJsonOf({
  id: 'm2',
  type: 'order',
  body: 'Please gift-wrap',
  profile_name: 'Bruno',
  from_wa_id: '33612345678',
  sent_at: new Date(Date.now() - 2 * 3_600_000),
})
const order = orderSummaryJsonOf({ status: 'confirmed' })

function inboxServer(
  messages: InboxMessage[],
  answer: (req: SentRequest) => { status: number; body?: unknown } | undefined = () => undefined,
) {
  return fakeServer((req) =>
    req.method === 'GET' && req.url === '/api/shops/shop/inbox'
      ? { status: 200, body: { messages } }
      : answer(req),
  )
}

function senders(root: HTMLElement) {
  return [...root.querySelectorAll('.inbox-sender')].map((el) => el.textContent)
}

describe('Inbox', () => {
  it('should say it is loading until the messages arrive', async () => {
    globalThis.fetch = (() => new Promise(() => {})) as typeof fetch
    const root = await mount(<Inbox slug="shop" />)
    expect(root.querySelector('[role="status"].loading')?.textContent).toBe('Loading…')
  })

  it('should list the messages in the order given, newest first, with who and when', async () => {
    inboxServer([text, cart])
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    expect(senders(root)).toEqual(['Ana Souza · +55 11 98765 4321', 'Bruno · +33 6 12 34 56 78'])
    const times = [...root.querySelectorAll('time')].map((el) => el.textContent)
    expect(times).toEqual(['5 minutes ago', '2 hours ago'])
    expect(root.textContent).toContain('Hello, do you deliver on Sundays?')
  })

  it('should summarise a native cart by its kind and keep its note', async () => {
    inboxServer([cart])
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    expect(root.querySelector('.badge.kind')?.textContent).toBe('WhatsApp cart')
    expect(root.querySelector('.message-body')?.textContent).toBe('Please gift-wrap')
  })

  it('should show a username-only customer by username and the merchant’s messages from the app apart', async () => {
    const lena = inboxMessageJsonOf({
      id: 'm3',
      from_wa_id: null,
      from_user_id: 'BR.77',
      username: 'lena.bakes',
    })
    const echo = appMessageJsonOf({
      id: 'e1',
      profile_name: 'Ana Souza',
      body: 'ok #K7Q2M9, at 6pm',
      edited_at: new Date(),
    })
    const gone = appMessageJsonOf({ id: 'e2', body: null, revoked_at: new Date() })
    fakeServer((req) =>
      req.method === 'GET' && req.url === '/api/shops/shop/inbox'
        ? { status: 200, body: { messages: [lena], fromApp: [echo, gone] } }
        : undefined,
    )
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    expect(senders(root)).toEqual([
      'Ana Souza · @lena.bakes',
      'You → Ana Souza · +55 11 98765 4321',
      'You → Ana Souza · +55 11 98765 4321',
    ])
    const app = root.querySelector('.inbox-app')
    expect(app?.querySelector('h2')?.textContent).toBe('Sent from the WhatsApp Business app')
    expect(app?.textContent).toContain('ok #K7Q2M9, at 6pm')
    expect(app?.querySelector('.badge.kind')?.textContent).toBe('Edited')
    expect(app?.textContent).toContain('Deleted in the app')
    // Only the waiting message counts: the merchant's own are not work to do.
    expect(inboxCount.value).toEqual({ slug: 'shop', count: 1 })
  })

  it('should say so when no message waits', async () => {
    inboxServer([])
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    expect(root.querySelector('.empty-title')?.textContent).toBe('No message waiting')
    expect(inboxCount.value).toEqual({ slug: 'shop', count: 0 })
  })

  it('should refuse an order code that cannot be one beside the field, sending nothing', async () => {
    const sent = inboxServer([text])
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    await click(button(root, 'Link to an order'))
    const field = byLabel(root, 'Order code')
    await type(field, 'K7Q2M')
    await click(button(root, 'Link'))
    expect(errorOf(byLabel(root, 'Order code'))).toBe(
      'An order code has 6 letters and digits, e.g. K7Q2M9',
    )
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('should ask for an order code before linking', async () => {
    const sent = inboxServer([text])
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    await click(button(root, 'Link to an order'))
    await click(button(root, 'Link'))
    expect(errorOf(byLabel(root, 'Order code'))).toBe('Required')
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('should remove the message at once and link it with the normalised code', async () => {
    const sent = inboxServer([text, cart], (req) =>
      req.method === 'POST' ? { status: 200, body: { message: text, order } } : undefined,
    )
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    await click(button(root, 'Link to an order'))
    await type(byLabel(root, 'Order code'), '#k7q 2m9')
    await click(button(root, 'Link'))
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      url: '/api/shops/shop/inbox/m1/link',
      body: { orderCode: 'K7Q2M9' },
    })
    expect(senders(root)).toEqual(['Bruno · +33 6 12 34 56 78'])
    expect(root.textContent).toContain('Message linked to order #K7Q2M9.')
    expect(root.querySelector('a[href="/admin/shop/orders/K7Q2M9"]')).not.toBeNull()
    expect(inboxCount.value).toEqual({ slug: 'shop', count: 1 })
  })

  it('should offer the order its sender suggests and confirm it through the link route', async () => {
    const suggested = inboxMessageJsonOf({ id: 'm3' }, 'K7Q2M9')
    const sent = inboxServer([suggested, cart], (req) =>
      req.method === 'POST' ? { status: 200, body: { message: suggested, order } } : undefined,
    )
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    expect(root.querySelector('.inbox-suggestion')?.textContent).toContain('#K7Q2M9')
    expect(root.querySelectorAll('.inbox-suggestion')).toHaveLength(1)
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
    await click(button(root, 'It is about #K7Q2M9: confirm it'))
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      url: '/api/shops/shop/inbox/m3/link',
      body: { orderCode: 'K7Q2M9' },
    })
    expect(senders(root)).toEqual(['Bruno · +33 6 12 34 56 78'])
    expect(root.textContent).toContain('Message linked to order #K7Q2M9.')
  })

  it('should put the message back and show the refusal beside the order code', async () => {
    let answer: (res: Response) => void = () => {}
    inboxServer([text, cart])
    const listed = globalThis.fetch
    const root = await mount(<Inbox slug="shop" />)
    await settle()
    globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'POST'
        ? new Promise<Response>((resolve) => {
            answer = resolve
          })
        : listed(input, init)) as typeof fetch
    await click(button(root, 'Link to an order'))
    await type(byLabel(root, 'Order code'), 'ZZZZ22')
    await click(button(root, 'Link'))
    expect(senders(root)).toEqual(['Bruno · +33 6 12 34 56 78'])
    answer(
      new Response(
        JSON.stringify({
          error: { code: 'not_found', message: 'Order not found', field: 'orderCode' },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      ),
    )
    await settle()
    expect(senders(root)).toEqual(['Ana Souza · +55 11 98765 4321', 'Bruno · +33 6 12 34 56 78'])
    const field = byLabel(root, 'Order code') as HTMLInputElement
    expect(field.value).toBe('ZZZZ22')
    expect(errorOf(field)).toBe('Order not found')
    expect(inboxCount.value).toEqual({ slug: 'shop', count: 2 })
  })

  it('should confirm before turning a cart into an order, then open the order', async () => {
    const sent = inboxServer([cart], (req) =>
      req.method === 'POST' ? { status: 201, body: order } : undefined,
    )
    const root = await mount(
      <>
        <Inbox slug="shop" />
        <DialogHost />
      </>,
    )
    await settle()
    await click(button(root, 'Create an order'))
    const dialog = root.querySelector('[role="alertdialog"]')
    expect(dialog?.querySelector('h2')?.textContent).toBe(
      'Create an order from the message of Bruno?',
    )
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
    await click(dialog ? button(dialog, 'Create an order') : null)
    expect(sent.at(-1)).toEqual({
      method: 'POST',
      url: '/api/shops/shop/inbox/m2/create-order',
      body: {},
    })
    expect(currentPath.value).toBe('/admin/shop/orders/K7Q2M9')
  })

  it('should show the SKU the server refuses beside the items, on the line typed', async () => {
    const sent = inboxServer([text], (req) =>
      req.method === 'POST'
        ? {
            status: 400,
            body: { error: { code: 'unknown_sku', message: 'Unknown SKU', field: 'items.1.sku' } },
          }
        : undefined,
    )
    const root = await mount(
      <>
        <Inbox slug="shop" />
        <DialogHost />
      </>,
    )
    await settle()
    await click(button(root, 'Create an order'))
    await type(byLabel(root, 'Items, one per line'), 'MUG x 2\n\nMUGG')
    await click(root.querySelector('.inbox-form button[type="submit"]'))
    const dialog = root.querySelector('[role="alertdialog"]')
    await click(dialog ? button(dialog, 'Create an order') : null)
    expect(sent.at(-1)?.body).toEqual({
      items: [
        { sku: 'MUG', quantity: 2 },
        { sku: 'MUGG', quantity: 1 },
      ],
    })
    expect(errorOf(byLabel(root, 'Items, one per line'))).toBe('Line 3: Unknown SKU')
    expect(senders(root)).toEqual(['Ana Souza · +55 11 98765 4321'])
  })
})
