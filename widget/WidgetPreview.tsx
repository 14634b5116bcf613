/**
 * The admin's live preview: the bubble's own Panel and the loader's button, with the loader's
 * and the bubble's stylesheets, in a shadow root of their own, so the preview is the widget a
 * visitor sees and cannot drift from it.
 */
import { type Signal, useSignal } from '@preact/signals'
import { render } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import bubbleCss from './bubble.css?inline'
import { BUTTON_FACE } from './button-face.ts'
import loaderCss from './loader.css?inline'
import { Panel, type PanelView } from './Panel.tsx'
import { loadStrings, type WidgetStrings, widgetLocale } from './strings.ts'
import type { PublicWidget } from './widget-context.ts'

export interface WidgetPreviewProps {
  /** The settings as the loader would fetch them (`GET /api/widget/{slug}`). */
  settings: PublicWidget
  open: boolean
  onToggle: () => void
  /** The closed button's label in the admin's language. */
  label: string
}

function sheet(css: string): CSSStyleSheet {
  const s = new CSSStyleSheet()
  s.replaceSync(css)
  return s
}

function Frame(props: WidgetPreviewProps & { strings: WidgetStrings; view: Signal<PanelView> }) {
  const { settings: s } = props
  const theme = s.theme === 'dark' ? ' dk' : s.theme === 'light' ? ' lt' : ''
  return (
    <div class={`w${theme}`}>
      <Panel
        open={props.open}
        view={props.view}
        settings={s}
        strings={props.strings}
        rtl={widgetLocale([s.shop.locale]) === 'ar'}
        desktop={false}
        text={s.message}
        channels={s.channels}
        notice=""
        cart={null}
        // A preview opens nothing: links and the consent step stay where they are.
        guard={() => false}
        accept={() => {}}
        onChannel={() => {}}
        onClose={props.onToggle}
      />
      <button
        type="button"
        class="o"
        aria-label={props.label}
        aria-expanded={props.open}
        onClick={props.onToggle}
        // Fixed markup of our own (the loader's icon and badge), no data.
        dangerouslySetInnerHTML={{ __html: BUTTON_FACE }}
      />
    </div>
  )
}

/**
 * Draws the widget as a page would show it, positioned inside the nearest ancestor that
 * contains fixed elements (give the stage a `transform`) and sized to the nearest container
 * (give it `container-type: inline-size`).
 */
export function WidgetPreview(props: WidgetPreviewProps) {
  const host = useRef<HTMLDivElement>(null)
  const [strings, setStrings] = useState<WidgetStrings | null>(null)
  const view = useSignal<PanelView>('main')
  const locale = widgetLocale([props.settings.shop.locale])

  useEffect(() => {
    loadStrings(locale).then(setStrings)
  }, [locale])

  useEffect(() => {
    const el = host.current
    if (!el || !strings) return
    let root = el.shadowRoot
    if (!root) {
      root = el.attachShadow({ mode: 'open' })
      // The stage is narrower than a phone's screen: the panel fits the stage, not the window.
      root.adoptedStyleSheets = [
        sheet(loaderCss),
        sheet(bubbleCss),
        sheet('.p{max-width:calc(100cqw - 24px)}'),
      ]
    }
    const s = props.settings
    el.classList.toggle('l', s.position === 'left')
    el.style.setProperty('--c', s.color)
    el.style.setProperty('--t', s.textColor)
    el.style.setProperty('--x', String(s.offsetX))
    el.style.setProperty('--y', String(s.offsetY))
    render(<Frame {...props} strings={strings} view={view} />, root)
  })

  useEffect(
    () => () => {
      const root = host.current?.shadowRoot
      if (root) render(null, root)
    },
    [],
  )

  return <div ref={host} />
}
