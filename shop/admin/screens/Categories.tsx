import { useEffect, useRef, useState } from 'preact/hooks'
import { api, type Category, shopPath } from '../api.ts'
import { chooseAction } from '../components/Dialogs.tsx'
import { errorsFrom, type FieldErrors, TextField } from '../components/Field.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import { moveItem } from '../product-form.ts'
import { toast } from '../state.ts'

/** Categories: add, rename, reorder by drag or keyboard, delete with a choice for their products. */
export function Categories({ slug }: { slug: string }) {
  const [list, setList] = useState<Category[] | undefined>(undefined)
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null)
  const [announce, setAnnounce] = useState('')
  const [dragging, setDragging] = useState<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  const handles = useRef<Record<string, HTMLButtonElement | null>>({})

  useEffect(() => {
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setList(r.categories),
      () => setList([]),
    )
  }, [slug])

  if (!list) return <Loading />

  const add = async (e: Event) => {
    e.preventDefault()
    setErrors({})
    if (!name.trim()) return setErrors({ name: t('required') })
    try {
      const created = await api.post<Category>(shopPath(slug, '/categories'), { name: name.trim() })
      setList([...list, created])
      setName('')
    } catch (error) {
      setErrors(errorsFrom(error))
    }
  }

  const reorder = async (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return
    const before = list
    const next = moveItem(list, from, to)
    const moved = next[to]
    setList(next)
    if (moved) {
      setAnnounce(t('movedTo', { name: moved.name, n: to + 1, total: next.length }))
      requestAnimationFrame(() => handles.current[moved.id]?.focus())
    }
    try {
      await api.put(shopPath(slug, '/categories/order'), { ids: next.map((c) => c.id) })
    } catch {
      setList(before)
      toast(t('undoFailed'), 'error')
    }
  }

  const rename = async (e: Event) => {
    e.preventDefault()
    if (!editing) return
    const before = list
    const newName = editing.name.trim()
    if (!newName) return setErrors({ [`rename-${editing.id}`]: t('required') })
    setList(list.map((c) => (c.id === editing.id ? { ...c, name: newName } : c)))
    const id = editing.id
    setEditing(null)
    try {
      await api.patch(shopPath(slug, `/categories/${id}`), { name: newName })
      toast(t('saved'))
    } catch (error) {
      setList(before)
      setEditing({ id, name: newName })
      setErrors({ [`rename-${id}`]: Object.values(errorsFrom(error))[0] ?? t('undoFailed') })
    }
  }

  const remove = async (category: Category) => {
    const choice = await chooseAction({
      title: t('deleteCategoryQ', { name: category.name }),
      body: t('deleteCategoryBody'),
      confirmLabel: t('delete'),
      danger: true,
      choices: [
        { value: '', label: t('leaveUncategorised') },
        ...list
          .filter((c) => c.id !== category.id)
          .map((c) => ({ value: c.id, label: t('moveToX', { name: c.name }) })),
      ],
    })
    if (choice === false) return
    const before = list
    setList(list.filter((c) => c.id !== category.id))
    try {
      await api.del(
        shopPath(slug, `/categories/${category.id}${choice ? `?moveTo=${choice}` : ''}`),
      )
      toast(t('deleted'))
    } catch {
      setList(before)
      toast(t('undoFailed'), 'error')
    }
  }

  return (
    <section aria-labelledby="cat-title">
      <h1 id="cat-title">{t('navCategories')}</h1>
      <form class="card toolbar" onSubmit={add} noValidate>
        <TextField
          id="c-new"
          label={t('newCategory')}
          value={name}
          onValue={setName}
          error={errors.name}
          maxLength={100}
        />
        <button type="submit" class="primary">
          {t('add')}
        </button>
      </form>
      <p class="muted small" id="reorder-help">
        {t('reorderHelp')}
      </p>
      <p class="visually-hidden" aria-live="assertive">
        {announce}
      </p>
      {list.length === 0 ? (
        <Empty title={t('noCategories')} />
      ) : (
        <ul class="sortable">
          {list.map((c, i) => (
            <li
              key={c.id}
              class={`${dragging === i ? 'dragging' : ''} ${over === i && dragging !== i ? 'drop-target' : ''}`}
              draggable={editing?.id !== c.id}
              onDragStart={(e) => {
                setDragging(i)
                e.dataTransfer?.setData('text/plain', c.id)
              }}
              onDragOver={(e) => {
                e.preventDefault()
                setOver(i)
              }}
              onDragEnd={() => {
                setDragging(null)
                setOver(null)
              }}
              onDrop={(e) => {
                e.preventDefault()
                if (dragging !== null) void reorder(dragging, i)
                setDragging(null)
                setOver(null)
              }}
            >
              <button
                type="button"
                class="handle"
                ref={(el) => {
                  handles.current[c.id] = el
                }}
                aria-label={t('reorderX', { name: c.name, n: i + 1, total: list.length })}
                aria-describedby="reorder-help"
                onKeyDown={(e) => {
                  if (e.key === 'ArrowUp') {
                    e.preventDefault()
                    void reorder(i, i - 1)
                  } else if (e.key === 'ArrowDown') {
                    e.preventDefault()
                    void reorder(i, i + 1)
                  }
                }}
              >
                ⠿
              </button>
              {editing?.id === c.id ? (
                <form class="grow toolbar" onSubmit={rename} noValidate>
                  <TextField
                    id={`rename-${c.id}`}
                    label={t('renameX', { name: c.name })}
                    value={editing.name}
                    onValue={(v) => setEditing({ id: c.id, name: v })}
                    error={errors[`rename-${c.id}`]}
                    maxLength={100}
                  />
                  <button type="submit" class="small primary">
                    {t('save')}
                  </button>
                  <button type="button" class="small" onClick={() => setEditing(null)}>
                    {t('cancel')}
                  </button>
                </form>
              ) : (
                <>
                  <span class="grow">{c.name}</span>
                  <span class="row-actions">
                    <button
                      type="button"
                      class="small"
                      aria-label={t('renameX', { name: c.name })}
                      onClick={() => setEditing({ id: c.id, name: c.name })}
                    >
                      {t('rename')}
                    </button>
                    <button
                      type="button"
                      class="small"
                      aria-label={t('deleteX', { name: c.name })}
                      onClick={() => remove(c)}
                    >
                      {t('delete')}
                    </button>
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
