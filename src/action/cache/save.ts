/**
 * Saving the caches in the post step (I/O): only what the decision says is worth it, and a
 * key another job saved meanwhile is a note, never an error.
 */
import { saveDecision, type Branch, type Restored, type SavePolicy } from './decide.js'
import { fingerprint } from './fingerprint.js'

export interface Saved {
  name: string
  key: string
  saved: boolean
  /** why it was not saved */
  why?: string
  bytes?: number
  ms?: number
}

export async function saveCaches(
  restored: Restored[],
  policy: SavePolicy,
  branch: Branch,
): Promise<Saved[]> {
  const cache = await import('@actions/cache')
  const out: Saved[] = []
  // one after the other: two uploads at once would share the runner's bandwidth anyway
  for (const r of restored) {
    const { name, key, paths } = r.entry
    const now = await fingerprint(paths[0])
    const d = saveDecision(r, now, policy, branch)
    if (!d.save) {
      out.push({ name, key, saved: false, why: d.why })
      continue
    }
    const started = performance.now()
    const there = await cache.restoreCache([...paths], key, [], { lookupOnly: true })
    if (there === key) {
      out.push({ name, key, saved: false, why: 'another step or job saved this key meanwhile' })
      continue
    }
    const id = await cache.saveCache([...paths], key)
    const ms = Math.round(performance.now() - started)
    out.push(
      id === -1
        ? {
            name,
            key,
            saved: false,
            why: 'the cache service did not take it (the line above says why)',
            ms,
          }
        : { name, key, saved: true, bytes: now?.bytes, ms },
    )
  }
  return out
}
