/**
 * Asks the server once typing has paused for `ms`, for an effect: returns what cancels the
 * question, after which its answer (or failure) is dropped, so a slow answer to an old question
 * never overwrites a newer one.
 * @example useEffect(() => askAfterPause(250, () => api.get(url), setAnswer, clear), [url])
 */
export function askAfterPause<T>(
  ms: number,
  ask: () => Promise<T>,
  answer: (value: T) => void,
  failed: () => void,
): () => void {
  let live = true
  const timer = setTimeout(() => {
    ask().then(
      (value) => {
        if (live) answer(value)
      },
      () => {
        if (live) failed()
      },
    )
  }, ms)
  return () => {
    live = false
    clearTimeout(timer)
  }
}
