import type { MetaSync } from '../api.ts'
import { dateTime } from '../format.ts'
import { type StringKey, t } from '../i18n.ts'

const LABEL: Record<MetaSync['state'], StringKey> = {
  pending: 'metaSyncPending',
  synced: 'metaSyncSynced',
  failed: 'metaSyncFailed',
}
const TONE: Record<MetaSync['state'], string> = {
  pending: 'pending',
  synced: 'active',
  failed: 'inactive',
}

/**
 * Where a product stands in the shop's Meta catalog: a badge, and with `detailed` (the editor)
 * Meta's error or the time it was last synced.
 */
export function MetaSyncBadge({ sync, detailed }: { sync: MetaSync; detailed?: boolean }) {
  const badge = (
    <span class={`badge ${TONE[sync.state]}`} title={sync.error}>
      {t(LABEL[sync.state])}
    </span>
  )
  if (!detailed) return <div class="meta-sync">{badge}</div>
  return (
    <p class="meta-sync">
      {badge}{' '}
      {sync.state === 'failed' && sync.error ? (
        <span class="error">{sync.error}</span>
      ) : sync.state === 'synced' && sync.syncedAt ? (
        <span class="muted small">{t('metaSyncedAt', { when: dateTime(sync.syncedAt) })}</span>
      ) : null}
    </p>
  )
}
