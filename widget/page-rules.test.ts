import { describe, expect, it } from 'vitest'
import { fillMessage, matchPageRule, patternMatches } from './page-rules.ts'

const page = (url: string) => {
  const u = new URL(url)
  return { href: u.href, pathname: u.pathname, search: u.search }
}

describe('patternMatches', () => {
  it('should match a path with a wildcard', () => {
    expect(patternMatches('/products/*', page('https://a.example/products/mug'))).toBe(true)
    expect(patternMatches('/products/*', page('https://a.example/product/mug'))).toBe(false)
  })

  it('should match an exact path only, ignoring the query unless the pattern has one', () => {
    expect(patternMatches('/cart', page('https://a.example/cart?step=2'))).toBe(true)
    expect(patternMatches('/cart', page('https://a.example/cart/x'))).toBe(false)
    expect(patternMatches('/cart?step=*', page('https://a.example/cart?step=2'))).toBe(true)
    expect(patternMatches('/cart?step=*', page('https://a.example/cart'))).toBe(false)
  })

  it('should match a full URL pattern against the whole address without its hash', () => {
    expect(patternMatches('https://a.example/sale*', page('https://a.example/sale/x#top'))).toBe(
      true,
    )
    expect(patternMatches('https://b.example/*', page('https://a.example/x'))).toBe(false)
  })

  it('should treat regular-expression characters in a pattern literally', () => {
    expect(patternMatches('/a.b(c)+', page('https://a.example/a.b(c)+'))).toBe(true)
    expect(patternMatches('/a.b', page('https://a.example/axb'))).toBe(false)
  })

  it('should match everything with a lone star', () => {
    expect(patternMatches('*', page('https://a.example/anything/at/all'))).toBe(true)
  })
})

describe('matchPageRule', () => {
  const rules = [
    { pattern: '/checkout*', hide: true },
    { pattern: '/products/*', message: 'About {product}' },
    { pattern: '*', message: 'Hello' },
  ]

  it('should pick the first matching rule', () => {
    expect(matchPageRule(rules, page('https://a.example/checkout/pay'))).toEqual(rules[0])
    expect(matchPageRule(rules, page('https://a.example/products/mug'))).toEqual(rules[1])
    expect(matchPageRule(rules, page('https://a.example/'))).toEqual(rules[2])
  })

  it('should answer nothing when no rule matches', () => {
    expect(matchPageRule(rules.slice(0, 2), page('https://a.example/about'))).toBeUndefined()
  })
})

describe('fillMessage', () => {
  it('should fill url, title and product', () => {
    expect(
      fillMessage('{title}: {product} ({url})', {
        url: 'https://a.example/p?x=1&y=2',
        title: 'Mugs',
        product: 'Blue mug',
      }),
    ).toBe('Mugs: Blue mug (https://a.example/p?x=1&y=2)')
  })

  it('should keep unknown variables as written', () => {
    expect(fillMessage('Hi {name}', { url: 'u' })).toBe('Hi {name}')
  })

  it('should not read replacement patterns in values', () => {
    expect(fillMessage('{title}', { title: '$& $1 $$' })).toBe('$& $1 $$')
  })

  it('should leave one space where an empty variable sat between words', () => {
    expect(
      fillMessage('Je regarde {product} sur {url}', { product: '', url: 'https://a.fr' }),
    ).toBe('Je regarde sur https://a.fr')
  })

  it('should drop the brackets, quotes and punctuation an empty variable leaves', () => {
    const values = { title: '', product: ' ', url: 'u' }
    expect(fillMessage('About "{product}" ({title}) on {url}', values)).toBe('About on u')
    expect(fillMessage('{title}: {product}, on {url}', values)).toBe('on u')
    expect(fillMessage('Hi, about {product}.\n{title} {product}\nSee {url}', values)).toBe(
      'Hi, about.\nSee u',
    )
  })
})
