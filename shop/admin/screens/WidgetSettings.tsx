import { Loading } from '../components/States.tsx'

/** Coming with its API. */
export function WidgetSettings(_props: { slug: string; code?: string; id?: string }) {
  return <Loading />
}
