import { useEffect, useRef, useState } from 'preact/hooks'
import { api, type Category, shopPath } from '../api.ts'
import type { FieldErrors } from '../components/Field.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { t } from '../i18n.ts'
import { CategoryRow } from './categories/CategoryRow.tsx'
import {
  addCategory,
  type CategoryList,
  type Editing,
  removeCategory,
  renameCategory,
  reorderCategories,
} from './categories/category-actions.ts'
import { useDragSort } from './categories/drag-sort.ts'
import { NewCategoryForm } from './categories/NewCategoryForm.tsx'

/** Categories: add, rename, reorder by drag or keyboard, delete with a choice for their products. */
export function Categories({ slug }: { slug: string }) {
  const [list, setList] = useState<Category[] | undefined>(undefined)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [editing, setEditing] = useState<Editing | null>(null)
  const [announce, setAnnounce] = useState('')
  const drag = useDragSort()
  const handles = useRef<Record<string, HTMLButtonElement | null>>({})

  useEffect(() => {
    api.get<{ categories: Category[] }>(shopPath(slug, '/categories')).then(
      (r) => setList(r.categories),
      () => setList([]),
    )
  }, [slug])

  if (!list) return <Loading />

  const categories: CategoryList = {
    slug,
    list,
    setList,
    setErrors,
    announce: setAnnounce,
    focusHandle: (id) => handles.current[id]?.focus(),
  }
  const move = (from: number, to: number) => void reorderCategories(categories, from, to)
  const rename = (e: Event) => {
    e.preventDefault()
    if (editing) void renameCategory(categories, editing, setEditing)
  }

  return (
    <section aria-labelledby="cat-title">
      <h1 id="cat-title">{t('navCategories')}</h1>
      <NewCategoryForm error={errors.name} add={(name) => addCategory(categories, name)} />
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
            <CategoryRow
              key={c.id}
              category={c}
              index={i}
              total={list.length}
              drag={drag}
              editing={editing}
              setEditing={setEditing}
              errors={errors}
              handleRef={(el) => {
                handles.current[c.id] = el
              }}
              move={move}
              rename={rename}
              remove={() => removeCategory(categories, c)}
            />
          ))}
        </ul>
      )}
    </section>
  )
}
