import { describe, expect, it } from 'vitest'
import { loadStrings, widgetLocale } from './strings.ts'

describe('widgetLocale', () => {
  it('should take the first language the widget speaks', () => {
    expect(widgetLocale(['pt-BR', 'fr'])).toBe('pt')
    expect(widgetLocale([undefined, '', 'AR'])).toBe('ar')
    expect(widgetLocale(['ja', 'de-CH'])).toBe('de')
  })

  it('should fall back to English', () => {
    expect(widgetLocale(['ja', null, undefined])).toBe('en')
  })
})

describe('loadStrings', () => {
  it('should have every word in every language', async () => {
    const english = await loadStrings('en')
    for (const locale of ['fr', 'es', 'it', 'pt', 'de', 'ar'] as const) {
      const strings = await loadStrings(locale)
      expect(Object.keys(strings).sort()).toEqual(Object.keys(english).sort())
      expect(Object.values(strings).every((text) => text.trim() !== '')).toBe(true)
    }
  })
})
