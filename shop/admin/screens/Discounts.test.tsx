// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { setAdminLanguage } from '../i18n.ts'
import { activeSlug, shops } from '../state.ts'
import { button, byLabel, click, errorOf, fakeServer, mount, settle, type } from '../test-dom.ts'
import { categoryJsonOf, discountJsonOf, shopJson } from '../testing/server-json.ts'
import { type Discount, Discounts } from './Discounts.tsx'

const shop = shopJson({ name: 'Maison', currency: 'EUR', locale: 'fr' })
const welcome: Discount = discountJsonOf({
  code: 'WELCOME10',
  percent_off: 10,
  min_subtotal: 2000,
  max_uses: 3,
  once_per_customer: true,
  uses: 1,
  created_at: new Date('2026-11-01T10:00:00.000Z'),
})

function answers(discounts: Discount[], write?: () => { status: number; body?: unknown }) {
  return fakeServer((req) => {
    if (req.method === 'GET' && req.url.endsWith('/discounts'))
      return { status: 200, body: { discounts } }
    if (req.method === 'GET' && req.url.endsWith('/categories'))
      return { status: 200, body: { categories: [categoryJsonOf({ id: 'c1', name: 'Tea' })] } }
    return write?.()
  })
}

describe('Discounts', () => {
  shops.value = [shop]
  activeSlug.value = 'shop'
  setAdminLanguage('en')

  it('should list a code with its conditions and uses', async () => {
    answers([welcome])
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    expect(root.querySelector('.list-cards .strong')?.textContent).toBe('WELCOME10')
    expect(root.querySelector('.list-cards .muted')?.textContent).toMatch(
      /^10 % off · from €20\.00 · once per customer · 1 of 3 uses$/,
    )
  })

  it('should say there are no codes yet', async () => {
    answers([])
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    expect(root.querySelector('.empty-title')?.textContent).toBe('No discount codes yet')
  })

  it('should send a new code with its amount in minor units and chosen categories', async () => {
    const sent = answers([], () => ({ status: 201, body: { ...welcome, id: 'd2', code: 'FIVE' } }))
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    await click(button(root, 'New code'))
    await type(byLabel(root, 'Code'), 'five')
    await click(root.querySelector('input[type=radio]:not(:checked)'))
    await type(byLabel(root, 'Amount'), '5.50')
    await click(
      [...root.querySelectorAll('label.check')].find((l) => l.textContent === 'Tea') ?? null,
    )
    await type(byLabel(root, 'Maximum uses (optional)'), '12')
    await click(button(root, 'Save'))
    const post = sent.find((r) => r.method === 'POST')
    expect(post?.url).toBe('/api/shops/shop/discounts')
    expect(post?.body).toEqual({
      code: 'FIVE',
      amountOff: 550,
      minSubtotal: null,
      startsAt: null,
      endsAt: null,
      maxUses: 12,
      oncePerCustomer: false,
      categoryIds: ['c1'],
    })
    expect(root.querySelector('.list-cards .strong')?.textContent).toBe('FIVE')
  })

  it('should refuse a percentage above 100 beside its field without sending', async () => {
    const sent = answers([])
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    await click(button(root, 'New code'))
    await type(byLabel(root, 'Code'), 'big')
    await type(byLabel(root, 'Percentage (1–100)'), '150')
    await click(button(root, 'Save'))
    expect(errorOf(byLabel(root, 'Percentage (1–100)'))).toBe('Enter a whole number from 1 to 100')
    expect(sent.filter((r) => r.method === 'POST')).toEqual([])
  })

  it('should show the error the API names on that field', async () => {
    answers([], () => ({
      status: 409,
      body: {
        error: { code: 'conflict', message: 'code: already used by another code', field: 'code' },
      },
    }))
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    await click(button(root, 'New code'))
    await type(byLabel(root, 'Code'), 'welcome10')
    await type(byLabel(root, 'Percentage (1–100)'), '10')
    await click(button(root, 'Save'))
    expect(errorOf(byLabel(root, 'Code'))).toBe('already used by another code')
  })

  it('should edit a code with a PATCH of its id', async () => {
    const sent = answers([welcome], () => ({ status: 200, body: { ...welcome, percentOff: 15 } }))
    const root = await mount(<Discounts slug="shop" />)
    await settle()
    await click(button(root, 'Edit'))
    await type(byLabel(root, 'Percentage (1–100)'), '15')
    await click(button(root, 'Save'))
    const patch = sent.find((r) => r.method === 'PATCH')
    expect(patch?.url).toBe('/api/shops/shop/discounts/d1')
    expect(patch?.body).toMatchObject({ code: 'WELCOME10', percentOff: 15, minSubtotal: 2000 })
    expect(root.querySelector('.list-cards .muted')?.textContent).toMatch(/^15 % off/)
  })
})
