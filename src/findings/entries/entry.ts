/**
 * One finding's record in the catalog: which exit code it sets, its usual severity (and
 * the others it may have, and when), the words of the README's findings table, and its
 * fix, a function of the values the finding carries and of who reads it.
 */
import type { Audience, Category, Severity } from '../../base/types.js'

/**
 * What a finding of one shell is about: where its cause is traced (the attribution) and what
 * puts it right (--fix, --apply).
 */
export type Subject =
  /** the go the shell runs: the PATH entry that holds it */
  | { kind: 'go-program' }
  /** an alias or function named go */
  | { kind: 'go-command' }
  /** a folder missing from the shell's PATH: the reference's GOROOT/bin or GOPATH/bin */
  | { kind: 'path-entry'; folder: 'gorootBin' | 'gopathBin' }
  /** a Go variable: this one, or (`name: 'param'`) the one the finding's `name` value names */
  | { kind: 'go-var'; name: string }
  /** a shell's startup file as a whole (it fails, hangs or cannot run) */
  | { kind: 'startup-file' }
  /** a value of the Windows registry (the PATH a new terminal is built from) */
  | { kind: 'registry' }

export interface CatalogEntry<P extends object = Record<never, never>> {
  category: Category
  /** the usual severity */
  severity: Severity
  /** the other severities a finding of this id may have, and when */
  alsoAs?: Partial<Record<Severity, string>>
  /** what it means, as the README's findings table says it */
  means: string
  /** the fix, from the values the finding carries (`params`), for a workflow author or a developer */
  fix: (params: P, audience: Audience) => string
  /** what a finding of one shell is about; absent: the run's, the machine's or the tree's */
  about?: Subject
  /** `--apply` puts it right (an owned block, the go env file or the registry PATH) */
  applies?: boolean
}

export const entry = <P extends object = Record<never, never>>(
  e: CatalogEntry<P>,
): CatalogEntry<P> => e
