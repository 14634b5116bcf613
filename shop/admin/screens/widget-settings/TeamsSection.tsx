import { Field, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { ChannelSelect } from './ChannelsSection.tsx'
import { hoursFrom, hoursMode, type SectionProps, type Team } from './widget-form.ts'

/** One team of the bubble: who answers, where, and when. */
function TeamFields(props: {
  team: Team
  i: number
  err: SectionProps['err']
  setTeam: (patch: Partial<Team>) => void
  remove: () => void
}) {
  const { team, i, err, setTeam } = props
  const h = hoursMode(team.hours)
  return (
    <fieldset class="card">
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
            <ChannelSelect
              id={`w-tc-${i}`}
              value={team.channel}
              onChange={(channel) => setTeam({ channel })}
            />
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
              onChange={(e) => setTeam({ hours: hoursFrom(e.currentTarget.value, h.from, h.to) })}
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
      <button type="button" class="secondary" onClick={props.remove}>
        {t('removeTeam')}
      </button>
    </fieldset>
  )
}

/** Teams the bubble lists, each with its own channel and hours. */
export function TeamsSection({
  form,
  set,
  err,
  whatsappPhone,
}: SectionProps & { whatsappPhone: string }) {
  return (
    <>
      <h2>{t('teams')}</h2>
      {form.teams.map((team, i) => (
        <TeamFields
          key={i}
          team={team}
          i={i}
          err={err}
          setTeam={(patch) =>
            set({ teams: form.teams.map((x, j) => (j === i ? { ...x, ...patch } : x)) })
          }
          remove={() => set({ teams: form.teams.filter((_, j) => j !== i) })}
        />
      ))}
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
                value: whatsappPhone,
                photoImage: null,
                hours: null,
              },
            ],
          })
        }
      >
        {t('addTeam')}
      </button>
    </>
  )
}
