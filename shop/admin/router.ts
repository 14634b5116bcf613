import { signal } from '@preact/signals'
import { t } from './i18n.ts'

/** The current path below the site root, e.g. `/admin/my-shop/orders`. */
export const currentPath = signal(typeof location === 'undefined' ? '/admin' : location.pathname)
export const currentQuery = signal(typeof location === 'undefined' ? '' : location.search)

/** Forms with unsaved edits register here; leaving asks first. */
const dirtyForms = new Set<string>()
export const hasUnsavedChanges = signal(false)

/** Marks a form as edited (or saved) so navigation and page unload can warn. */
export function setDirty(formId: string, dirty: boolean): void {
  if (dirty) dirtyForms.add(formId)
  else dirtyForms.delete(formId)
  hasUnsavedChanges.value = dirtyForms.size > 0
}

function confirmLeaving(): boolean {
  if (!hasUnsavedChanges.value) return true
  if (!window.confirm(t('unsavedLeave'))) return false
  dirtyForms.clear()
  hasUnsavedChanges.value = false
  return true
}

/** Goes to another admin path, unless the merchant chooses to stay with unsaved changes. */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): void {
  if (!options.force && !confirmLeaving()) return
  if (options.force) {
    dirtyForms.clear()
    hasUnsavedChanges.value = false
  }
  const url = new URL(to, location.origin)
  if (options.replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  currentPath.value = url.pathname
  currentQuery.value = url.search
  window.scrollTo?.(0, 0)
}

/** Keeps the signals in step with the browser's back and forward buttons. */
export function startRouter(): void {
  let shownPath = location.pathname + location.search
  window.addEventListener('popstate', () => {
    if (!confirmLeaving()) {
      history.pushState(null, '', shownPath)
      return
    }
    shownPath = location.pathname + location.search
    currentPath.value = location.pathname
    currentQuery.value = location.search
  })
  window.addEventListener('beforeunload', (e) => {
    if (hasUnsavedChanges.value) e.preventDefault()
  })
}

/** The path split into segments after `/admin`. */
export function adminSegments(path: string): string[] {
  return path
    .replace(/^\/admin\/?/, '')
    .split('/')
    .filter(Boolean)
    .map(decodeURIComponent)
}

/** An `/admin/…` path for a shop. */
export function shopUrl(slug: string, rest = ''): string {
  return `/admin/${encodeURIComponent(slug)}${rest}`
}
