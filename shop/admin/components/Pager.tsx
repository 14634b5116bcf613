import { t } from '../i18n.ts'

/** Previous and next page buttons around "page N", shown when there is more than one page. */
export function Pager(props: { page: number; more: boolean; go: (page: number) => void }) {
  const { page, more, go } = props
  if (page <= 1 && !more) return null
  return (
    <nav class="pager" aria-label={t('pages')}>
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('previous')}
      </button>
      <span>{t('pageOf', { page })}</span>
      <button type="button" class="secondary" disabled={!more} onClick={() => go(page + 1)}>
        {t('next')}
      </button>
    </nav>
  )
}
