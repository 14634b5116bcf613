// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle, type } from '../test-dom.ts'
import { Wizard } from './Wizard.tsx'

setAdminLanguage('en')
afterEach(() => setDirty('wizard', false))

async function wait(ms: number) {
  await new Promise((r) => setTimeout(r, ms))
  await settle()
}

describe('Wizard', () => {
  it('should ask for a name before going on', async () => {
    fakeServer(() => undefined)
    const root = await mount(<Wizard />)
    await click(button(root, 'Next'))
    expect(errorOf(byLabel(root, 'Shop name'))).toBe('Required')
    expect(root.querySelector('h1')?.textContent).toBe('What is your shop called?')
  })

  it('should suggest an address from the name and say whether it is free', async () => {
    const sent = fakeServer((req) =>
      req.url.startsWith('/api/slug-availability/')
        ? { status: 200, body: { available: false, reason: 'already taken' } }
        : undefined,
    )
    const root = await mount(<Wizard />)
    await type(byLabel(root, 'Shop name'), 'Café de Flore!')
    await click(button(root, 'Next'))
    expect((byLabel(root, 'Shop address') as HTMLInputElement).value).toBe('cafe-de-flore')
    await wait(300)
    expect(sent.map((r) => r.url)).toContain('/api/slug-availability/cafe-de-flore')
    expect(root.textContent).toContain('✗ already taken')
    await click(button(root, 'Next'))
    expect(errorOf(byLabel(root, 'Shop address'))).toBe('already taken')
  })

  it('should check the WhatsApp number live and offer a test message link', async () => {
    fakeServer((req) =>
      req.url.startsWith('/api/slug-availability/')
        ? { status: 200, body: { available: true } }
        : undefined,
    )
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
    const sent = fakeServer((req) => {
      if (req.url.startsWith('/api/slug-availability/'))
        return { status: 200, body: { available: true } }
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
    expect(errorOf(byLabel(root, 'Shop address'))).toBe('This address is already taken')
  })
})
