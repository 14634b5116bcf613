// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
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

type ServerAnswer = { status: number; body?: unknown } | undefined

import { Wizard } from './Wizard.tsx'

setAdminLanguage('en')
afterEach(() => setDirty('wizard', false))

async function wait(ms: number) {
  await new Promise((r) => setTimeout(r, ms))
  await settle()
}

/** The server's side of the address: a suggestion from the name, and availability. */
function addressServer(suggested: string, extra?: (req: SentRequest) => ServerAnswer) {
  return fakeServer((req) => {
    if (req.url.startsWith('/api/slug-suggestion?'))
      return { status: 200, body: { slug: suggested, available: true } }
    if (req.url.startsWith('/api/slug-availability/'))
      return { status: 200, body: { available: true } }
    return extra?.(req)
  })
}

describe('Wizard', () => {
  it('should ask for a name before going on', async () => {
    fakeServer(() => undefined)
    const root = await mount(<Wizard />)
    await click(button(root, 'Next'))
    expect(errorOf(byLabel(root, 'Shop name'))).toBe('Required')
    expect(root.querySelector('h1')?.textContent).toBe('What is your shop called?')
  })

  it('should show the shop address while the name is typed, before saving', async () => {
    const sent = addressServer('epicerie-tokyo')
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Épicerie-TŌKYŌ')
    await wait(300)
    expect(sent.map((r) => r.url)).toContain(
      `/api/slug-suggestion?name=${encodeURIComponent('Épicerie-TŌKYŌ')}`,
    )
    expect(root.querySelector('h1')?.textContent).toBe('What is your shop called?')
    const hint = root.querySelector('#shop-name-hint')?.textContent
    expect(hint).toContain('Your shop’s address:')
    expect(hint).toContain(`${location.origin}/epicerie-tokyo`)
    expect(hint).toContain('✓ available')
    await click(button(root, 'Next'))
    expect((byLabel(root, 'Shop address') as HTMLInputElement).value).toBe('epicerie-tokyo')
  })

  it('should let the merchant edit the address and check the edited one', async () => {
    const sent = addressServer('olive')
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Olive')
    await wait(300)
    await click(button(root, 'Next'))
    await type(byLabel(root, 'Shop address'), 'Olive Oil!')
    expect((byLabel(root, 'Shop address') as HTMLInputElement).value).toBe('oliveoil')
    await wait(300)
    expect(sent.map((r) => r.url)).toContain('/api/slug-availability/oliveoil')
    expect(root.textContent).toContain(`${location.origin}/oliveoil`)
  })

  it('should say in the merchant’s words why an address cannot be used', async () => {
    fakeServer((req) => {
      if (req.url.startsWith('/api/slug-suggestion?'))
        return { status: 200, body: { slug: 'cafe-de-flore', available: false } }
      if (req.url === '/api/slug-availability/admin')
        return {
          status: 200,
          body: { available: false, code: 'reserved', reason: 'this address is reserved' },
        }
      return undefined
    })
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Café de Flore!')
    await wait(300)
    expect(root.textContent).toContain('✗ already taken')
    await click(button(root, 'Next'))
    await click(button(root, 'Next'))
    expect(errorOf(byLabel(root, 'Shop address'))).toBe('already taken')
    await type(byLabel(root, 'Shop address'), 'admin')
    await wait(300)
    expect(root.textContent).toContain('✗ reserved for Chatcart, choose another')
    await click(button(root, 'Next'))
    expect(errorOf(byLabel(root, 'Shop address'))).toBe('reserved for Chatcart, choose another')
  })

  it('should show the address in French for a French-speaking merchant', async () => {
    addressServer('epicerie-tokyo')
    setAdminLanguage('fr')
    try {
      const root = await mount(<Wizard />)
      await type(byLabel(root, 'Nom de la boutique'), 'Épicerie-TŌKYŌ')
      await wait(300)
      const hint = root.querySelector('#shop-name-hint')?.textContent
      expect(hint).toContain('Adresse de votre boutique :')
      expect(hint).toContain('✓ disponible')
    } finally {
      setAdminLanguage('en')
    }
  })

  it('should check the WhatsApp number live and offer a test message link', async () => {
    addressServer('olive')
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Olive')
    await click(button(root, 'Next'))
    await wait(300)
    await click(button(root, 'Next'))
    const country = byLabel(root, 'Country') as HTMLSelectElement
    country.value = 'FR'
    country.dispatchEvent(new Event('change', { bubbles: true }))
    await settle()
    const phone = byLabel(root, 'WhatsApp number')
    await type(phone, '06 12 34')
    expect(errorOf(phone)).toBe('Enter a full phone number for the chosen country')
    await type(phone, '06 12 34 56 78')
    expect(errorOf(phone)).toBeUndefined()
    const link = [...root.querySelectorAll('a')].find(
      (a) => a.textContent === 'Send me a test message',
    )
    expect(link?.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/33612345678\?text=Hello/)
  })

  it('should send the shop and return to the step of the field the server refuses', async () => {
    const sent = addressServer('olive', (req) => {
      if (req.method === 'POST' && req.url === '/api/shops')
        return {
          status: 409,
          body: {
            error: { code: 'taken', message: 'This address is already taken', field: 'slug' },
          },
        }
      return undefined
    })
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Olive')
    await click(button(root, 'Next'))
    await wait(300)
    await click(button(root, 'Next'))
    await type(byLabel(root, 'WhatsApp number'), '+33 6 12 34 56 78')
    await click(button(root, 'Next'))
    await click(button(root, 'Create my shop'))
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({
      name: 'Olive',
      slug: 'olive',
      whatsappPhone: '33612345678',
    })
    expect(root.querySelector('h1')?.textContent).toBe('Choose its address')
    expect(errorOf(byLabel(root, 'Shop address'))).toBe('already taken')
  })

  it('should show the time zone it suggests and send the one the merchant chose', async () => {
    const sent = addressServer('olive', (req) =>
      req.method === 'POST' && req.url === '/api/shops'
        ? { status: 400, body: { error: { code: 'invalid', message: 'x', field: 'timezone' } } }
        : undefined,
    )
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Olive')
    await click(button(root, 'Next'))
    await wait(300)
    await click(button(root, 'Next'))
    await type(byLabel(root, 'WhatsApp number'), '+33 6 12 34 56 78')
    await click(button(root, 'Next'))
    const zone = byLabel(root, 'Time zone') as HTMLInputElement
    expect(zone.value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
    await type(zone, 'America/Sao_Paulo')
    await click(button(root, 'Create my shop'))
    expect(sent.find((r) => r.method === 'POST')?.body).toMatchObject({
      timezone: 'America/Sao_Paulo',
    })
    // A refused zone brings the merchant back to it, with the message beside it.
    expect(errorOf(byLabel(root, 'Time zone'))).toBeTruthy()
  })
})
