import { signal } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { t } from '../i18n.ts'
import { toasts } from '../state.ts'

interface Pending {
  title: string
  body?: string
  confirmLabel: string
  danger: boolean
  choices?: { value: string; label: string }[]
  resolve: (result: string | false) => void
}

const pending = signal<Pending | null>(null)

/**
 * Asks the merchant to confirm; resolves with true or false.
 * @example if (await confirmAction({ title: 'Cancel order?', danger: true })) …
 */
export function confirmAction(options: {
  title: string
  body?: string
  confirmLabel?: string
  danger?: boolean
}): Promise<boolean> {
  return new Promise((resolve) => {
    pending.value = {
      title: options.title,
      ...(options.body ? { body: options.body } : {}),
      confirmLabel: options.confirmLabel ?? t('confirm'),
      danger: options.danger ?? false,
      resolve: (r) => resolve(r !== false),
    }
  })
}

/** Asks the merchant to pick one of several choices; resolves with its value or false. */
export function chooseAction(options: {
  title: string
  body?: string
  confirmLabel: string
  choices: { value: string; label: string }[]
  danger?: boolean
}): Promise<string | false> {
  return new Promise((resolve) => {
    pending.value = {
      title: options.title,
      ...(options.body ? { body: options.body } : {}),
      confirmLabel: options.confirmLabel,
      danger: options.danger ?? false,
      choices: options.choices,
      resolve,
    }
  })
}

/** The one modal dialog of the app, plus the toasts. */
export function DialogHost() {
  const p = pending.value
  const confirmRef = useRef<HTMLButtonElement>(null)
  const selectRef = useRef<HTMLSelectElement>(null)
  const returnFocus = useRef<Element | null>(null)

  useEffect(() => {
    if (!p) return
    returnFocus.current = document.activeElement
    ;(selectRef.current ?? confirmRef.current)?.focus()
  }, [p])

  const close = (result: string | false) => {
    if (!p) return
    pending.value = null
    p.resolve(result)
    if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus()
  }

  return (
    <>
      {p && (
        <div class="backdrop">
          <div
            class="dialog"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="dialog-title"
            aria-describedby={p.body ? 'dialog-body' : undefined}
            onKeyDown={(e) => {
              if (e.key === 'Escape') close(false)
              if (e.key === 'Tab') {
                // Keep focus inside the dialog.
                const focusable = e.currentTarget.querySelectorAll<HTMLElement>('button, select')
                const first = focusable[0]
                const last = focusable[focusable.length - 1]
                if (e.shiftKey && document.activeElement === first) {
                  e.preventDefault()
                  last?.focus()
                } else if (!e.shiftKey && document.activeElement === last) {
                  e.preventDefault()
                  first?.focus()
                }
              }
            }}
          >
            <h2 id="dialog-title">{p.title}</h2>
            {p.body && <p id="dialog-body">{p.body}</p>}
            {p.choices && (
              <select ref={selectRef} aria-label={p.title} class="dialog-choice">
                {p.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
            <div class="actions">
              <button type="button" class="secondary" onClick={() => close(false)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                ref={confirmRef}
                class={p.danger ? 'danger' : 'primary'}
                onClick={() => close(p.choices ? (selectRef.current?.value ?? false) : 'yes')}
              >
                {p.confirmLabel}
              </button>
            </div>
          </div>
        </div>
      )}
      <div class="toasts" role="status" aria-live="polite">
        {toasts.value.map((x) => (
          <p key={x.id} class={`toast ${x.kind}`}>
            {x.text}
          </p>
        ))}
      </div>
    </>
  )
}
