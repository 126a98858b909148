/**
 * The PATH a later step of the job gets once the action wrote `entries` (first = first on
 * PATH) to GITHUB_PATH, from the PATH this step runs with (pure).
 *
 * The runner keeps the lines of every GITHUB_PATH file in one list, removing an equal
 * line (exact, case-sensitive comparison) before adding it again, and starts each step
 * with that list (last added first) in front of the job's original PATH. This step's PATH
 * is that list followed by the original PATH; which part is which cannot be told from
 * inside, so the first equal entry is taken to be the list's: that is exact when the
 * entry came from an earlier GITHUB_PATH line (a re-check later in the job) and when it
 * came from both; an entry only in the original PATH would appear twice for later steps
 * and is shown once here (docs/design.md).
 */
export function laterStepPath(current: string, entries: readonly string[], sep: string): string {
  const rest = current === '' ? [] : current.split(sep)
  for (const e of entries) {
    const at = rest.indexOf(e)
    if (at >= 0) rest.splice(at, 1)
  }
  return [...entries, ...rest].join(sep)
}
