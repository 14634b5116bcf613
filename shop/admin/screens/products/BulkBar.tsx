import { t } from '../../i18n.ts'
import { type BulkTarget, bulkActive, bulkDelete } from './bulk-actions.ts'

/** Activate, deactivate or delete the ticked products; shown while some are ticked. */
export function BulkBar({ target }: { target: BulkTarget }) {
  if (target.selected.size === 0) return null
  return (
    <section class="bulkbar" aria-label={t('bulkActions')}>
      <span>{t('nSelected', { n: target.selected.size })}</span>
      <button type="button" class="small" onClick={() => bulkActive(target, true)}>
        {t('activate')}
      </button>
      <button type="button" class="small" onClick={() => bulkActive(target, false)}>
        {t('deactivate')}
      </button>
      <button type="button" class="small danger" onClick={() => bulkDelete(target)}>
        {t('delete')}
      </button>
    </section>
  )
}
