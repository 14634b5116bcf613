import { Loading } from '../components/States.tsx'

/** Coming with its API. */
export function Products(_props: { slug: string; code?: string; id?: string }) {
  return <Loading />
}
