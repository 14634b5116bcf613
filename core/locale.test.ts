import { describe, expect, it } from 'vitest'
import {
  canonicalLocale,
  isRtlLocale,
  isValidLocale,
  pickLocale,
  SUPPORTED_LOCALES,
} from './locale.ts'

describe('isValidLocale', () => {
  it('should accept well-formed tags', () => {
    for (const tag of ['en', 'fr-FR', 'pt-BR', 'zh-Hant-TW', 'ar-u-nu-latn']) {
      expect(isValidLocale(tag)).toBe(true)
    }
  })

  it('should reject empty and malformed tags', () => {
    for (const tag of ['', '   ', 'not a locale', 'en_US!', '-fr']) {
      expect(isValidLocale(tag)).toBe(false)
    }
  })
})

describe('canonicalLocale', () => {
  it('should fix the case of subtags', () => {
    expect(canonicalLocale('EN-us')).toBe('en-US')
  })

  it('should return null for a malformed tag', () => {
    expect(canonicalLocale('??')).toBeNull()
  })
})

describe('isRtlLocale', () => {
  it('should treat Arabic, Hebrew, Persian and Urdu as right to left', () => {
    for (const tag of ['ar', 'ar-EG', 'he', 'fa-IR', 'ur']) expect(isRtlLocale(tag)).toBe(true)
  })

  it('should treat Latin-script languages as left to right', () => {
    for (const tag of ['en', 'fr', 'pt-BR', 'de']) expect(isRtlLocale(tag)).toBe(false)
  })

  it('should follow an explicit script subtag', () => {
    expect(isRtlLocale('az-Arab')).toBe(true)
    expect(isRtlLocale('ur-Latn')).toBe(false)
  })

  it('should treat malformed tags as left to right', () => {
    expect(isRtlLocale('')).toBe(false)
  })
})

describe('pickLocale', () => {
  it('should list the supported languages', () => {
    expect(SUPPORTED_LOCALES).toEqual(['en', 'fr', 'es', 'it', 'pt', 'de', 'ar'])
  })

  it('should reduce a regional tag to its supported language', () => {
    expect(pickLocale('pt-BR', 'en')).toBe('pt')
    expect(pickLocale('fr-CA', 'en')).toBe('fr')
    expect(pickLocale('AR-eg', 'en')).toBe('ar')
  })

  it('should use the fallback when the request is missing or unsupported', () => {
    expect(pickLocale(undefined, 'de-CH')).toBe('de')
    expect(pickLocale('ja', 'it')).toBe('it')
    expect(pickLocale('garbage!!', 'es')).toBe('es')
  })

  it('should use English when neither is supported', () => {
    expect(pickLocale('ja', 'zh')).toBe('en')
    expect(pickLocale(undefined, '')).toBe('en')
  })

  it('should read an Accept-Language header by quality', () => {
    expect(pickLocale('ja, fr;q=0.5, de;q=0.8', 'en')).toBe('de')
    expect(pickLocale('es;q=0, it', 'en')).toBe('it')
  })
})
