// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { colorChannels, textColorOn } from './contrast.ts'
import { WidgetPreview } from './WidgetPreview.tsx'
import type { PublicWidget } from './widget-context.ts'

function settings(color: string, locale = 'en'): PublicWidget {
  return {
    shop: {
      slug: 'acme',
      name: 'Acme',
      currency: 'EUR',
      locale,
      timezone: 'Europe/Paris',
      whatsappPhone: '33612345678',
    },
    avatarUrl: null,
    greeting: '',
    replyTime: 'Replies in minutes',
    message: 'Hi',
    position: 'right',
    offsetX: 20,
    offsetY: 20,
    color,
    textColor: textColorOn(colorChannels(color)),
    zIndex: 1,
    theme: 'light',
    idleLoad: false,
    channels: [{ type: 'whatsapp', value: '33612345678' }],
    teams: [
      {
        name: 'Ana',
        role: 'Sales',
        photoUrl: null,
        channel: 'telegram',
        value: 'ana',
        hours: null,
        open: null,
      },
    ],
    rules: [],
    triggers: { afterSeconds: null, scrollPercent: null, onceADay: true },
    consent: { enabled: false, text: '', url: null },
  }
}

let container: HTMLElement

async function preview(s: PublicWidget) {
  container = document.createElement('div')
  document.body.append(container)
  await act(async () => {
    render(<WidgetPreview settings={s} open onToggle={() => {}} label="Preview" />, container)
  })
  const host = container.firstElementChild as HTMLElement
  // The widget's words are a chunk of their own: the dialog comes once they are there.
  await vi.waitFor(() => expect(host.shadowRoot?.querySelector('[role="dialog"]')).toBeTruthy())
  return { host, root: host.shadowRoot }
}

afterEach(() => {
  render(null, container)
  container.remove()
})

describe('WidgetPreview', () => {
  it("should draw the live widget's dialog, teams and button in a shadow root", async () => {
    const { root } = await preview(settings('#25d366'))
    expect(root?.querySelector('[role="dialog"] h2')?.textContent).toBe('Acme')
    expect(root?.querySelector('a.ag b')?.textContent).toBe('Ana')
    expect(root?.querySelector('.g')?.textContent).toBe('Hi! How can we help you?')
    expect(root?.querySelector('button.o')?.getAttribute('aria-label')).toBe('Preview')
  })

  it('should give the header the text colour the live widget picks for the colour', async () => {
    const green = await preview(settings('#25d366'))
    expect(green.host.style.getPropertyValue('--t')).toBe('#000')
    render(null, container)
    container.remove()
    const blue = await preview(settings('#0055aa'))
    expect(blue.host.style.getPropertyValue('--c')).toBe('#0055aa')
    expect(blue.host.style.getPropertyValue('--t')).toBe('#fff')
  })

  it('should speak the shop language, right to left in Arabic', async () => {
    const { root } = await preview(settings('#25d366', 'ar'))
    expect(root?.querySelector('[role="dialog"]')?.getAttribute('dir')).toBe('rtl')
    expect(root?.querySelector('.g')?.textContent).toBe('مرحبًا! كيف يمكننا مساعدتك؟')
  })
})
