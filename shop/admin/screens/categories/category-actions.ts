import { api, type Category, shopPath } from '../../api.ts'
import { chooseAction } from '../../components/Dialogs.tsx'
import { errorsFrom, type FieldErrors } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { moveItem } from '../../product-form.ts'
import { toast } from '../../state.ts'

/** The category list as the actions change it: each shows its change at once, undone if refused. */
export interface CategoryList {
  slug: string
  list: Category[]
  setList: (list: Category[]) => void
  setErrors: (errors: FieldErrors) => void
  /** Says a move aloud to screen readers. */
  announce: (text: string) => void
  /** Puts the focus back on a category's drag handle. */
  focusHandle: (id: string) => void
}

/** A category being renamed, with the name typed so far. */
export interface Editing {
  id: string
  name: string
}

/** Adds a category; true once it is created (the form then empties). */
export async function addCategory(c: CategoryList, name: string): Promise<boolean> {
  c.setErrors({})
  if (!name.trim()) {
    c.setErrors({ name: t('required') })
    return false
  }
  try {
    const created = await api.post<Category>(shopPath(c.slug, '/categories'), {
      name: name.trim(),
    })
    c.setList([...c.list, created])
    return true
  } catch (error) {
    c.setErrors(errorsFrom(error))
    return false
  }
}

/** Moves the category at `from` to `to` and saves the new order. */
export async function reorderCategories(c: CategoryList, from: number, to: number) {
  const { list } = c
  if (to < 0 || to >= list.length || from === to) return
  const before = list
  const next = moveItem(list, from, to)
  const moved = next[to]
  c.setList(next)
  if (moved) {
    c.announce(t('movedTo', { name: moved.name, n: to + 1, total: next.length }))
    requestAnimationFrame(() => c.focusHandle(moved.id))
  }
  try {
    await api.put(shopPath(c.slug, '/categories/order'), { ids: next.map((x) => x.id) })
  } catch {
    c.setList(before)
    toast(t('undoFailed'), 'error')
  }
}

/** Saves a new name; if refused, the old one comes back and the rename form reopens with the error. */
export async function renameCategory(
  c: CategoryList,
  editing: Editing,
  setEditing: (editing: Editing | null) => void,
) {
  const { list } = c
  const before = list
  const newName = editing.name.trim()
  if (!newName) return c.setErrors({ [`rename-${editing.id}`]: t('required') })
  c.setList(list.map((x) => (x.id === editing.id ? { ...x, name: newName } : x)))
  const id = editing.id
  setEditing(null)
  try {
    await api.patch(shopPath(c.slug, `/categories/${id}`), { name: newName })
    toast(t('saved'))
  } catch (error) {
    c.setList(before)
    setEditing({ id, name: newName })
    c.setErrors({ [`rename-${id}`]: Object.values(errorsFrom(error))[0] ?? t('undoFailed') })
  }
}

/** Deletes a category once the merchant chooses where its products go (nowhere, or another). */
export async function removeCategory(c: CategoryList, category: Category) {
  const { list } = c
  const choice = await chooseAction({
    title: t('deleteCategoryQ', { name: category.name }),
    body: t('deleteCategoryBody'),
    confirmLabel: t('delete'),
    danger: true,
    choices: [
      { value: '', label: t('leaveUncategorised') },
      ...list
        .filter((x) => x.id !== category.id)
        .map((x) => ({ value: x.id, label: t('moveToX', { name: x.name }) })),
    ],
  })
  if (choice === false) return
  const before = list
  c.setList(list.filter((x) => x.id !== category.id))
  try {
    await api.del(
      shopPath(c.slug, `/categories/${category.id}${choice ? `?moveTo=${choice}` : ''}`),
    )
    toast(t('deleted'))
  } catch {
    c.setList(before)
    toast(t('undoFailed'), 'error')
  }
}
