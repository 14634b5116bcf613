import { useState } from 'preact/hooks'
import type { ImportSummary } from '../../../api/admin/import-products.ts'
import type { RowError } from '../../../api/admin/product-csv.ts'
import { ApiError, shopPath, uploadWithProgress } from '../api.ts'
import { FormError } from '../components/Field.tsx'
import { locale, t } from '../i18n.ts'

/** What an import answers, and the errors of a refused file: the server's own types. */
type Summary = ImportSummary

type Phase =
  | { kind: 'idle' }
  | { kind: 'working'; label: string; progress: number }
  | { kind: 'invalid'; summary: Summary; errors: RowError[]; errorCount: number }
  | { kind: 'done'; summary: Summary }
  | { kind: 'failed'; message: string }

type CountKey = 'importRefused' | 'importCreated' | 'importUpdated' | 'importUnchanged'

/**
 * A count in words in the admin's language, with the plural form its rules pick
 * (`1 row needs fixing`, `2 rows need fixing`; French counts 0 and 1 as singular).
 */
export function countText(key: CountKey, n: number): string {
  const form = new Intl.PluralRules(locale.value).select(n) === 'one' ? 'one' : 'other'
  return t(`${key}_${form}`, { n: new Intl.NumberFormat(locale.value).format(n) })
}

/** What an import did, in words: `Imported: 1 new, 2 updated, 0 unchanged.` */
export function importDoneText(summary: Pick<Summary, 'created' | 'updated' | 'unchanged'>) {
  return t('importDone', {
    created: countText('importCreated', summary.created),
    updated: countText('importUpdated', summary.updated),
    unchanged: countText('importUnchanged', summary.unchanged),
  })
}

const READ_AS = {
  ',': 'importReadAs_comma',
  ';': 'importReadAs_semicolon',
  '\t': 'importReadAs_tab',
} as const

/** Product CSV import (checked first, then all or nothing) and the CSV and Meta feed exports. */
export function ImportExport({ slug }: { slug: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })

  const run = async (file: File) => {
    const text = await file.text()
    const blob = new Blob([text], { type: 'text/csv' })
    try {
      setPhase({ kind: 'working', label: t('checkingFile'), progress: 0 })
      const check = await uploadWithProgress<{
        valid: boolean
        summary: Summary
        errors: RowError[]
        errorCount: number
      }>(
        shopPath(slug, '/products/import?check=true'),
        blob,
        (f) => setPhase({ kind: 'working', label: t('checkingFile'), progress: f * 0.4 }),
        'text/csv',
      )
      if (!check.valid)
        return setPhase({
          kind: 'invalid',
          summary: check.summary,
          errors: check.errors,
          errorCount: check.errorCount,
        })
      setPhase({ kind: 'working', label: t('importing'), progress: 0.5 })
      const summary = await uploadWithProgress<Summary>(
        shopPath(slug, '/products/import'),
        blob,
        (f) => setPhase({ kind: 'working', label: t('importing'), progress: 0.5 + f * 0.45 }),
        'text/csv',
      )
      setPhase({ kind: 'done', summary })
    } catch (error) {
      setPhase({
        kind: 'failed',
        message: error instanceof ApiError ? error.message : t('somethingWrong'),
      })
    }
  }

  return (
    <section aria-labelledby="io-title">
      <h1 id="io-title">{t('navImport')}</h1>
      <div class="card">
        <h2>{t('importProducts')}</h2>
        <p class="muted small">{t('importHint')}</p>
        <div class="field">
          <label for="csv-file">{t('chooseCsv')}</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            disabled={phase.kind === 'working'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0]
              if (file) void run(file)
              e.currentTarget.value = ''
            }}
          />
        </div>
        {phase.kind === 'working' && (
          <div role="status" aria-live="polite">
            <label for="import-progress">{phase.label}</label>
            <progress
              id="import-progress"
              class="progress"
              max={100}
              value={Math.round(phase.progress * 100)}
            />
          </div>
        )}
        {phase.kind === 'failed' && <FormError error={phase.message} />}
        {phase.kind === 'done' && (
          <div role="status">
            <p class="ok">{importDoneText(phase.summary)}</p>
            <p class="muted small">{t(READ_AS[phase.summary.separator])}</p>
          </div>
        )}
        {phase.kind === 'invalid' && (
          <div role="alert">
            <p class="form-error">{countText('importRefused', phase.summary.rowsWithErrors)}</p>
            <p class="muted small">
              {t(READ_AS[phase.summary.separator])}
              {phase.errorCount > phase.errors.length &&
                ` ${t('importMoreErrors', { shown: phase.errors.length, total: phase.errorCount })}`}
            </p>
            <div class="table-wrap row-errors">
              <table>
                <caption class="visually-hidden">{t('rowErrors')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('row')}</th>
                    <th scope="col">SKU</th>
                    <th scope="col">{t('column')}</th>
                    <th scope="col">{t('problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.errors.map((e, i) => (
                    <tr key={i}>
                      <td>{e.row}</td>
                      <td>{e.sku}</td>
                      <td>{e.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </div>
      <div class="card">
        <h2>{t('exports')}</h2>
        <div class="actions">
          <a class="button secondary" href={shopPath(slug, '/products.csv')} download>
            {t('exportProducts')}
          </a>
          <a class="button secondary" href={shopPath(slug, '/meta-feed.csv')} download>
            {t('exportMeta')}
          </a>
          <a class="button secondary" href={shopPath(slug, '/orders.csv')} download>
            {t('exportOrders')}
          </a>
        </div>
        <p class="muted small">{t('metaHint')}</p>
      </div>
    </section>
  )
}
