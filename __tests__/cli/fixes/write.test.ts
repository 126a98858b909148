/**
 * A startup file is never left half-written: the disk fills up halfway through the write
 * (every write of the file system made to stop after half its bytes with ENOSPC), and the
 * file still holds its old bytes, with no temporary file left beside it.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

let diskFull = false
const full = () => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
const half = (data: string | Uint8Array) =>
  Buffer.from(data).subarray(0, Math.ceil(data.length / 2))

const real = await import('node:fs/promises')
/** A handle whose writes stop halfway while the disk is full. */
function fullDiskHandle(h: FileHandle): FileHandle {
  return new Proxy(h, {
    get(target, prop, receiver) {
      if (diskFull && (prop === 'writeFile' || prop === 'write' || prop === 'appendFile')) {
        return async (data: string | Uint8Array) => {
          await target.write(half(data))
          throw full()
        }
      }
      const v = Reflect.get(target, prop, receiver) as unknown
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v
    },
  })
}
jest.unstable_mockModule('node:fs/promises', () => ({
  ...real,
  default: real,
  open: async (...a: Parameters<typeof real.open>) => fullDiskHandle(await real.open(...a)),
  writeFile: async (...a: Parameters<typeof real.writeFile>) => {
    if (!diskFull) return real.writeFile(...a)
    await real.writeFile(a[0], half(a[1] as Uint8Array))
    throw full()
  },
  appendFile: async (...a: Parameters<typeof real.appendFile>) => {
    if (!diskFull) return real.appendFile(...a)
    await real.appendFile(a[0], half(a[1] as Uint8Array))
    throw full()
  },
}))
const { writeAtomically } = await import('../../../src/cli/fixes/write.js')

describe('writing a startup file', () => {
  afterEach(() => {
    diskFull = false
  })
  const old = '# my bashrc\nexport PATH="$HOME/bin:$PATH"\n'
  const next = Buffer.from(`${old}\n# >>> go-path-arbiter >>>\nPATH=/usr/local/go/bin:$PATH\n`)

  it('a disk that fills up halfway leaves the old bytes, and nothing beside them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-write-'))
    const file = path.join(dir, '.bashrc')
    writeFileSync(file, old)
    diskFull = true
    await expect(writeAtomically(file, next)).rejects.toThrow(/ENOSPC/)
    diskFull = false
    expect(readFileSync(file, 'utf8')).toBe(old)
    expect(readdirSync(dir)).toEqual(['.bashrc'])
  })

  it('the new bytes arrive whole, in a new file renamed over the old one, its permissions kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gpa-write-'))
    const file = path.join(dir, '.bashrc')
    writeFileSync(file, old, { mode: 0o600 })
    const before = statSync(file)
    await writeAtomically(file, next)
    const after = statSync(file)
    expect(readFileSync(file)).toEqual(next)
    // never written in place: a reader of the old file (or a crash) never sees a mix
    expect(after.ino).not.toBe(before.ino)
    expect(after.mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['.bashrc'])
  })
})
