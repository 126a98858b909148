/**
 * One finding's record in the catalog: which exit code it sets, its usual severity (and
 * the others it may have, and when), the words of the README's findings table, and its
 * fix, a function of the values the finding carries and of who reads it.
 */
import type { Audience, Category, Severity } from '../../base/types.js'

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
}

export const entry = <P extends object = Record<never, never>>(
  e: CatalogEntry<P>,
): CatalogEntry<P> => e
