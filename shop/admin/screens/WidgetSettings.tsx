import { useEffect, useState } from 'preact/hooks'
import { WidgetPreview } from '../../../widget/WidgetPreview.tsx'
import { api, type Shop, shopPath } from '../api.ts'
import { copyWithToast } from '../clipboard.ts'
import { errorsFrom, type FieldErrors, FormError } from '../components/Field.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeShop, toast } from '../state.ts'
import {
  ConsentSection,
  RulesSection,
  TriggersSection,
} from './widget-settings/BehaviourSections.tsx'
import { ChannelsSection } from './widget-settings/ChannelsSection.tsx'
import { LookSection } from './widget-settings/LookSection.tsx'
import { TeamsSection } from './widget-settings/TeamsSection.tsx'
import { previewSettingsOf, type WidgetForm } from './widget-settings/widget-form.ts'

type WidgetAnswer = WidgetForm & { snippet: string; avatarUrl: string | null }

/** The widget's look and behaviour, with a live preview and the snippet to paste. */
export function WidgetSettings({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [saved, setSaved] = useState<WidgetForm | undefined>(undefined)
  const [form, setForm] = useState<WidgetForm | undefined>(undefined)
  const [snippet, setSnippet] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [avatarUrl, setAvatarUrl] = useState<string | null>(null)

  const show = ({ snippet: s, avatarUrl: avatar, ...settings }: WidgetAnswer) => {
    setAvatarUrl(avatar)
    setSaved(settings)
    setForm(settings)
    setSnippet(s)
  }

  useEffect(() => {
    api
      .get<WidgetAnswer>(shopPath(slug, '/widget'))
      .then(show, (e: Error) => setErrors({ _form: e.message }))
  }, [slug])

  const dirty = JSON.stringify(form) !== JSON.stringify(saved)
  useEffect(() => {
    setDirty('widget', dirty)
    return () => setDirty('widget', false)
  }, [dirty])

  if (!form || !shop) return errors._form ? <FormError error={errors._form} /> : <Loading />
  const sectionProps = {
    form,
    set: (patch: Partial<WidgetForm>) => setForm({ ...form, ...patch }),
    err: (path: string) => errors[path],
  }

  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      show(await api.put<WidgetAnswer>(shopPath(slug, '/widget'), form))
      toast(t('saved'))
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby="widget-title">
      <h1 id="widget-title">{t('navWidget')}</h1>
      <div class="grid-2">
        <form class="card" onSubmit={save} noValidate>
          <FormError error={errors._form} />
          <LookSection {...sectionProps} />
          <ChannelsSection {...sectionProps} />
          <TeamsSection {...sectionProps} whatsappPhone={shop.whatsappPhone} />
          <RulesSection {...sectionProps} />
          <TriggersSection {...sectionProps} />
          <ConsentSection {...sectionProps} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !dirty}>
              {busy ? t('wait') : t('save')}
            </button>
          </div>
        </form>
        <div>
          <PreviewCard form={form} shop={shop} avatarUrl={avatarUrl} />
          <SnippetCard snippet={snippet} />
        </div>
      </div>
    </section>
  )
}

/** The widget as visitors will see it, drawn from the form as it is being edited. */
function PreviewCard(props: { form: WidgetForm; shop: Shop; avatarUrl: string | null }) {
  const [open, setOpen] = useState(true)
  return (
    <div class="card">
      <h2>{t('preview')}</h2>
      {/* The transform holds the widget's fixed position inside the stage, the container its width. */}
      <div
        class="preview-stage"
        data-theme={props.form.theme}
        style={{
          transform: 'translateZ(0)',
          containerType: 'inline-size',
          minHeight: '620px',
        }}
      >
        <WidgetPreview
          settings={previewSettingsOf(props.form, props.shop, props.avatarUrl)}
          open={open}
          onToggle={() => setOpen(!open)}
          label={t('togglePreview')}
        />
      </div>
    </div>
  )
}

/** The script tag to paste into a website, with a copy button. */
function SnippetCard({ snippet }: { snippet: string }) {
  return (
    <div class="card">
      <h2>{t('snippet')}</h2>
      <p class="muted small">{t('snippetHint')}</p>
      <pre class="snippet">{snippet}</pre>
      <button type="button" class="primary" onClick={() => copyWithToast(snippet)}>
        {t('copySnippet')}
      </button>
    </div>
  )
}
