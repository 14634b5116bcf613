import { useEffect, useRef } from 'preact/hooks'
import { FormError } from '../components/Field.tsx'
import { t } from '../i18n.ts'
import { NameStep, SlugStep } from './wizard/AddressSteps.tsx'
import { LogoStep } from './wizard/LogoStep.tsx'
import { MoneyStep } from './wizard/MoneyStep.tsx'
import { PhoneStep } from './wizard/PhoneStep.tsx'
import { useWizard } from './wizard/use-wizard.ts'
import { StepsProgress, WizardActions } from './wizard/WizardNav.tsx'
import { next } from './wizard/wizard-actions.ts'
import { STEPS } from './wizard/wizard-steps.ts'

/** The first-run wizard: name → address → WhatsApp number → currency and language → logo. */
export function Wizard() {
  const wizard = useWizard()
  const { step, index } = wizard
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => heading.current?.focus(), [step])

  return (
    <main class="wizard" id="main">
      <div class="wizard-card">
        <p class="brand" aria-hidden="true">
          <span class="brand-mark" />
          Chatcart
        </p>
        <StepsProgress index={index} />
        <form onSubmit={(e) => next(wizard, e)} noValidate>
          <p class="muted step-count">{t('stepOf', { n: index + 1, total: STEPS.length })}</p>
          <h1 tabIndex={-1} ref={heading}>
            {t(`step_${step}`)}
          </h1>
          <FormError error={wizard.errors._form} />
          {step === 'name' && <NameStep wizard={wizard} />}
          {step === 'slug' && <SlugStep wizard={wizard} />}
          {step === 'phone' && <PhoneStep wizard={wizard} />}
          {step === 'money' && <MoneyStep wizard={wizard} />}
          {step === 'logo' && <LogoStep wizard={wizard} />}
          <WizardActions wizard={wizard} />
        </form>
      </div>
    </main>
  )
}
