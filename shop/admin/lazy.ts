import { signal } from '@preact/signals'
import type { ComponentType } from 'preact'
import { createElement } from 'preact'
import { Loading } from './components/States.tsx'
import { t } from './i18n.ts'

/** A screen loaded on first use, so heavy screens stay out of the first download. */
// biome-ignore lint/suspicious/noExplicitAny: screens take different props
export function lazyScreen<P = any>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const loaded = signal<ComponentType<P> | null>(null)
  const failed = signal(false)
  let started = false
  return function LazyScreen(props: P) {
    if (!started) {
      started = true
      load().then(
        (c) => {
          loaded.value = c
        },
        () => {
          failed.value = true
        },
      )
    }
    const Component = loaded.value
    if (failed.value) {
      return createElement('p', { class: 'form-error', role: 'alert' }, t('reloadPage'))
    }
    if (!Component) return createElement(Loading, { label: t('loading') })
    // biome-ignore lint/suspicious/noExplicitAny: props pass through unchanged
    return createElement(Component as ComponentType<any>, props as any)
  }
}
