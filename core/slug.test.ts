import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { slugify, suggestShopSlug } from './slug.ts'

const SHOP_SLUG = /^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/

describe('slugify', () => {
  it('should fold accents and macrons instead of dropping the letters', () => {
    expect(slugify('Épicerie-TŌKYŌ', 60)).toBe('epicerie-tokyo')
  })

  it('should spell Arabic in Latin letters', () => {
    expect(slugify('متجر الورد', 60)).toBe('mtjr-lwrd')
  })

  it('should spell Japanese kana in rōmaji', () => {
    expect(slugify('さくら', 60)).toBe('sakura')
  })

  it('should read full-width letters as plain ones', () => {
    expect(slugify('ＡＢＣ Shop', 60)).toBe('abc-shop')
  })

  it('should give an empty slug when nothing readable is left', () => {
    expect(slugify('🍕 !!', 60)).toBe('')
  })

  it('should never end with a dash after cutting to length', () => {
    expect(slugify('abc def', 4)).toBe('abc')
  })

  it('should only ever give a-z, 0-9 and single inner dashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const slug = slugify(text, 60)
        expect(slug).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/)
        expect(slug.length).toBeLessThanOrEqual(60)
      }),
    )
  })
})

describe('suggestShopSlug', () => {
  it('should suggest epicerie-tokyo for Épicerie-TŌKYŌ', () => {
    expect(suggestShopSlug('Épicerie-TŌKYŌ')).toBe('epicerie-tokyo')
  })

  it('should suggest a readable address for an Arabic name', () => {
    expect(suggestShopSlug('عطور الشرق')).toMatch(SHOP_SLUG)
    expect(suggestShopSlug('عطور الشرق')).toBe('aatwr-lshrq')
  })

  it('should lengthen a name too short for an address', () => {
    expect(suggestShopSlug('Bo')).toBe('bo-shop')
  })

  it('should suggest nothing for a name with nothing readable', () => {
    expect(suggestShopSlug('🍕')).toBe('')
  })

  it('should always suggest a valid address or nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (name) => {
        const slug = suggestShopSlug(name)
        if (slug !== '') expect(slug).toMatch(SHOP_SLUG)
      }),
    )
  })
})
