// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { readOptions } from './widget-options.ts'

function scriptData(html: string): DOMStringMap {
  document.body.innerHTML = html
  const script = document.querySelector('script')
  if (!script) throw new Error('no script')
  return script.dataset
}

describe('readOptions', () => {
  it('should read every data attribute of the script tag', () => {
    const data = scriptData(
      '<script data-shop="acme" data-phone="+33 6 12" data-message="Hi {title}" data-lang="fr" data-position="left" data-color="#ff0066" data-offset-x="12" data-offset-y="0" data-z-index="99" data-theme="dark"></script>',
    )
    expect(readOptions(data)).toEqual({
      shop: 'acme',
      phone: '+33 6 12',
      message: 'Hi {title}',
      lang: 'fr',
      position: 'left',
      color: '#ff0066',
      offsetX: 12,
      offsetY: 0,
      zIndex: 99,
      theme: 'dark',
    })
  })

  it('should leave out what the tag does not set', () => {
    expect(readOptions(scriptData('<script data-shop="acme"></script>'))).toEqual({
      shop: 'acme',
      offsetX: undefined,
      offsetY: undefined,
      zIndex: undefined,
    })
  })

  it('should ignore numbers that are not whole and non-negative', () => {
    const data = scriptData(
      '<script data-offset-x="-4" data-offset-y="12px" data-z-index="1e9"></script>',
    )
    const options = readOptions(data)
    expect([options.offsetX, options.offsetY, options.zIndex]).toEqual([
      undefined,
      undefined,
      undefined,
    ])
  })
})
