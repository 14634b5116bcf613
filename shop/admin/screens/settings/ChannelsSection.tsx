import { SHOP_CHANNELS, type ShopChannel } from '../../api.ts'
import { TextField } from '../../components/Field.tsx'
import { type StringKey, t } from '../../i18n.ts'
import type { SectionProps } from './settings-form.ts'

const CHANNEL_LABELS: Record<ShopChannel, StringKey> = {
  instagram: 'channelInstagramLabel',
  messenger: 'channelMessengerLabel',
  telegram: 'channelTelegramLabel',
  sms: 'channelSmsLabel',
  email: 'channelEmailLabel',
  phone: 'channelPhoneLabel',
}

function inputType(channel: ShopChannel): 'email' | 'tel' | 'text' {
  if (channel === 'email') return 'email'
  return channel === 'sms' || channel === 'phone' ? 'tel' : 'text'
}

/** The other ways to reach the shop, shown on the shop and in the chat widget. */
export function ChannelsSection({ draft, set, errors }: SectionProps) {
  return (
    <>
      <h2>{t('otherChannels')}</h2>
      <p class="hint">{t('otherChannelsHint')}</p>
      <div class="row channel-fields">
        {SHOP_CHANNELS.map((channel) => (
          <TextField
            key={channel}
            id={`s-channel-${channel}`}
            label={t(CHANNEL_LABELS[channel])}
            type={inputType(channel)}
            autoComplete="off"
            maxLength={200}
            value={draft.channels[channel]}
            onValue={(value) => set({ channels: { ...draft.channels, [channel]: value } })}
            error={errors[`channels.${channel}`]}
          />
        ))}
      </div>
    </>
  )
}
