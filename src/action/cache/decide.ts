/**
 * When a cache is restored and when it is saved (pure). A restore goes only into empty
 * folders, so that it never meets the files of a second set-up or of a toolchain download
 * (tar's "File exists"). A save is skipped when it would add nothing: the entry was
 * restored and nothing was added since, it was restored from its exact key (an entry
 * never changes once saved), the folder is missing or empty, or the cache-save input says
 * so for this run.
 */
import type { CacheEntry } from './keys.js'

export type SavePolicy = 'always' | 'never' | 'default-branch'

export const SAVE_POLICIES: readonly SavePolicy[] = ['always', 'never', 'default-branch']

/**
 * What a folder held: enough to tell whether anything was added since. Not the times: the
 * go command touches the build cache entries it uses, so a build that adds nothing still
 * changes them.
 */
export interface Fingerprint {
  files: number
  bytes: number
}

/** One cache after the restore: what was asked, what matched, what the folder held. */
export interface Restored {
  entry: CacheEntry
  /** the key that matched: the entry's own (an exact hit) or a restore key's */
  matched?: string
  /** why nothing was restored, when nothing was */
  skipped?: string
  /** the folder right after the restore */
  after?: Fingerprint
  ms?: number
}

export const exactHit = (r: Restored) => !!r.matched && r.matched === r.entry.key

export type Decision = { save: true } | { save: false; why: string }

export interface Branch {
  /** GITHUB_REF */
  ref?: string
  /** the repository's default branch, from the event */
  defaultBranch?: string
}

export function saveDecision(
  r: Restored,
  now: Fingerprint | null,
  policy: SavePolicy,
  branch: Branch,
): Decision {
  if (policy === 'never') return { save: false, why: 'cache-save is never' }
  if (policy === 'default-branch') {
    if (!branch.defaultBranch) {
      return {
        save: false,
        why: 'the default branch is not known here (cache-save: default-branch)',
      }
    }
    if (branch.ref !== `refs/heads/${branch.defaultBranch}`) {
      return {
        save: false,
        why: `this run is on ${branch.ref ?? 'no branch'}, not ${branch.defaultBranch} (cache-save: default-branch)`,
      }
    }
  }
  const folder = r.entry.paths.join(', ')
  if (!now) return { save: false, why: `nothing to save: ${folder} does not exist` }
  if (now.files === 0) return { save: false, why: `nothing to save: ${folder} is empty` }
  const same = !!r.after && r.after.files === now.files && r.after.bytes === now.bytes
  // the module cache restored through a restore key is saved under its own key, unchanged
  // or not, so that the next run gets an exact hit (setup-go's cache-hit); the build cache,
  // keyed on the run, only when something was added
  if (r.matched && same && (exactHit(r) || r.entry.name === 'build')) {
    return { save: false, why: 'nothing was added since it was restored' }
  }
  if (exactHit(r)) {
    return {
      save: false,
      why: 'restored from its exact key, which is not saved again (an entry never changes); what was added goes under the next key',
    }
  }
  return { save: true }
}

/** Whether a folder may be restored into: it must be empty or missing. */
export function restoreInto(
  entry: CacheEntry,
  held: Array<Fingerprint | null>,
): string | undefined {
  const full = held.findIndex((h) => !!h && h.files > 0)
  if (full < 0) return undefined
  return `${entry.paths[full]} already holds ${held[full]!.files} files (a second set-up, or a download): not restored over them`
}
