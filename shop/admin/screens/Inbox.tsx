import { type Dispatch, type StateUpdater, useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, api, type InboxMessage, type Order, shopPath } from '../api.ts'
import { confirmAction } from '../components/Dialogs.tsx'
import { errorsFrom, Field, type FieldErrors, FormError, TextField } from '../components/Field.tsx'
import { Link } from '../components/Link.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { dateTime, relativeTime } from '../format.ts'
import { t } from '../i18n.ts'
import '../i18n-whatsapp.ts'
import { FormActions } from '../components/FormActions.tsx'
import { inboxCount, setInboxCount } from '../inbox-count.ts'
import {
  checkOrderCode,
  isCart,
  itemsErrorText,
  messageKind,
  parseItemLines,
  senderOf,
} from '../inbox-logic.ts'
import { navigate, shopUrl } from '../router.ts'
import { activeShop } from '../state.ts'

type Mode = 'link' | 'create'

interface OpenForm {
  id: string
  mode: Mode
  code: string
  items: string
  errors: FieldErrors
  busy: boolean
}

/** The server's error for the create form: `items.N.sku` and the like beside the items. */
function createErrors(error: unknown, itemsText: string, hasItemsField: boolean): FieldErrors {
  if (hasItemsField && error instanceof ApiError && error.field?.startsWith('items')) {
    return { items: itemsErrorText(error.field, error.message, itemsText) }
  }
  return { _form: Object.values(errorsFrom(error))[0] ?? t('somethingWrong') }
}

/** WhatsApp messages that matched no order, with linking and order creation. */
export function Inbox({ slug }: { slug: string }) {
  const [messages, setMessages] = useState<InboxMessage[] | undefined>(undefined)
  const [fromApp, setFromApp] = useState<InboxMessage[]>([])
  const [loadError, setLoadError] = useState<string | undefined>(undefined)
  const [form, setForm] = useState<OpenForm | null>(null)
  const [linked, setLinked] = useState<string | null>(null)
  const noticeRef = useRef<HTMLDivElement>(null)
  const focusAfterRender = useRef<string | null>(null)

  useEffect(() => {
    let live = true
    setMessages(undefined)
    api.get<{ messages: InboxMessage[]; fromApp?: InboxMessage[] }>(shopPath(slug, '/inbox')).then(
      (r) => {
        if (!live) return
        setMessages(r.messages)
        setFromApp(r.fromApp ?? [])
        setInboxCount(slug, r.messages.length)
      },
      (e: Error) => live && setLoadError(e.message),
    )
    return () => {
      live = false
    }
  }, [slug])

  useEffect(() => {
    const id = focusAfterRender.current
    if (!id) return
    focusAfterRender.current = null
    document.getElementById(id)?.focus()
  })

  const open = (id: string, mode: Mode) => {
    setForm({ id, mode, code: '', items: '', errors: {}, busy: false })
    focusAfterRender.current = mode === 'link' ? `link-code-${id}` : `create-items-${id}`
  }

  const context: InboxContext = {
    slug,
    messages,
    setMessages,
    setForm,
    setLinked,
    noticeRef,
    focusAfterRender,
  }
  const link = (message: InboxMessage, current: OpenForm) => linkMessage(context, message, current)
  const create = (message: InboxMessage, current: OpenForm | null) =>
    createOrderFrom(context, message, current)

  if (loadError && !messages) return <FormError error={loadError} />

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('navInbox')}</h1>
      <p class="muted">{t('inboxLead')}</p>
      <div ref={noticeRef} tabIndex={-1} role="status" aria-live="polite">
        {linked && (
          <p class="card notice">
            {t('linkedTo', { code: linked })}{' '}
            <Link href={shopUrl(slug, `/orders/${encodeURIComponent(linked)}`)}>
              {t('viewOrder', { code: linked })}
            </Link>
          </p>
        )}
      </div>
      {messages === undefined ? (
        <Loading />
      ) : messages.length === 0 ? (
        <EmptyInbox slug={slug} />
      ) : (
        <WaitingMessages
          messages={messages}
          form={form}
          setForm={setForm}
          open={open}
          link={link}
          create={create}
        />
      )}
      {fromApp.length > 0 && <AppMessages messages={fromApp} />}
    </section>
  )
}

/** No message waiting: where they come from, or how to connect a number first. */
function EmptyInbox({ slug }: { slug: string }) {
  const shop = activeShop.value
  return (
    <Empty title={t('inboxEmpty')}>
      {shop && !shop.whatsappPhoneNumberId ? (
        <p class="muted">
          {t('inboxNoNumber')} <Link href={shopUrl(slug, '/settings')}>{t('setUpWhatsApp')}</Link>
        </p>
      ) : (
        <p class="muted">{t('inboxEmptyHint')}</p>
      )}
    </Empty>
  )
}

/** The messages waiting for the merchant, the open form with its message. */
function WaitingMessages(props: {
  messages: InboxMessage[]
  form: OpenForm | null
  setForm: (form: OpenForm | null) => void
  open: (id: string, mode: Mode) => void
  link: (message: InboxMessage, current: OpenForm) => void
  create: (message: InboxMessage, current: OpenForm | null) => void
}) {
  const { messages, form, setForm, open, link, create } = props
  return (
    <ul class="inbox">
      {messages.map((m) => (
        <InboxItem
          key={m.id}
          message={m}
          form={form?.id === m.id ? form : null}
          onOpen={(mode) => open(m.id, mode)}
          onClose={() => setForm(null)}
          onChange={(patch) => form && setForm({ ...form, ...patch })}
          onLink={() => form && link(m, form)}
          onAccept={(code) =>
            link(m, { id: m.id, mode: 'link', code, items: '', errors: {}, busy: false })
          }
          onCreate={() => create(m, form?.id === m.id ? form : null)}
        />
      ))}
    </ul>
  )
}

/** What the inbox's actions read and change. */
interface InboxContext {
  slug: string
  messages: InboxMessage[] | undefined
  setMessages: Dispatch<StateUpdater<InboxMessage[] | undefined>>
  setForm: (form: OpenForm | null) => void
  setLinked: (code: string | null) => void
  noticeRef: { current: HTMLDivElement | null }
  focusAfterRender: { current: string | null }
}

/** Links a message to an order by its code; it leaves the list at once, back if refused. */
async function linkMessage(context: InboxContext, message: InboxMessage, current: OpenForm) {
  const { slug, messages, setMessages, setForm, setLinked, noticeRef, focusAfterRender } = context
  const checked = checkOrderCode(current.code)
  if ('error' in checked) {
    setForm({ ...current, errors: { orderCode: checked.error } })
    focusAfterRender.current = `link-code-${message.id}`
    return
  }
  const list = messages ?? []
  const index = list.indexOf(message)
  const count = inboxCount.value?.count ?? list.length
  // Optimistic: the message leaves the list at once and comes back if the server refuses.
  setMessages(list.filter((m) => m !== message))
  setInboxCount(slug, count - 1)
  setForm({ ...current, errors: {}, busy: true })
  setLinked(null)
  try {
    const res = await api.post<{ order: Order }>(
      shopPath(slug, `/inbox/${encodeURIComponent(message.id)}/link`),
      { orderCode: checked.code },
    )
    setForm(null)
    setLinked(res.order.code)
    noticeRef.current?.focus()
  } catch (error) {
    setMessages((now) => {
      const restored = [...(now ?? [])]
      restored.splice(Math.min(index, restored.length), 0, message)
      return restored
    })
    setInboxCount(slug, count)
    const errors = errorsFrom(error)
    setForm({
      ...current,
      busy: false,
      errors: errors.orderCode ? errors : { _form: Object.values(errors)[0] ?? '' },
    })
    focusAfterRender.current = `link-code-${message.id}`
  }
}

/** Creates an order from a message (a cart as it came, else the typed items), once confirmed. */
async function createOrderFrom(
  context: InboxContext,
  message: InboxMessage,
  current: OpenForm | null,
) {
  const { slug, setForm, focusAfterRender } = context
  const sender = senderOf(message)
  let items: { sku: string; quantity: number }[] | undefined
  if (!isCart(message)) {
    const parsed = parseItemLines(current?.items ?? '')
    if ('error' in parsed) {
      if (current) setForm({ ...current, errors: { items: parsed.error } })
      focusAfterRender.current = `create-items-${message.id}`
      return
    }
    items = parsed.items
  }
  const ok = await confirmAction({
    title: t('createOrderQ', { name: sender.name }),
    body: isCart(message) ? t('createOrderCartBody') : t('createOrderBody'),
    confirmLabel: t('createOrder'),
  })
  if (!ok) return
  if (current) setForm({ ...current, errors: {}, busy: true })
  try {
    const order = await api.post<Order>(
      shopPath(slug, `/inbox/${encodeURIComponent(message.id)}/create-order`),
      items ? { items } : {},
    )
    setInboxCount(slug, (inboxCount.value?.count ?? 1) - 1)
    navigate(shopUrl(slug, `/orders/${encodeURIComponent(order.code)}`))
  } catch (error) {
    const errors = createErrors(error, current?.items ?? '', !isCart(message))
    setForm({
      id: message.id,
      mode: 'create',
      code: '',
      items: current?.items ?? '',
      errors,
      busy: false,
    })
    focusAfterRender.current = errors.items ? `create-items-${message.id}` : null
  }
}

/** What the merchant wrote from the WhatsApp Business app on the same number: read-only. */
function AppMessages({ messages }: { messages: InboxMessage[] }) {
  return (
    <section class="inbox-app" aria-labelledby="inbox-app-title">
      <h2 id="inbox-app-title">{t('fromAppTitle')}</h2>
      <p class="muted">{t('fromAppLead')}</p>
      <ul class="inbox">
        {messages.map((m) => {
          const customer = senderOf(m)
          const at = m.sentAt ?? m.receivedAt
          return (
            <li key={m.id} class="card inbox-item outgoing">
              <div class="inbox-head">
                <h3 class="inbox-sender">
                  {t('fromAppTo', { name: customer.name })}
                  {customer.number && <span class="muted small"> · {customer.number}</span>}
                </h3>
                <time class="muted small" dateTime={at} title={dateTime(at)}>
                  {relativeTime(at)}
                </time>
              </div>
              {m.revoked ? (
                <p class="muted message-body">{t('msgDeleted')}</p>
              ) : (
                m.body && <p class="message-body">{m.body}</p>
              )}
              {m.editedAt && !m.revoked && <span class="badge kind">{t('msgEdited')}</span>}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

interface InboxItemProps {
  message: InboxMessage
  form: OpenForm | null
  onOpen: (mode: Mode) => void
  onClose: () => void
  onChange: (patch: Partial<OpenForm>) => void
  onLink: () => void
  /** Links the message to the order its sender's number suggests. */
  onAccept: (code: string) => void
  onCreate: () => void
}

/** One waiting message: who, when, what, and its two actions. */
function InboxItem({
  message,
  form,
  onOpen,
  onClose,
  onChange,
  onLink,
  onAccept,
  onCreate,
}: InboxItemProps) {
  const sender = senderOf(message)
  const kind = messageKind(message)
  const at = message.sentAt ?? message.receivedAt
  const headingId = `msg-${message.id}`
  return (
    <li class="card inbox-item">
      <div class="inbox-head">
        <h2 id={headingId} class="inbox-sender">
          {sender.name}
          {sender.number && <span class="muted small"> · {sender.number}</span>}
        </h2>
        <time class="muted small" dateTime={at} title={dateTime(at)}>
          {relativeTime(at)}
        </time>
      </div>
      {kind && <span class="badge kind">{kind}</span>}
      {message.body && <p class="message-body">{message.body}</p>}
      {message.suggestedOrderCode && !form && (
        <p class="inbox-suggestion">
          {t('suggestedOrder', { code: message.suggestedOrderCode })}{' '}
          <button
            type="button"
            class="primary inbox-accept"
            onClick={() => message.suggestedOrderCode && onAccept(message.suggestedOrderCode)}
          >
            {t('acceptSuggestion', { code: message.suggestedOrderCode })}
          </button>
        </p>
      )}
      {!form && (
        <div class="actions">
          <button type="button" class="primary" onClick={() => onOpen('link')}>
            {t('linkToOrder')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => (isCart(message) ? onCreate() : onOpen('create'))}
          >
            {t('createOrder')}
          </button>
        </div>
      )}
      {form?.mode === 'link' && (
        <LinkForm
          message={message}
          form={form}
          name={sender.name}
          onChange={onChange}
          onLink={onLink}
          onClose={onClose}
        />
      )}
      {form?.mode === 'create' && (
        <CreateForm
          message={message}
          form={form}
          onChange={onChange}
          onCreate={onCreate}
          onClose={onClose}
        />
      )}
    </li>
  )
}

type FormProps = Pick<InboxItemProps, 'message' | 'onChange' | 'onClose'> & { form: OpenForm }

/** The order code to link the message to. */
function LinkForm(props: FormProps & { name: string; onLink: () => void }) {
  const { message, form, onChange } = props
  return (
    <form
      class="inbox-form"
      noValidate
      aria-label={t('linkToOrderOf', { name: props.name })}
      onSubmit={(e) => {
        e.preventDefault()
        props.onLink()
      }}
    >
      <FormError error={form.errors._form} />
      <TextField
        id={`link-code-${message.id}`}
        label={t('orderCode')}
        value={form.code}
        onValue={(code) => onChange({ code, errors: {} })}
        error={form.errors.orderCode}
        hint={t('orderCodeHint')}
        autoComplete="off"
        spellcheck={false}
        maxLength={40}
        required
      />
      <FormActions busy={form.busy} label={t('linkAction')} onCancel={props.onClose} />
    </form>
  )
}

/** An order from the message: its items typed line by line, unless the message is a cart. */
function CreateForm(props: FormProps & { onCreate: () => void }) {
  const { message, form, onChange } = props
  return (
    <form
      class="inbox-form"
      noValidate
      aria-label={t('createOrder')}
      onSubmit={(e) => {
        e.preventDefault()
        props.onCreate()
      }}
    >
      <FormError error={form.errors._form} />
      {!isCart(message) && (
        <Field
          id={`create-items-${message.id}`}
          label={t('orderItems')}
          error={form.errors.items}
          hint={t('orderItemsHint')}
        >
          {(describedBy, invalid) => (
            <textarea
              id={`create-items-${message.id}`}
              rows={3}
              value={form.items}
              spellcheck={false}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => onChange({ items: e.currentTarget.value, errors: {} })}
            />
          )}
        </Field>
      )}
      <FormActions busy={form.busy} label={t('createOrder')} onCancel={props.onClose} />
    </form>
  )
}
