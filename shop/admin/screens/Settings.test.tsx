// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { Shop } from '../api.ts'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle, type } from '../test-dom.ts'
import { shopJson } from '../testing/server-json.ts'
import { Settings } from './Settings.tsx'

const shop: Shop = shopJson({
  whatsapp_phone: '33612345678',
  business_hours: { mon: [['09:00', '18:00']] },
  channels: { instagram: 'maison' },
})

function withShop(patch: Partial<Shop> = {}) {
  shops.value = [{ ...shop, ...patch }]
  activeSlug.value = 'shop'
}

const input = (root: HTMLElement, selector: string) =>
  root.querySelector<HTMLInputElement>(selector)

async function check(el: HTMLInputElement | null, checked: boolean) {
  if (!el) throw new Error('no checkbox')
  if (el.checked !== checked) await click(el)
}

/** The PATCH the form sent, answered with the shop as the server would store it. */
function patchServer() {
  return fakeServer((req) =>
    req.method === 'PATCH'
      ? { status: 200, body: { ...shop, ...(req.body as object) } }
      : undefined,
  )
}

afterEach(() => {
  setDirty('settings', false)
  setAdminLanguage('en')
})

describe('Settings', () => {
  it('should send two ranges a day copied to the week, a closed day, a closed date, the time zone and channels', async () => {
    setAdminLanguage('en')
    withShop()
    const sent = patchServer()
    const root = await mount(<Settings slug="shop" />)
    await click(root.querySelector('[aria-label="Add a range to Monday"]'))
    await type(input(root, '#h-mon-0-to'), '12:30')
    await type(input(root, '#h-mon-1-from'), '14:00')
    await type(input(root, '#h-mon-1-to'), '19:00')
    await click(root.querySelector('[aria-label="Copy Monday’s hours to every day"]'))
    await check(
      root.querySelector('.hours-editor > fieldset:last-child input[type="checkbox"]'),
      false,
    )
    await click(button(root, 'Add a closed date'))
    await type(input(root, '#s-closed-0-date'), '2026-12-25')
    await type(input(root, '#s-closed-0-label'), ' Christmas ')
    await type(input(root, '#s-timezone'), 'Europe/Paris')
    await type(byLabel(root, 'E-mail address'), 'hello@example.com')
    await type(byLabel(root, 'Instagram username'), '')
    await type(byLabel(root, 'Telegram username'), 'maison_test')
    await click(button(root, 'Save'))
    const patch = sent.find((r) => r.method === 'PATCH')
    const day = [
      ['09:00', '12:30'],
      ['14:00', '19:00'],
    ]
    expect(patch?.url).toBe('/api/shops/shop')
    expect(patch?.body).toMatchObject({
      timezone: 'Europe/Paris',
      businessHours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: [] },
      closedDates: [{ date: '2026-12-25', label: 'Christmas' }],
      channels: { email: 'hello@example.com', telegram: 'maison_test' },
    })
  })

  it('should send no hours at all when they are not shown', async () => {
    withShop()
    const sent = patchServer()
    const root = await mount(<Settings slug="shop" />)
    const show = [...root.querySelectorAll('label.check')].find((l) =>
      l.textContent?.includes('Show opening hours'),
    )
    await check(show?.querySelector('input') ?? null, false)
    expect(root.querySelector('.hours-editor')).toBeNull()
    await click(button(root, 'Save'))
    expect(sent.find((r) => r.method === 'PATCH')?.body).toMatchObject({ businessHours: null })
  })

  it('should keep the keyboard in the day when a range is removed', async () => {
    withShop()
    patchServer()
    const root = await mount(<Settings slug="shop" />)
    await click(root.querySelector('[aria-label="Add a range to Monday"]'))
    await click(root.querySelector('[aria-label="Remove range 2 of Monday"]'))
    await settle()
    expect(document.activeElement?.id).toBe('h-mon-add')
    await click(root.querySelector('[aria-label="Remove range 1 of Monday"]'))
    await settle()
    expect(document.activeElement?.id).toBe('h-mon-open')
    expect((document.activeElement as HTMLInputElement).checked).toBe(false)
  })

  it('should not send a range with a missing time, and say so beside its day', async () => {
    withShop()
    const sent = patchServer()
    const root = await mount(<Settings slug="shop" />)
    await click(root.querySelector('[aria-label="Add a range to Monday"]'))
    await click(button(root, 'Save'))
    expect(sent.some((r) => r.method === 'PATCH')).toBe(false)
    expect(errorOf(input(root, '#h-mon-1-from'))).toBe('Give both an opening and a closing time.')
  })

  it('should show a refused e-mail in French beside its field, not the server’s English', async () => {
    setAdminLanguage('fr')
    withShop()
    fakeServer((req) =>
      req.method === 'PATCH'
        ? {
            status: 400,
            body: {
              error: {
                code: 'invalid',
                message: 'channels.email: Invalid email address',
                field: 'channels.email',
              },
            },
          }
        : undefined,
    )
    const root = await mount(<Settings slug="shop" />)
    await type(byLabel(root, 'Adresse e-mail'), 'pas-une-adresse')
    await click(button(root, 'Enregistrer'))
    const error = errorOf(byLabel(root, 'Adresse e-mail'))
    expect(error).toBe('Saisissez une adresse e-mail comme nom@exemple.fr.')
    expect(root.textContent).not.toContain('channels.email')
  })

  it('should show overlapping ranges refused by the server beside their day', async () => {
    withShop()
    fakeServer((req) =>
      req.method === 'PATCH'
        ? {
            status: 400,
            body: {
              error: { code: 'overlap', message: 'x', field: 'businessHours.mon' },
            },
          }
        : undefined,
    )
    const root = await mount(<Settings slug="shop" />)
    await type(input(root, '#h-mon-0-to'), '13:00')
    await click(button(root, 'Save'))
    expect(errorOf(input(root, '#h-mon-0-from'))).toBe('Two ranges of this day overlap.')
  })

  it('should show the shop’s time zone and offer this device’s as a suggestion only', async () => {
    withShop({ timezone: 'Pacific/Auckland' })
    const sent = patchServer()
    const root = await mount(<Settings slug="shop" />)
    expect(input(root, '#s-timezone')?.value).toBe('Pacific/Auckland')
    const device = Intl.DateTimeFormat().resolvedOptions().timeZone
    const suggestion = button(root, `Use this device’s time zone: ${device}`)
    expect(suggestion).not.toBeNull()
    expect(sent.some((r) => r.method === 'PATCH')).toBe(false)
    await click(suggestion)
    expect(input(root, '#s-timezone')?.value).toBe(device)
  })
})
