import { useEffect, useState } from 'preact/hooks'
import { colorChannels, textColorOn } from '../../../widget/contrast.ts'
import { WidgetPreview } from '../../../widget/WidgetPreview.tsx'
import type { PublicWidget } from '../../../widget/widget-context.ts'
import { api, shopPath } from '../api.ts'
import { copyWithToast } from '../clipboard.ts'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import { setDirty } from '../router.ts'
import { activeShop, toast } from '../state.ts'

const CHANNELS = [
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'sms',
  'email',
  'phone',
] as const
type Channel = (typeof CHANNELS)[number]
type Hours = Partial<
  Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>
> | null

interface Team {
  name: string
  role: string
  channel: Channel
  value: string
  photoImage: string | null
  hours: Hours
}

export interface WidgetForm {
  position: 'left' | 'right'
  offsetX: number
  offsetY: number
  color: string
  zIndex: number
  greeting: string
  replyTime: string
  avatarImage: string | null
  message: string
  channels: { type: Channel; value?: string }[]
  teams: Team[]
  rules: { pattern: string; message?: string; hide?: boolean }[]
  triggers: { afterSeconds: number | null; scrollPercent: number | null; onceADay: boolean }
  consent: { enabled: boolean; text: string; url: string | null }
  idleLoad: boolean
  theme: 'auto' | 'light' | 'dark'
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

function hoursMode(hours: Hours): {
  mode: 'always' | 'weekdays' | 'daily'
  from: string
  to: string
} {
  if (!hours) return { mode: 'always', from: '09:00', to: '18:00' }
  const first = Object.values(hours).find((v) => v?.length)?.[0] ?? ['09:00', '18:00']
  return { mode: hours.sat || hours.sun ? 'daily' : 'weekdays', from: first[0], to: first[1] }
}

function hoursFrom(mode: string, from: string, to: string): Hours {
  if (mode === 'always') return null
  const days = mode === 'daily' ? ALL_DAYS : WEEKDAYS
  return Object.fromEntries(days.map((d) => [d, [[from, to]]]))
}

function numberOrNull(text: string): number | null {
  return text.trim() === '' ? null : Number(text)
}

/** The widget's look and behaviour, with a live preview and the snippet to paste. */
export function WidgetSettings({ slug }: { slug: string }) {
  const shop = activeShop.value
  const [saved, setSaved] = useState<WidgetForm | undefined>(undefined)
  const [form, setForm] = useState<WidgetForm | undefined>(undefined)
  const [snippet, setSnippet] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState(true)
  const [avatarUrl, setAvatarUrl] = useState<string | null>(null)

  useEffect(() => {
    api
      .get<WidgetForm & { snippet: string; avatarUrl: string | null }>(shopPath(slug, '/widget'))
      .then(
        ({ snippet: s, avatarUrl: avatar, ...settings }) => {
          setAvatarUrl(avatar)
          setSaved(settings)
          setForm(settings)
          setSnippet(s)
        },
        (e: Error) => setErrors({ _form: e.message }),
      )
  }, [slug])

  const dirty = JSON.stringify(form) !== JSON.stringify(saved)
  useEffect(() => {
    setDirty('widget', dirty)
    return () => setDirty('widget', false)
  }, [dirty])

  if (!form || !shop) return errors._form ? <FormError error={errors._form} /> : <Loading />
  const set = (patch: Partial<WidgetForm>) => setForm({ ...form, ...patch })
  const err = (path: string) => errors[path]

  const save = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setErrors({})
    try {
      const {
        snippet: s,
        avatarUrl: avatar,
        ...settings
      } = await api.put<WidgetForm & { snippet: string; avatarUrl: string | null }>(
        shopPath(slug, '/widget'),
        form,
      )
      setAvatarUrl(avatar)
      setSaved(settings)
      setForm(settings)
      setSnippet(s)
      toast(t('saved'))
    } catch (error) {
      setErrors(errorsFrom(error))
    } finally {
      setBusy(false)
    }
  }

  const channelList = form.channels.length ? form.channels : [{ type: 'whatsapp' as Channel }]
  // What the loader would fetch for these settings (api/widget/widget-json.ts), so the preview
  // draws the widget's own components with the same data.
  const previewSettings: PublicWidget = {
    shop: {
      slug: shop.slug,
      name: shop.name,
      currency: shop.currency,
      locale: shop.locale,
      timezone: shop.timezone,
      whatsappPhone: shop.whatsappPhone,
    },
    avatarUrl: avatarUrl ?? shop.logoUrl,
    greeting: form.greeting,
    replyTime: form.replyTime,
    message: form.message,
    position: form.position,
    offsetX: form.offsetX,
    offsetY: form.offsetY,
    color: form.color,
    textColor: textColorOn(colorChannels(form.color)),
    zIndex: form.zIndex,
    theme: form.theme,
    idleLoad: form.idleLoad,
    channels: form.channels.length
      ? form.channels.map((c) => ({ type: c.type, value: c.value ?? shop.whatsappPhone }))
      : [
          { type: 'whatsapp', value: shop.whatsappPhone },
          // In the server's order (api/widget/widget-json.ts).
          ...CHANNELS.flatMap((type) => {
            const value = type === 'whatsapp' ? '' : shop.channels[type]
            return value ? [{ type, value }] : []
          }),
        ],
    teams: form.teams.map((team, i) => ({
      name: team.name || t('teamN', { n: i + 1 }),
      role: team.role,
      photoUrl: null,
      channel: team.channel,
      value: team.value,
      hours: team.hours,
    })),
    rules: form.rules,
    triggers: form.triggers,
    consent: form.consent,
  }
  return (
    <section aria-labelledby="widget-title">
      <h1 id="widget-title">{t('navWidget')}</h1>
      <div class="grid-2">
        <form class="card" onSubmit={save} noValidate>
          <FormError error={errors._form} />
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

          <h2>{t('channels')}</h2>
          {channelList.map((ch, i) => (
            <div class="option-row" key={i}>
              <Field id={`w-ch-${i}`} label={t('channel')}>
                {() => (
                  <select
                    id={`w-ch-${i}`}
                    value={ch.type}
                    onChange={(e) =>
                      set({
                        channels: channelList.map((c, j) =>
                          j === i ? { type: e.currentTarget.value as Channel } : c,
                        ),
                      })
                    }
                  >
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {t(`channel_${c}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <TextField
                id={`w-chv-${i}`}
                label={t('channelValue')}
                value={ch.value ?? ''}
                onValue={(value) =>
                  set({
                    channels: channelList.map((c, j) =>
                      j === i ? { type: c.type, ...(value ? { value } : {}) } : c,
                    ),
                  })
                }
                error={err(`channels.${i}.value`) ?? err(`channels.${i}`)}
                hint={ch.type === 'whatsapp' ? t('channelWhatsAppHint') : undefined}
              />
              <div class="field">
                <button
                  type="button"
                  class="secondary"
                  onClick={() => set({ channels: channelList.filter((_, j) => j !== i) })}
                >
                  {t('remove')}
                </button>
              </div>
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => set({ channels: [...channelList, { type: 'instagram', value: '' }] })}
          >
            {t('addChannel')}
          </button>

          <h2>{t('teams')}</h2>
          {form.teams.map((team, i) => {
            const h = hoursMode(team.hours)
            const setTeam = (patch: Partial<Team>) =>
              set({ teams: form.teams.map((x, j) => (j === i ? { ...x, ...patch } : x)) })
            return (
              <fieldset class="card" key={i}>
                <legend>{team.name || t('teamN', { n: i + 1 })}</legend>
                <div class="row">
                  <TextField
                    id={`w-tn-${i}`}
                    label={t('name')}
                    value={team.name}
                    onValue={(name) => setTeam({ name })}
                    error={err(`teams.${i}.name`)}
                    maxLength={80}
                  />
                  <TextField
                    id={`w-tr-${i}`}
                    label={t('role')}
                    value={team.role}
                    onValue={(role) => setTeam({ role })}
                    error={err(`teams.${i}.role`)}
                    maxLength={80}
                  />
                </div>
                <div class="row">
                  <Field id={`w-tc-${i}`} label={t('channel')}>
                    {() => (
                      <select
                        id={`w-tc-${i}`}
                        value={team.channel}
                        onChange={(e) => setTeam({ channel: e.currentTarget.value as Channel })}
                      >
                        {CHANNELS.map((c) => (
                          <option key={c} value={c}>
                            {t(`channel_${c}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <TextField
                    id={`w-tv-${i}`}
                    label={t('channelValue')}
                    value={team.value}
                    onValue={(value) => setTeam({ value })}
                    error={err(`teams.${i}.value`)}
                  />
                </div>
                <div class="row">
                  <Field id={`w-th-${i}`} label={t('hours')} error={err(`teams.${i}.hours`)}>
                    {() => (
                      <select
                        id={`w-th-${i}`}
                        value={h.mode}
                        onChange={(e) =>
                          setTeam({ hours: hoursFrom(e.currentTarget.value, h.from, h.to) })
                        }
                      >
                        <option value="always">{t('alwaysOnline')}</option>
                        <option value="weekdays">{t('weekdays')}</option>
                        <option value="daily">{t('everyDay')}</option>
                      </select>
                    )}
                  </Field>
                  {h.mode !== 'always' && (
                    <>
                      <TextField
                        id={`w-tf-${i}`}
                        label={t('from')}
                        type="time"
                        value={h.from}
                        onValue={(from) => setTeam({ hours: hoursFrom(h.mode, from, h.to) })}
                      />
                      <TextField
                        id={`w-tt-${i}`}
                        label={t('to')}
                        type="time"
                        value={h.to}
                        onValue={(to) => setTeam({ hours: hoursFrom(h.mode, h.from, to) })}
                      />
                    </>
                  )}
                </div>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => set({ teams: form.teams.filter((_, j) => j !== i) })}
                >
                  {t('removeTeam')}
                </button>
              </fieldset>
            )
          })}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              set({
                teams: [
                  ...form.teams,
                  {
                    name: '',
                    role: '',
                    channel: 'whatsapp',
                    value: shop.whatsappPhone,
                    photoImage: null,
                    hours: null,
                  },
                ],
              })
            }
          >
            {t('addTeam')}
          </button>

          <h2>{t('pageRules')}</h2>
          {form.rules.map((rule, i) => (
            <div class="option-row" key={i}>
              <TextField
                id={`w-rp-${i}`}
                label={t('pagePattern')}
                value={rule.pattern}
                onValue={(pattern) =>
                  set({ rules: form.rules.map((r, j) => (j === i ? { ...r, pattern } : r)) })
                }
                error={err(`rules.${i}.pattern`)}
                placeholder="/products/*"
              />
              <TextField
                id={`w-rm-${i}`}
                label={t('prefilledMessage')}
                value={rule.message ?? ''}
                onValue={(message) =>
                  set({ rules: form.rules.map((r, j) => (j === i ? { ...r, message } : r)) })
                }
                error={err(`rules.${i}.message`)}
              />
              <div class="field">
                <label class="check">
                  <input
                    type="checkbox"
                    checked={rule.hide ?? false}
                    onChange={(e) =>
                      set({
                        rules: form.rules.map((r, j) =>
                          j === i ? { ...r, hide: e.currentTarget.checked } : r,
                        ),
                      })
                    }
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

          <h2>{t('triggers')}</h2>
          <div class="row">
            <TextField
              id="w-after"
              label={t('openAfter')}
              inputMode="numeric"
              value={form.triggers.afterSeconds?.toString() ?? ''}
              onValue={(v) =>
                set({ triggers: { ...form.triggers, afterSeconds: numberOrNull(v) } })
              }
              error={err('triggers.afterSeconds')}
            />
            <TextField
              id="w-scroll"
              label={t('openScroll')}
              inputMode="numeric"
              value={form.triggers.scrollPercent?.toString() ?? ''}
              onValue={(v) =>
                set({ triggers: { ...form.triggers, scrollPercent: numberOrNull(v) } })
              }
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

          <h2>{t('consent')}</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={form.consent.enabled}
              onChange={(e) =>
                set({ consent: { ...form.consent, enabled: e.currentTarget.checked } })
              }
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
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !dirty}>
              {busy ? t('wait') : t('save')}
            </button>
          </div>
        </form>
        <div>
          <div class="card">
            <h2>{t('preview')}</h2>
            {/* The transform holds the widget's fixed position inside the stage, the container its width. */}
            <div
              class="preview-stage"
              data-theme={form.theme}
              style={{
                transform: 'translateZ(0)',
                containerType: 'inline-size',
                minHeight: '620px',
              }}
            >
              <WidgetPreview
                settings={previewSettings}
                open={open}
                onToggle={() => setOpen(!open)}
                label={t('togglePreview')}
              />
            </div>
          </div>
          <div class="card">
            <h2>{t('snippet')}</h2>
            <p class="muted small">{t('snippetHint')}</p>
            <pre class="snippet">{snippet}</pre>
            <button type="button" class="primary" onClick={() => copyWithToast(snippet)}>
              {t('copySnippet')}
            </button>
          </div>
        </div>
      </div>
    </section>
  )
}
