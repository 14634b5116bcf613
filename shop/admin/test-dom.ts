import type { ComponentChild } from 'preact'
import { render } from 'preact'
import { act } from 'preact/test-utils'

/** A request the component sent, with its parsed JSON body. */
export interface SentRequest {
  method: string
  url: string
  body: unknown
}

/**
 * Replaces the network (`fetch`) with canned answers by method and path; returns the requests
 * sent. The components themselves run unchanged.
 */
export function fakeServer(
  answer: (req: SentRequest) => { status: number; body?: unknown } | undefined,
): SentRequest[] {
  const sent: SentRequest[] = []
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const raw = init?.body
    const req = {
      method: init?.method ?? 'GET',
      url,
      body: typeof raw === 'string' ? JSON.parse(raw) : raw,
    }
    sent.push(req)
    const res = answer(req) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'Not found' } },
    }
    return new Response(res.body === undefined ? null : JSON.stringify(res.body), {
      status: res.status,
      headers: { 'content-type': 'application/json' },
    })
  }) as typeof fetch
  return sent
}

/** Renders into a fresh container attached to the document. */
export async function mount(node: ComponentChild): Promise<HTMLElement> {
  document.body.innerHTML = ''
  const container = document.createElement('div')
  document.body.append(container)
  await act(() => render(node, container))
  return container
}

/** Types into an input as a person would (one input event with the whole value). */
export async function type(el: Element | null, value: string): Promise<void> {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement))
    throw new Error('not a text field')
  await act(() => {
    el.value = value
    el.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

/** Clicks an element and lets effects and pending promises settle. */
export async function click(el: Element | null): Promise<void> {
  if (!(el instanceof HTMLElement)) throw new Error('nothing to click')
  await act(() => el.click())
  await settle()
}

/** Waits for pending promises (fetch answers) and re-renders. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((r) => setTimeout(r, 0)))
}

/** The element labelled `text` (by its `<label for>`). */
export function byLabel(root: ParentNode, text: string): HTMLElement | null {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)
  const id = label?.getAttribute('for')
  return id ? root.querySelector(`#${CSS.escape(id)}`) : null
}

/** The button whose text is `text`. */
export function button(root: ParentNode, text: string): HTMLButtonElement | null {
  return [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null
}

/** The error shown beside a field. */
export function errorOf(field: HTMLElement | null): string | undefined {
  const ids = field?.getAttribute('aria-describedby')?.split(' ') ?? []
  return (
    ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('error'))
      ?.textContent ?? undefined
  )
}
