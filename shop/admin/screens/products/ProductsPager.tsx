import { t } from '../../i18n.ts'

/** Previous and Next through the pages the server's cursors lead to. */
export function ProductsPager(props: {
  cursors: string[]
  nextCursor: string | null
  turnPage: (cursors: string[]) => void
}) {
  const { cursors, nextCursor, turnPage } = props
  if (cursors.length === 0 && !nextCursor) return null
  return (
    <nav class="pager" aria-label={t('pages')}>
      <button
        type="button"
        class="secondary"
        disabled={cursors.length === 0}
        onClick={() => turnPage(cursors.slice(0, -1))}
      >
        {t('previous')}
      </button>
      <span>{t('pageOf', { page: cursors.length + 1 })}</span>
      <button
        type="button"
        class="secondary"
        disabled={!nextCursor}
        onClick={() => nextCursor && turnPage([...cursors, nextCursor])}
      >
        {t('next')}
      </button>
    </nav>
  )
}
