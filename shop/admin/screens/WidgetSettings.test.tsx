// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ownerWidgetJson } from '../../../api/widget/widget-json.ts'
import {
  type WidgetSettings as Settings,
  storedWidgetSettings,
  widgetSettingsSchema,
} from '../../../api/widget/widget-schema.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle, type } from '../test-dom.ts'
import { shopJson, shopRow } from '../testing/server-json.ts'
import { WidgetSettings } from './WidgetSettings.tsx'

const row = shopRow({
  name: 'Olive & Co',
  locale: 'en',
  timezone: 'Europe/Paris',
  whatsapp_phone: '+33 6 12 34 56 78',
})
const shop = shopJson(row)

/** The server's own schema and mapper answer the screen, so a drift between them fails here. */
function widgetServer(initial: Settings) {
  let stored = initial
  return fakeServer((req) => {
    if (!req.url.endsWith('/api/shops/shop/widget')) return undefined
    if (req.method === 'PUT') {
      const parsed = widgetSettingsSchema.safeParse(req.body)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        const field = issue?.path.join('.')
        return { status: 400, body: { error: { code: 'invalid', message: 'Check this', field } } }
      }
      stored = parsed.data
    }
    return { status: 200, body: ownerWidgetJson(row, stored, 'https://shop.test') }
  })
}

describe('WidgetSettings', () => {
  it('should save every section in the shape the server validates', async () => {
    shops.value = [shop]
    activeSlug.value = 'shop'
    const sent = widgetServer(storedWidgetSettings({}))
    const root = await mount(<WidgetSettings slug="shop" />)
    await settle()
    expect(root.querySelector('pre.snippet')?.textContent).toContain('data-shop="shop"')

    await type(byLabel(root, 'Greeting'), 'Hello from Olive & Co')
    await click(button(root, 'Add a team member'))
    await type(root.querySelector('#w-tn-0'), 'Sales')
    const hours = root.querySelector('#w-th-0') as HTMLSelectElement
    hours.value = 'weekdays'
    hours.dispatchEvent(new Event('change', { bubbles: true }))
    await settle()
    await click(button(root, 'Add a page rule'))
    await type(root.querySelector('#w-rp-0'), '/checkout/*')
    await click(button(root, 'Save'))

    const put = sent.find((r) => r.method === 'PUT')
    const body = widgetSettingsSchema.parse(put?.body)
    expect(body.greeting).toBe('Hello from Olive & Co')
    expect(body.teams[0]).toMatchObject({ name: 'Sales', channel: 'whatsapp' })
    expect(Object.keys(body.teams[0]?.hours ?? {})).toEqual(['mon', 'tue', 'wed', 'thu', 'fri'])
    expect(body.rules).toEqual([{ pattern: '/checkout/*' }])
    expect((button(root, 'Save') as HTMLButtonElement).disabled).toBe(true)
  })

  it('should show the server’s refusal beside the field it names', async () => {
    shops.value = [shop]
    activeSlug.value = 'shop'
    widgetServer(storedWidgetSettings({}))
    const root = await mount(<WidgetSettings slug="shop" />)
    await settle()
    await click(button(root, 'Add a channel'))
    await click(button(root, 'Save'))
    expect(errorOf(root.querySelector('#w-chv-1'))).toBe('Check this')
  })
})
