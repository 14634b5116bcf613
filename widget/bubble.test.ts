// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from './bubble.tsx'
import { TRIGGER_KEY, today } from './trigger-marker.ts'

// The real bubble, mounted in a happy-dom page the way the loader mounts it.
function mountBubble() {
  const host = document.createElement('chatcart-widget')
  document.body.append(host)
  const root = host.attachShadow({ mode: 'open' })
  const frame = document.createElement('div')
  const button = document.createElement('button')
  frame.append(button)
  root.append(frame)
  const command = mount({
    base: 'https://api.example',
    root,
    frame,
    button,
    options: { phone: '33612345678', lang: 'en' },
    settings: Promise.resolve(null),
  })
  return { root, button, command }
}

const written = () => ({
  local: localStorage.length,
  session: sessionStorage.length,
  cookie: document.cookie,
})

beforeEach(() => {
  localStorage.clear()
  sessionStorage.clear()
})
afterEach(() => {
  document.body.innerHTML = ''
})

describe('bubble storage', () => {
  it('should store nothing when a trigger opens it before any interaction', () => {
    const { command } = mountBubble()
    command(['open', { trigger: true }])
    expect(written()).toEqual({ local: 0, session: 0, cookie: '' })
  })

  it("should remember the trigger's day once the visitor touches the widget", () => {
    const { root, command } = mountBubble()
    command(['open', { trigger: true }])
    root.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    expect(localStorage.getItem(TRIGGER_KEY)).toBe(today())
  })

  it('should not store a trigger day when no trigger fired, even after a click', () => {
    const { command } = mountBubble()
    command(['toggle'])
    expect(localStorage.getItem(TRIGGER_KEY)).toBeNull()
  })
})
