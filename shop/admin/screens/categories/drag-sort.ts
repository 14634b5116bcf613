import { useState } from 'preact/hooks'

/** Which row is being dragged and which one it is over, while a drag lasts. */
export function useDragSort() {
  const [dragging, setDragging] = useState<number | null>(null)
  const [over, setOver] = useState<number | null>(null)
  return { dragging, setDragging, over, setOver }
}

export type DragSort = ReturnType<typeof useDragSort>

/** The drag-and-drop attributes of row `i` (its id travels with the drag). */
export function dragProps(
  drag: DragSort,
  i: number,
  id: string,
  move: (from: number, to: number) => void,
) {
  const { dragging, setDragging, over, setOver } = drag
  return {
    class: `${dragging === i ? 'dragging' : ''} ${over === i && dragging !== i ? 'drop-target' : ''}`,
    onDragStart: (e: DragEvent) => {
      setDragging(i)
      e.dataTransfer?.setData('text/plain', id)
    },
    onDragOver: (e: DragEvent) => {
      e.preventDefault()
      setOver(i)
    },
    onDragEnd: () => {
      setDragging(null)
      setOver(null)
    },
    onDrop: (e: DragEvent) => {
      e.preventDefault()
      if (dragging !== null) move(dragging, i)
      setDragging(null)
      setOver(null)
    },
  }
}
