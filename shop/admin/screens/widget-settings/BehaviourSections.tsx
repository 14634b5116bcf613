import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { numberOrNull, type SectionProps } from './widget-form.ts'

/** Per-page rules: another prefilled message, or no bubble at all, on matching pages. */
export function RulesSection({ form, set, err }: SectionProps) {
  const setRule = (i: number, patch: Partial<(typeof form.rules)[number]>) =>
    set({ rules: form.rules.map((r, j) => (j === i ? { ...r, ...patch } : r)) })
  return (
    <>
      <h2>{t('pageRules')}</h2>
      {form.rules.map((rule, i) => (
        <div class="option-row" key={i}>
          <TextField
            id={`w-rp-${i}`}
            label={t('pagePattern')}
            value={rule.pattern}
            onValue={(pattern) => setRule(i, { pattern })}
            error={err(`rules.${i}.pattern`)}
            placeholder="/products/*"
          />
          <TextField
            id={`w-rm-${i}`}
            label={t('prefilledMessage')}
            value={rule.message ?? ''}
            onValue={(message) => setRule(i, { message })}
            error={err(`rules.${i}.message`)}
          />
          <div class="field">
            <label class="check">
              <input
                type="checkbox"
                checked={rule.hide ?? false}
                onChange={(e) => setRule(i, { hide: e.currentTarget.checked })}
              />
              {t('hideHere')}
            </label>
            <button
              type="button"
              class="secondary"
              onClick={() => set({ rules: form.rules.filter((_, j) => j !== i) })}
            >
              {t('remove')}
            </button>
          </div>
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => set({ rules: [...form.rules, { pattern: '/*' }] })}
      >
        {t('addRule')}
      </button>
    </>
  )
}

/** When the bubble opens by itself. */
export function TriggersSection({ form, set, err }: SectionProps) {
  return (
    <>
      <h2>{t('triggers')}</h2>
      <div class="row">
        <TextField
          id="w-after"
          label={t('openAfter')}
          inputMode="numeric"
          value={form.triggers.afterSeconds?.toString() ?? ''}
          onValue={(v) => set({ triggers: { ...form.triggers, afterSeconds: numberOrNull(v) } })}
          error={err('triggers.afterSeconds')}
        />
        <TextField
          id="w-scroll"
          label={t('openScroll')}
          inputMode="numeric"
          value={form.triggers.scrollPercent?.toString() ?? ''}
          onValue={(v) => set({ triggers: { ...form.triggers, scrollPercent: numberOrNull(v) } })}
          error={err('triggers.scrollPercent')}
        />
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={form.triggers.onceADay}
          onChange={(e) =>
            set({ triggers: { ...form.triggers, onceADay: e.currentTarget.checked } })
          }
        />
        {t('onceADay')}
      </label>
    </>
  )
}

/** The consent question asked before the bubble opens a chat. */
export function ConsentSection({ form, set, err }: SectionProps) {
  return (
    <>
      <h2>{t('consent')}</h2>
      <label class="check">
        <input
          type="checkbox"
          checked={form.consent.enabled}
          onChange={(e) => set({ consent: { ...form.consent, enabled: e.currentTarget.checked } })}
        />
        {t('askConsent')}
      </label>
      {form.consent.enabled && (
        <>
          <TextField
            id="w-consent"
            label={t('consentText')}
            value={form.consent.text}
            onValue={(text) => set({ consent: { ...form.consent, text } })}
            error={err('consent.text')}
            maxLength={500}
          />
          <TextField
            id="w-consent-url"
            label={t('privacyUrl')}
            type="url"
            value={form.consent.url ?? ''}
            onValue={(url) => set({ consent: { ...form.consent, url: url || null } })}
            error={err('consent.url')}
          />
        </>
      )}
    </>
  )
}
