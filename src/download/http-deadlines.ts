/**
 * The deadlines of one HTTP attempt (pure). Apart from the request itself, so that a run
 * that downloads nothing never loads node:http and node:https (start-up).
 */
export interface Deadlines {
  /** connection plus response headers */
  headersMs: number
  /** the longest a body may stay silent */
  idleMs: number
  /** one whole attempt */
  totalMs: number
}

/** From the `download-timeout` input (seconds per attempt): silences get a quarter, 30 s at most. */
export function deadlinesFor(totalMs: number): Deadlines {
  const quiet = Math.min(30_000, Math.max(250, Math.round(totalMs / 4)))
  return { headersMs: quiet, idleMs: quiet, totalMs }
}

export const DEFAULT_DEADLINES = deadlinesFor(600_000)
