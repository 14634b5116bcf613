import { Loading } from '../components/States.tsx'

/** Coming with the catalog API. */
export function ProductEditorScreen(_props: { slug: string; id: string }) {
  return <Loading />
}
