import { Field, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import type { SectionProps, WidgetForm } from './widget-form.ts'

/** Position, colour, theme and the words the bubble shows. */
export function LookSection({ form, set, err }: SectionProps) {
  return (
    <>
      <h2>{t('look')}</h2>
      <div class="row">
        <Field id="w-position" label={t('position')} error={err('position')}>
          {() => (
            <select
              id="w-position"
              value={form.position}
              onChange={(e) => set({ position: e.currentTarget.value as 'left' | 'right' })}
            >
              <option value="right">{t('right')}</option>
              <option value="left">{t('left')}</option>
            </select>
          )}
        </Field>
        <Field id="w-color" label={t('colour')} error={err('color')}>
          {() => (
            <input
              id="w-color"
              type="color"
              value={form.color}
              onInput={(e) => set({ color: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field id="w-theme" label={t('theme')} error={err('theme')}>
          {() => (
            <select
              id="w-theme"
              value={form.theme}
              onChange={(e) => set({ theme: e.currentTarget.value as WidgetForm['theme'] })}
            >
              <option value="auto">{t('themeAuto')}</option>
              <option value="light">{t('themeLight')}</option>
              <option value="dark">{t('themeDark')}</option>
            </select>
          )}
        </Field>
      </div>
      <TextField
        id="w-greeting"
        label={t('greeting')}
        value={form.greeting}
        onValue={(greeting) => set({ greeting })}
        error={err('greeting')}
        hint={t('greetingHint')}
        maxLength={500}
      />
      <TextField
        id="w-reply"
        label={t('replyTime')}
        value={form.replyTime}
        onValue={(replyTime) => set({ replyTime })}
        error={err('replyTime')}
        placeholder={t('replyTimePlaceholder')}
        maxLength={100}
      />
      <TextField
        id="w-message"
        label={t('prefilledMessage')}
        value={form.message}
        onValue={(message) => set({ message })}
        error={err('message')}
        hint={t('prefilledHint')}
        maxLength={1000}
      />
    </>
  )
}
