import { Pager } from '../../components/Pager.tsx'

/** Previous and Next through the pages the server's cursors lead to. */
export function ProductsPager(props: {
  cursors: string[]
  nextCursor: string | null
  turnPage: (cursors: string[]) => void
}) {
  const { cursors, nextCursor, turnPage } = props
  const page = cursors.length + 1
  return (
    <Pager
      page={page}
      more={nextCursor !== null}
      go={(to) =>
        to < page
          ? turnPage(cursors.slice(0, -1))
          : nextCursor && turnPage([...cursors, nextCursor])
      }
    />
  )
}
