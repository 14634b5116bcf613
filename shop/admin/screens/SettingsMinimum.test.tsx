// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, fakeServer, mount, type } from '../test-dom.ts'
import { shopJson } from '../testing/server-json.ts'
import { Settings } from './Settings.tsx'

const shop = shopJson()

afterEach(() => {
  setDirty('settings', false)
  setAdminLanguage('en')
})

describe('Settings: minimum order', () => {
  it('should send the minimum in minor units, and leave it out while the shop has none', async () => {
    setAdminLanguage('en')
    shops.value = [shop]
    activeSlug.value = 'shop'
    const sent = fakeServer((req) =>
      req.method === 'PATCH'
        ? { status: 200, body: { ...shop, ...(req.body as object) } }
        : undefined,
    )
    const root = await mount(<Settings slug="shop" />)
    await type(root.querySelector('#s-name'), 'Maison Thé')
    await click(button(root, 'Save'))
    expect(sent.find((r) => r.method === 'PATCH')?.body).not.toHaveProperty('minOrderAmount')
    await type(byLabel(root, 'Minimum order (optional)'), '15.50')
    await click(button(root, 'Save'))
    expect(sent.filter((r) => r.method === 'PATCH').at(-1)?.body).toMatchObject({
      minOrderAmount: 1550,
    })
  })
})
