import { Loading } from '../components/States.tsx'

/** Coming with its API. */
export function Categories(_props: { slug: string; code?: string; id?: string }) {
  return <Loading />
}
