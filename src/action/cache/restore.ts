/**
 * Restoring the caches (I/O), through @actions/cache, the toolkit's own client of the cache
 * service, loaded only here. Each cache goes into its folder only when that folder is empty;
 * an archive that breaks off half-way leaves nothing behind.
 */
import { removeTree } from '../../files/dirs.js'
import { restoreInto, type Restored } from './decide.js'
import { fingerprint } from './fingerprint.js'
import type { CacheEntry } from './keys.js'

export async function restoreCaches(entries: CacheEntry[]): Promise<Restored[]> {
  const cache = await import('@actions/cache')
  if (!cache.isFeatureAvailable()) {
    return entries.map((entry) => ({
      entry,
      skipped:
        'the cache service is not available here (no ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL)',
    }))
  }
  return Promise.all(
    entries.map(async (entry): Promise<Restored> => {
      const held = await Promise.all(entry.paths.map(fingerprint))
      const full = restoreInto(entry, held)
      if (full) return { entry, skipped: full, after: held[0] ?? undefined }
      const started = performance.now()
      let matched: string | undefined
      try {
        matched = await cache.restoreCache([...entry.paths], entry.key, entry.restoreKeys)
      } catch (err) {
        // a key the service refuses (ValidationError): the only error restoreCache throws
        return { entry, skipped: (err as Error).message }
      }
      const after = await fingerprint(entry.paths[0])
      const ms = Math.round(performance.now() - started)
      if (!matched && after && after.files > 0) {
        // the archive broke off while it was extracted: what it left is not a cache
        await Promise.all(entry.paths.map(removeTree))
        return {
          entry,
          skipped: 'the archive could not be extracted whole: what it left was removed',
          ms,
        }
      }
      return { entry, matched, after: after ?? undefined, ms }
    }),
  )
}
