/** Page rules: per-page prefilled messages and hiding, matched by URL pattern. */

export interface PageRule {
  /** A path (`/products/*`) or a full URL (`https://shop.example/sale*`); `*` matches anything. */
  pattern: string
  message?: string | undefined
  hide?: boolean | undefined
}

export interface PageLocation {
  href: string
  pathname: string
  search: string
}

/** Whether a pattern matches the page: paths against the path (and query, if the pattern has one). */
export function patternMatches(pattern: string, page: PageLocation): boolean {
  const target = /^https?:/.test(pattern)
    ? page.href.split('#')[0]
    : page.pathname + (pattern.includes('?') ? page.search : '')
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(target ?? '')
}

/** The first rule whose pattern matches the page. */
export function matchPageRule(rules: PageRule[], page: PageLocation): PageRule | undefined {
  return rules.find((rule) => patternMatches(rule.pattern, page))
}

const GAP = '\u0000'

/**
 * Fills `{url}`, `{title}` and `{product}` in a message template; unknown names stay as written.
 * A variable left empty takes its spaces, empty brackets or quotes and a punctuation mark
 * opening a line with it (the whole line when nothing else is on it), so the message never reads "je regarde  sur".
 * @example fillMessage('About {product}', { product: 'Mug' }) // 'About Mug'
 * @example fillMessage('Je regarde {product} sur {url}', { product: '', url: 'u' }) // 'Je regarde sur u'
 */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name]
      return value === undefined ? whole : value.trim() || GAP
    })
    .replace(/[(["'«“‘]\s*\0\s*[)\]"'»”’]/g, GAP)
    .replace(/\0([ \t]*\0)+/g, GAP)
    .replace(/^[ \t]*\0[ \t]*\n/gm, '')
    .replace(/^([ \t]*\0[ \t]*[,;:.!?]?[ \t]*)+/gm, '')
    .replace(/[ \t]*\0[ \t]*(?=[,;:.!?)\]\n]|$)/g, '')
    .replace(/[ \t]*\0[ \t]*/g, ' ')
}
