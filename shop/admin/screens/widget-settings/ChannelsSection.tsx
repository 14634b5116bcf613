import { Field, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { CHANNELS, type Channel, type SectionProps } from './widget-form.ts'

/** The channel picker a channel row and a team both use. */
export function ChannelSelect(props: {
  id: string
  value: Channel
  onChange: (c: Channel) => void
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as Channel)}
    >
      {CHANNELS.map((c) => (
        <option key={c} value={c}>
          {t(`channel_${c}`)}
        </option>
      ))}
    </select>
  )
}

/** The channels the bubble offers, WhatsApp first unless the merchant says otherwise. */
export function ChannelsSection({ form, set, err }: SectionProps) {
  const channelList = form.channels.length ? form.channels : [{ type: 'whatsapp' as Channel }]
  return (
    <>
      <h2>{t('channels')}</h2>
      {channelList.map((ch, i) => (
        <div class="option-row" key={i}>
          <Field id={`w-ch-${i}`} label={t('channel')}>
            {() => (
              <ChannelSelect
                id={`w-ch-${i}`}
                value={ch.type}
                onChange={(type) =>
                  set({ channels: channelList.map((c, j) => (j === i ? { type } : c)) })
                }
              />
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
    </>
  )
}
