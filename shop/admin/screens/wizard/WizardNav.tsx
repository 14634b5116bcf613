import { t } from '../../i18n.ts'
import type { WizardState } from './use-wizard.ts'
import { STEPS } from './wizard-steps.ts'

/** The row of marks showing which steps are done and which one is current. */
export function StepsProgress({ index }: { index: number }) {
  return (
    <ol class="steps" aria-label={t('wizardProgress')}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          class={i < index ? 'done' : i === index ? 'current' : ''}
          aria-current={i === index ? 'step' : undefined}
        >
          <span class="visually-hidden">{t(`step_${s}`)}</span>
        </li>
      ))}
    </ol>
  )
}

function submitLabel({ busy, step, logo }: WizardState): string {
  if (busy) return t('wait')
  if (step === 'money') return t('createShop')
  if (step === 'logo') return logo ? t('finish') : t('skipFinish')
  return t('next')
}

/** Back (until the shop exists) and the button that moves on. */
export function WizardActions({ wizard: w }: { wizard: WizardState }) {
  return (
    <div class="actions">
      {w.index > 0 && w.step !== 'logo' && (
        <button type="button" class="secondary" onClick={() => w.go(STEPS[w.index - 1] ?? 'name')}>
          {t('back')}
        </button>
      )}
      <button type="submit" class="primary" disabled={w.busy}>
        {submitLabel(w)}
      </button>
    </div>
  )
}
