import type { Category } from '../../api.ts'
import { type FieldErrors, TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import type { Editing } from './category-actions.ts'
import { type DragSort, dragProps } from './drag-sort.ts'

/** What a row needs from the list: its place, the drag, the rename under way and the actions. */
export interface CategoryRowProps {
  category: Category
  index: number
  total: number
  drag: DragSort
  editing: Editing | null
  setEditing: (editing: Editing | null) => void
  errors: FieldErrors
  handleRef: (el: HTMLButtonElement | null) => void
  move: (from: number, to: number) => void
  rename: (e: Event) => void
  remove: () => void
}

/** One category: a drag handle (arrow keys move it too), its name, rename and delete. */
export function CategoryRow(props: CategoryRowProps) {
  const { category: c, index: i, total, editing, move } = props
  return (
    <li {...dragProps(props.drag, i, c.id, move)} draggable={editing?.id !== c.id}>
      <button
        type="button"
        class="handle"
        ref={props.handleRef}
        aria-label={t('reorderX', { name: c.name, n: i + 1, total })}
        aria-describedby="reorder-help"
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp') {
            e.preventDefault()
            move(i, i - 1)
          } else if (e.key === 'ArrowDown') {
            e.preventDefault()
            move(i, i + 1)
          }
        }}
      >
        ⠿
      </button>
      {editing?.id === c.id ? (
        <RenameForm {...props} editing={editing} />
      ) : (
        <>
          <span class="grow">{c.name}</span>
          <span class="row-actions">
            <button
              type="button"
              class="small"
              aria-label={t('renameX', { name: c.name })}
              onClick={() => props.setEditing({ id: c.id, name: c.name })}
            >
              {t('rename')}
            </button>
            <button
              type="button"
              class="small"
              aria-label={t('deleteX', { name: c.name })}
              onClick={props.remove}
            >
              {t('delete')}
            </button>
          </span>
        </>
      )}
    </li>
  )
}

function RenameForm(props: CategoryRowProps & { editing: Editing }) {
  const { category: c, editing, setEditing } = props
  return (
    <form class="grow toolbar" onSubmit={props.rename} noValidate>
      <TextField
        id={`rename-${c.id}`}
        label={t('renameX', { name: c.name })}
        value={editing.name}
        onValue={(v) => setEditing({ id: c.id, name: v })}
        error={props.errors[`rename-${c.id}`]}
        maxLength={100}
      />
      <button type="submit" class="small primary">
        {t('save')}
      </button>
      <button type="button" class="small" onClick={() => setEditing(null)}>
        {t('cancel')}
      </button>
    </form>
  )
}
