/** The "Caches" line of the job summary (pure): hit or miss per cache, the key, size and time. */
import { exactHit, type Restored } from './decide.js'

export const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`

export function describeRestores(restored: readonly Restored[], unavailable?: string): string {
  if (unavailable) return `off: ${unavailable}`
  return restored
    .map((r) => {
      const what = r.skipped
        ? `not restored (${r.skipped})`
        : !r.matched
          ? `miss (\`${r.entry.key}\`)`
          : exactHit(r)
            ? `hit \`${r.matched}\``
            : `restored from \`${r.matched}\` (a restore key; saved under \`${r.entry.key}\`)`
      const size = r.after && r.matched ? `, ${r.after.files} files, ${mib(r.after.bytes)}` : ''
      const time = r.ms !== undefined ? `, ${r.ms} ms` : ''
      return `${r.entry.name} ${what}${size}${time}`
    })
    .join(' · ')
}
