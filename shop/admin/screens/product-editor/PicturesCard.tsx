import { useRef } from 'preact/hooks'
import { Field } from '../../components/Field.tsx'
import { t } from '../../i18n.ts'
import { moveItem } from '../../product-form.ts'
import type { CardProps } from './card-props.ts'

/** The product's pictures: upload, reorder (drag or buttons) and remove. */
export function PicturesCard(
  props: CardProps & { uploading: number; upload: (files: FileList) => Promise<void> },
) {
  const { draft, set, errors, uploading, upload } = props
  const dragFrom = useRef<number | null>(null)
  const moveImage = (from: number, to: number) => set({ images: moveItem(draft.images, from, to) })
  const imageError = Object.entries(errors).find(
    ([k]) => k === 'images' || k.startsWith('images.'),
  )?.[1]
  return (
    <div class="card">
      <h2>{t('pictures')}</h2>
      {draft.images.length > 0 && (
        <ul class="images" aria-label={t('pictures')}>
          {draft.images.map((image, i) => (
            <li
              key={image.hash}
              draggable
              onDragStart={() => {
                dragFrom.current = i
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault()
                if (dragFrom.current !== null) moveImage(dragFrom.current, i)
                dragFrom.current = null
              }}
            >
              <img src={image.thumbUrl} alt={t('pictureN', { n: i + 1 })} width={94} height={94} />
              <div class="image-actions">
                <button
                  type="button"
                  aria-label={t('moveEarlier', { n: i + 1 })}
                  disabled={i === 0}
                  onClick={() => moveImage(i, i - 1)}
                >
                  ◀
                </button>
                <button
                  type="button"
                  aria-label={t('removePicture', { n: i + 1 })}
                  onClick={() => set({ images: draft.images.filter((_, j) => j !== i) })}
                >
                  ✕
                </button>
                <button
                  type="button"
                  aria-label={t('moveLater', { n: i + 1 })}
                  disabled={i === draft.images.length - 1}
                  onClick={() => moveImage(i, i + 1)}
                >
                  ▶
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Field
        id="p-images"
        label={t('addPictures')}
        error={imageError}
        hint={uploading ? t('uploading', { n: uploading }) : t('picturesHint')}
      >
        {(describedBy) => (
          <input
            id="p-images"
            type="file"
            multiple
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-describedby={describedBy}
            onChange={(e) => {
              const files = e.currentTarget.files
              if (files?.length) void upload(files)
              e.currentTarget.value = ''
            }}
          />
        )}
      </Field>
    </div>
  )
}
