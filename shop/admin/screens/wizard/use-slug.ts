import { useEffect, useState } from 'preact/hooks'
import { askAfterPause } from '../../after-pause.ts'
import { api } from '../../api.ts'
import type { Availability } from './wizard-steps.ts'

type SetAvailability = (availability: Availability) => void

/** How long typing pauses before the server is asked. */
const PAUSE_MS = 250

/**
 * Asks the server, after a pause in typing, for an address made from the name: it transliterates
 * any script, with tables too heavy for the admin's bundle. Returns what cancels the question.
 */
function suggestSlug(typed: string, setSlug: (slug: string) => void, set: SetAvailability) {
  set({ state: 'checking' })
  return askAfterPause(
    PAUSE_MS,
    () =>
      api.get<{ slug: string; available: boolean }>(
        `/api/slug-suggestion?name=${encodeURIComponent(typed)}`,
      ),
    (res) => {
      setSlug(res.slug)
      set(
        res.slug === ''
          ? { state: 'idle' }
          : { state: 'done', available: res.available, code: res.available ? undefined : 'taken' },
      )
    },
    () => set({ state: 'idle' }),
  )
}

/** Asks the server, after a pause in typing, whether an address is free. */
function checkSlug(slug: string, set: SetAvailability) {
  set({ state: 'checking' })
  return askAfterPause(
    PAUSE_MS,
    () =>
      api.get<{ available: boolean; code?: string; reason?: string }>(
        `/api/slug-availability/${encodeURIComponent(slug)}`,
      ),
    (res) => set({ state: 'done', ...res }),
    () => set({ state: 'idle' }),
  )
}

/**
 * The shop's address: suggested by the server from the name until the merchant types one, then
 * checked as it changes. `edit` takes what the merchant typed, keeping only what an address allows.
 */
export function useSlug(name: string) {
  const [slug, setSlug] = useState('')
  const [slugEdited, setSlugEdited] = useState(false)
  const [availability, setAvailability] = useState<Availability>({ state: 'idle' })

  useEffect(() => {
    if (slugEdited) return
    const typed = name.trim()
    if (typed !== '') return suggestSlug(typed, setSlug, setAvailability)
    setSlug('')
    setAvailability({ state: 'idle' })
  }, [name, slugEdited])

  useEffect(() => {
    if (!slugEdited) return
    if (slug !== '') return checkSlug(slug, setAvailability)
    setAvailability({ state: 'idle' })
  }, [slug, slugEdited])

  const edit = (typed: string) => {
    setSlugEdited(true)
    setSlug(typed.toLowerCase().replace(/[^a-z0-9-]/g, ''))
  }
  return { slug, availability, edit }
}
