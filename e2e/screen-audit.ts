import type { Page } from 'playwright-core'
import { axeViolations } from './harness.ts'

/**
 * What counts as one card or row: the text boxes inside each of these must not overlap. Lists and
 * tables are included so that a card spilling into its neighbour is caught too.
 */
export const CARD_OR_ROW = [
  'li',
  'tr',
  '[role=row]',
  '[role=listitem]',
  '.card',
  'label',
  'article',
  'fieldset',
  'ul',
  'ol',
  'table',
  'dl',
].join(', ')

/** What counts as a control: it must lie wholly inside the viewport and any box that clips it. */
export const CONTROLS = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button]'

/** One problem found on a screen: which check, and what to look at. */
export interface ScreenProblem {
  check: 'overlap' | 'cut-off' | 'sideways' | 'axe'
  detail: string
}

interface LayoutOptions {
  cards: string
  controls: string
  /** Only look inside this element (e.g. one card of a longer page). */
  scope: string | null
}

/**
 * Layout checks run in the page: overlapping text boxes inside a card or row, controls cut off by
 * the viewport or by a box that clips them, and boxes (or the page) that scroll sideways.
 * Open shadow roots (the widget) are walked too.
 */
export async function layoutProblems(page: Page, scope: string | null = null) {
  const options: LayoutOptions = { cards: CARD_OR_ROW, controls: CONTROLS, scope }
  return page.evaluate((o: LayoutOptions): ScreenProblem[] => {
    const problems: ScreenProblem[] = []
    const vw = document.documentElement.clientWidth
    type Box = { left: number; top: number; right: number; bottom: number }

    const parentOf = (node: Node): Element | null => {
      if (node.parentElement) return node.parentElement
      const parent = node.parentNode
      return parent instanceof ShadowRoot ? parent.host : null
    }
    const describe = (el: Element): string => {
      const host = el.getRootNode() instanceof ShadowRoot ? 'shadow › ' : ''
      const id = el.id ? `#${el.id}` : ''
      const classes = [...el.classList]
        .slice(0, 2)
        .map((c) => `.${c}`)
        .join('')
      const label =
        el.getAttribute('aria-label') ||
        (el as HTMLInputElement).placeholder ||
        el.textContent?.replace(/\s+/g, ' ').trim() ||
        ''
      const text = label.length > 40 ? `${label.slice(0, 39)}…` : label
      return `${host}<${el.tagName.toLowerCase()}${id}${classes}>${text ? ` "${text}"` : ''}`
    }
    const visible = (el: Element) =>
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    /** A box whose overflow is not visible clips what it holds. */
    const clips = (el: Element) => {
      const s = getComputedStyle(el)
      return s.overflowX !== 'visible' || s.overflowY !== 'visible'
    }
    /** A sideways-scrolling rail on purpose: one row of items, or a wide table. */
    const isRail = (el: Element) => {
      const s = getComputedStyle(el)
      const row = s.display.includes('flex') && s.flexDirection.startsWith('row')
      return (
        (row && s.flexWrap === 'nowrap') ||
        s.whiteSpace === 'nowrap' ||
        el.querySelector(':scope > table') !== null
      )
    }
    const scrollsSideways = (el: Element) =>
      ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) &&
      el.scrollWidth > el.clientWidth + 1
    const intersect = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    })
    const px = (n: number) => Math.round(n)

    // Every element, through open shadow roots.
    const all: Element[] = []
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const el of root.querySelectorAll('*')) {
        all.push(el)
        if (el.shadowRoot) walk(el.shadowRoot)
      }
    }
    const scopeEl = o.scope ? document.querySelector(o.scope) : null
    walk(scopeEl ?? document)
    if (scopeEl) all.unshift(scopeEl)

    // (a) Text boxes: each non-blank text node's line boxes, clipped by the boxes that clip it.
    interface TextBox {
      id: number
      el: Element
      text: string
      /** The first and last characters as written, spaces included. */
      head: string
      tail: string
      rects: Box[]
    }
    const cardsOf = new Map<Element, TextBox[]>()
    let nextId = 0
    for (const el of all) {
      if (!visible(el)) continue
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue
        const range = document.createRange()
        range.selectNodeContents(node)
        let clip: Box = { left: -1e9, top: -1e9, right: 1e9, bottom: 1e9 }
        for (let a: Element | null = el; a; a = parentOf(a)) {
          if (clips(a)) clip = intersect(clip, a.getBoundingClientRect())
        }
        const rects = [...range.getClientRects()]
          .map((r) => intersect(r, clip))
          .filter((r) => r.right - r.left >= 2 && r.bottom - r.top >= 2)
        if (rects.length === 0) continue
        const box: TextBox = {
          id: nextId++,
          el,
          text: node.textContent.replace(/\s+/g, ' ').trim().slice(0, 40),
          head: node.textContent.slice(0, 1),
          tail: node.textContent.slice(-1),
          rects,
        }
        for (let a: Element | null = el; a; a = parentOf(a)) {
          if (!a.matches(o.cards)) continue
          const list = cardsOf.get(a) ?? []
          list.push(box)
          cardsOf.set(a, list)
        }
      }
    }
    const seen = new Set<string>()
    // Innermost cards first, so each overlap is named by the smallest card that holds both.
    const cards = [...cardsOf.entries()].sort((a, b) => a[1].length - b[1].length)
    for (const [card, boxes] of cards) {
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]
          const b = boxes[j]
          if (!a || !b) continue
          const key = `${a.id}:${b.id}`
          if (seen.has(key)) continue
          const hit = a.rects.some((ra) =>
            b.rects.some((rb) => {
              const r = intersect(ra, rb)
              return r.right - r.left > 1 && r.bottom - r.top > 1
            }),
          )
          if (!hit) continue
          seen.add(key)
          problems.push({
            check: 'overlap',
            detail: `in ${describe(card).slice(0, 60)}: "${a.text}" (${describe(a.el).split('>')[0]}>) overlaps "${b.text}" (${describe(b.el).split('>')[0]}>)`,
          })
        }
      }
    }

    // Two words of different elements that touch on one line read as one ("boutiqueOfferte").
    for (const [card, boxes] of cards) {
      for (const a of boxes) {
        for (const b of boxes) {
          if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue
          const key = `run:${Math.min(a.id, b.id)}:${Math.max(a.id, b.id)}`
          if (seen.has(key)) continue
          // a is read first: its last line box against b's first.
          const ra = a.rects[a.rects.length - 1]
          const rb = b.rects[0]
          if (!ra || !rb) continue
          const sameLine =
            Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) >
            0.5 * Math.min(ra.bottom - ra.top, rb.bottom - rb.top)
          const rtl = getComputedStyle(a.el).direction === 'rtl'
          const gap = rtl ? ra.left - rb.right : rb.left - ra.right
          const word = /[\p{L}\p{N}]/u
          if (!sameLine || gap < -1 || gap > 1.5 || !word.test(a.tail) || !word.test(b.head)) {
            continue
          }
          seen.add(key)
          problems.push({
            check: 'overlap',
            detail: `in ${describe(card).slice(0, 60)}: "${a.text}" runs into "${b.text}" with no space`,
          })
        }
      }
    }

    // (b) Controls wholly inside the viewport and inside any box that clips them (rails that
    // scroll sideways on purpose excepted).
    for (const el of all) {
      if (!el.matches(o.controls) || !visible(el)) continue
      const r = el.getBoundingClientRect()
      if (r.width < 1 || r.height < 1) continue
      // Wholly before the start edge until focused (skip links): not cut off.
      const rtl = getComputedStyle(el).direction === 'rtl'
      if (rtl ? r.left >= vw : r.right <= 0) continue
      let cutBy: string | null = null
      let railed = false
      for (let a = parentOf(el); a; a = parentOf(a)) {
        if (!clips(a)) continue
        if (scrollsSideways(a) && isRail(a)) {
          railed = true
          break
        }
        const box = a.getBoundingClientRect()
        if (r.left < box.left - 1 || r.right > box.right + 1) {
          cutBy = describe(a).split('>')[0] ?? ''
          break
        }
      }
      if (railed) continue
      if (!cutBy && (r.left < -1 || r.right > vw + 1)) cutBy = `the ${vw}px viewport`
      if (cutBy) {
        problems.push({
          check: 'cut-off',
          detail: `${describe(el)} spans x ${px(r.left)}–${px(r.right)}, cut off by ${cutBy}>`,
        })
      }
    }

    // (c) Nothing scrolls sideways but rails: not the page, not a dialog or a card.
    for (const el of all) {
      if (!visible(el) || !scrollsSideways(el) || isRail(el)) continue
      if (el === document.documentElement || el === document.body) continue
      problems.push({
        check: 'sideways',
        detail: `${describe(el).slice(0, 70)} scrolls sideways (${el.scrollWidth}px content in ${el.clientWidth}px)`,
      })
    }
    if (!o.scope && document.documentElement.scrollWidth > vw + 1) {
      const wide = all
        .filter((el) => {
          if (!visible(el)) return false
          const r = el.getBoundingClientRect()
          // Wholly before the start edge (a skip link waiting for focus) widens nothing.
          const rtl = getComputedStyle(el).direction === 'rtl'
          if (rtl ? r.left >= vw : r.right <= 0) return false
          return r.width > 0 && (r.right > vw + 1 || r.left < -1)
        })
        .filter((el) => {
          for (let a = parentOf(el); a; a = parentOf(a)) {
            if (clips(a) && a !== document.documentElement && a !== document.body) return false
          }
          return true
        })
      // The outermost culprits only.
      const outermost = wide.filter((el) => {
        for (let a = parentOf(el); a; a = parentOf(a)) if (wide.includes(a)) return false
        return true
      })
      problems.push({
        check: 'sideways',
        detail: `the page scrolls sideways (${document.documentElement.scrollWidth}px in ${vw}px), widest: ${outermost
          .slice(0, 4)
          .map((el) => {
            const r = el.getBoundingClientRect()
            return `${describe(el).slice(0, 50)} x ${px(r.left)}–${px(r.right)}`
          })
          .join('; ')}`,
      })
    }
    return problems
  }, options)
}

/**
 * Whether anything on the page (its style sheets, those of open shadow roots, a color-scheme
 * declaration) can render differently in dark mode. When nothing can, the dark rendering is the
 * light one and need not be audited twice. A sheet that cannot be read counts as responding.
 */
export async function respondsToDarkScheme(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const sheets: CSSStyleSheet[] = [...document.styleSheets, ...document.adoptedStyleSheets]
    for (const el of document.querySelectorAll('*')) {
      if (el.shadowRoot)
        sheets.push(...el.shadowRoot.styleSheets, ...el.shadowRoot.adoptedStyleSheets)
    }
    const dark = (rules: CSSRuleList): boolean =>
      [...rules].some((rule) => {
        if (rule instanceof CSSMediaRule && rule.conditionText.includes('prefers-color-scheme')) {
          return true
        }
        if (
          rule instanceof CSSStyleRule &&
          /dark/.test(rule.style.getPropertyValue('color-scheme'))
        ) {
          return true
        }
        return 'cssRules' in rule && dark((rule as CSSGroupingRule).cssRules)
      })
    const meta = document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? ''
    if (/dark/.test(meta)) return true
    return sheets.some((sheet) => {
      try {
        return dark(sheet.cssRules)
      } catch {
        return true
      }
    })
  })
}

/** Serious and critical axe-core violations, one problem per element (see axeViolations). */
export async function axeProblems(page: Page, scope: string | null = null) {
  const violations = await axeViolations(page, scope)
  const problems: ScreenProblem[] = []
  for (const v of violations) {
    for (const node of v.nodes) {
      problems.push({
        check: 'axe',
        detail: `${v.id} (${v.help}) at ${node.target}${node.summary ? `: ${node.summary.slice(0, 160)}` : ''}`,
      })
    }
  }
  return problems
}
