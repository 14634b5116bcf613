import { useState } from 'preact/hooks'
import { TextField } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'

/** The form that adds a category; it empties once the category is created. */
export function NewCategoryForm(props: {
  error: string | undefined
  add: (name: string) => Promise<boolean>
}) {
  const [name, setName] = useState('')
  const submit = async (e: Event) => {
    e.preventDefault()
    if (await props.add(name)) setName('')
  }
  return (
    <form class="card toolbar" onSubmit={submit} noValidate>
      <TextField
        id="c-new"
        label={t('newCategory')}
        value={name}
        onValue={setName}
        error={props.error}
        maxLength={100}
      />
      <button type="submit" class="primary">
        {t('add')}
      </button>
    </form>
  )
}
