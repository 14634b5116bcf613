import { signal } from '@preact/signals'
import { api, shopPath, type WhatsAppDiagnostic } from './api.ts'

/** How many WhatsApp messages wait in the inbox of the shop shown, for the navigation badge. */
export const inboxCount = signal<{ slug: string; count: number } | undefined>(undefined)

/** Fetches the shop's count of unmatched messages; a failure just hides the badge. */
export async function loadInboxCount(slug: string): Promise<void> {
  try {
    const d = await api.get<WhatsAppDiagnostic>(shopPath(slug, '/whatsapp'))
    inboxCount.value = { slug, count: d.counts.unmatched ?? 0 }
  } catch {
    inboxCount.value = undefined
  }
}

/** Sets the count the inbox screen knows first-hand (after loading, linking, rolling back). */
export function setInboxCount(slug: string, count: number): void {
  inboxCount.value = { slug, count: Math.max(0, count) }
}
