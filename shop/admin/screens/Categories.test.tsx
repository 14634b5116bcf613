// @vitest-environment happy-dom
import { act } from 'preact/test-utils'
import { describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle } from '../test-dom.ts'
import { Categories } from './Categories.tsx'

setAdminLanguage('en')
const categories = [
  { id: 'a', name: 'Tea', position: 0 },
  { id: 'b', name: 'Coffee', position: 1 },
  { id: 'c', name: 'Cups', position: 2 },
]

function names(root: HTMLElement) {
  return [...root.querySelectorAll('.sortable .grow')].map((el) => el.textContent)
}

describe('Categories', () => {
  it('should move a category with the arrow keys and save the new order', async () => {
    const sent = fakeServer((req) =>
      req.method === 'GET' ? { status: 200, body: { categories } } : { status: 200, body: {} },
    )
    const root = await mount(<Categories slug="shop" />)
    await settle()
    const handle = root.querySelector('[aria-label^="Move Tea"]')
    await act(() => {
      handle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    })
    await settle()
    expect(names(root)).toEqual(['Coffee', 'Tea', 'Cups'])
    expect(sent.at(-1)).toMatchObject({
      method: 'PUT',
      url: '/api/shops/shop/categories/order',
      body: { ids: ['b', 'a', 'c'] },
    })
    expect(root.textContent).toContain('Tea moved to position 2 of 3')
  })

  it('should put the order back when the server refuses it', async () => {
    fakeServer((req) =>
      req.method === 'GET' ? { status: 200, body: { categories } } : { status: 500, body: {} },
    )
    const root = await mount(<Categories slug="shop" />)
    await settle()
    const handle = root.querySelector('[aria-label^="Move Cups"]')
    await act(() => {
      handle?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }))
    })
    await settle()
    expect(names(root)).toEqual(['Tea', 'Coffee', 'Cups'])
  })

  it('should refuse an empty name beside the field', async () => {
    const sent = fakeServer((req) =>
      req.method === 'GET' ? { status: 200, body: { categories: [] } } : undefined,
    )
    const root = await mount(<Categories slug="shop" />)
    await settle()
    await click(button(root, 'Add'))
    expect(errorOf(byLabel(root, 'New category'))).toBe('Required')
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
  })
})
